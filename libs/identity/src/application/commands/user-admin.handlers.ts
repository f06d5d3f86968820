import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import { commandContextFrom, type RequestContext } from '#platform';
import type { AccountGrant, StaffRole, UserCommand } from '../../domain/index.js';
import { IDENTITY_ACCOUNTS, type IdentityAccounts } from '../identity-context.js';
import { IdentityStreams } from '../identity-streams.js';

export interface UserChangeOutcome {
  readonly id: string;
  readonly revision: number;
  readonly events: readonly { type: string }[];
}

type Change =
  | { readonly type: 'ChangeUserRole'; readonly role: StaffRole }
  | { readonly type: 'ChangeClientAccess'; readonly grants: readonly AccountGrant[] }
  | { readonly type: 'DeactivateUser'; readonly reason: string }
  | { readonly type: 'ReactivateUser' };

/** A manager's change to another user: role, account grants, deactivation and reactivation. */
export class ChangeUserCommand extends Command<UserChangeOutcome> {
  constructor(readonly userId: string, readonly change: Change, readonly request: RequestContext) {
    super();
  }
}

const commandOf = (change: Change, now: Temporal.Instant, by: string): UserCommand => {
  switch (change.type) {
    case 'ChangeUserRole': return { type: change.type, now, by, data: { role: change.role } };
    case 'ChangeClientAccess': return { type: change.type, now, by, data: { grants: change.grants } };
    case 'DeactivateUser': return { type: change.type, now, by, data: { reason: change.reason } };
    case 'ReactivateUser': return { type: change.type, now, by, data: {} };
  }
};

@CommandHandler(ChangeUserCommand)
export class ChangeUserHandler implements ICommandHandler<ChangeUserCommand> {
  constructor(private readonly streams: IdentityStreams, @Inject(IDENTITY_ACCOUNTS) private readonly accounts: IdentityAccounts) {}

  async execute({ userId, change, request }: ChangeUserCommand): Promise<UserChangeOutcome> {
    const context = commandContextFrom(request);
    for (const { accountId } of change.type === 'ChangeClientAccess' ? change.grants : []) {
      if (!(await this.accounts.exists(accountId))) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
    }
    const result = await this.streams.executeUser(userId, context, (now) => commandOf(change, now, context.actor));
    return { id: userId, revision: result.nextExpectedRevision, events: result.events.map(({ type }) => ({ type })) };
  }
}
