import type { Principal } from '#platform';

/** `me`: the caller's own tickets; `none`: those nobody is assigned to; otherwise a user id. */
export const assigneeFilter = (caller: Principal, assignee?: string): string | null | undefined => {
  if (assignee === undefined) return undefined;
  if (assignee === 'none') return null;
  return assignee === 'me' ? caller.sub : assignee;
};

export const ASSIGNEE_DESCRIPTION = "A user id, 'me' (the caller's tickets) or 'none' (unassigned)";
