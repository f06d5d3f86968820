import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Temporal } from 'temporal-polyfill';
import { CommandPipeline, type CommandContext, type Principal, type SnapshotSource } from '#platform';
import type { AccountCommand } from '../domain/account/account-commands.js';
import { accountDecider, accountStream } from '../domain/account/account-decider.js';
import type { AccountState } from '../domain/account/account-state.js';
import { assertAccountVisible } from './account-access.js';
import { accountCodec } from './codecs.js';
import { type CommandOutcome, outcomeOf } from './command-outcome.js';
import { ACCOUNT_SNAPSHOTS } from '../reactors/account-snapshots.js';

export interface AccountCommandRun {
  readonly accountId: string;
  readonly context: CommandContext;
  /** Absent for the system (reactors, scheduler); a client only reaches its own accounts. */
  readonly caller?: Principal;
  readonly build: (now: Temporal.Instant, state: AccountState) => AccountCommand;
  /** Only OpenAccount acts on an account that does not exist yet. */
  readonly creates?: boolean;
}

/** The account stream's use of the CommandPipeline, with the tenant check before the decider. */
@Injectable()
export class AccountPipeline {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Optional() @Inject(ACCOUNT_SNAPSHOTS) private readonly snapshots?: SnapshotSource<AccountState>,
  ) {}

  async run({ accountId, context, caller, build, creates }: AccountCommandRun): Promise<CommandOutcome> {
    const result = await this.pipeline.execute({
      stream: accountStream(accountId),
      decider: accountDecider,
      codec: accountCodec,
      ...(this.snapshots && { snapshots: this.snapshots }),
      context,
      command: (now, state) => build(now, creates ? state : assertAccountVisible(state, accountId, caller)),
    });
    return outcomeOf(accountId, result);
  }
}
