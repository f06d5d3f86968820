import { ProblemError, type Principal, type StaffDirectory } from '#platform';

/**
 * `me`: the caller's own tickets; `none`: those nobody is assigned to; otherwise a staff user (an agent or a manager,
 * deactivated ones too: their tickets stay theirs until reassigned). A user id nobody knows, or a client's, is refused
 * with 400 rather than answered with an empty list that looks like "nothing assigned".
 */
export const assigneeFilter = async (staff: StaffDirectory, caller: Principal, assignee?: string): Promise<string | null | undefined> => {
  if (assignee === undefined) return undefined;
  if (assignee === 'none') return null;
  if (assignee === 'me') return caller.sub;
  const user = await staff.find(assignee);
  if (!user || (user.role !== 'agent' && user.role !== 'manager')) {
    throw new ProblemError(400, 'ASSIGNEE_IS_NOT_A_STAFF_USER', 'Unknown assignee', `assignee must be 'me', 'none' or the id of an agent or manager, got "${assignee}"`, undefined, undefined, { assignee });
  }
  return assignee;
};

export const ASSIGNEE_DESCRIPTION = "'me' (the caller's tickets), 'none' (unassigned) or the user id of an agent or manager (400 for any other id)";
