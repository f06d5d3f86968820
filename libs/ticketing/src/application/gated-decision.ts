import { isWrongExpectedRevision } from '#eventstore';
import { MAX_CONFLICT_RETRIES, type CommandContext, type Principal } from '#platform';
import type { TicketEvent } from '../domain/ticket/events.js';
import type { TicketCommandOutcome } from './command-outcome.js';
import type { TicketAccounts } from './ticket-accounts.port.js';
import type { TicketCommandInput, TicketPipeline } from './ticket-pipeline.js';
import type { Temporal } from 'temporal-polyfill';

/** Each attempt is its own gate on the account; the ticket's events keep the request's command id. */
const attemptContext = (context: CommandContext, attempt: number, step: 'gate' | 'void'): CommandContext =>
  ({ ...context, causationId: context.causationId ?? context.commandId, commandId: `${context.commandId}:${step}:${attempt}` });

export interface GatedDecision {
  readonly ticketId: string;
  readonly caller: Principal;
  readonly context: CommandContext;
  /** The command, given the account's available minutes and the gate's id (placeholders while only checking). */
  readonly build: (now: Temporal.Instant, availableMinutes: number, estimateId?: string) => TicketCommandInput;
  /** The estimate the gate holds, read from what the ticket would decide. */
  readonly minutesOf: (events: readonly TicketEvent[]) => number;
}

/**
 * A ticket decision that changes the estimate, gated where the balance lives: the ticket is checked first (a
 * refusal writes nothing), the account decides approval against its available minutes, serialised with every other
 * estimate of the account, then the ticket records that decision on exactly the revision the gate was decided on.
 * If the ticket moved in between, the gate is voided (the compensation) and the decision tried again; a refusal voids
 * it and stands.
 */
export async function decideGated(tickets: TicketPipeline, accounts: TicketAccounts, decision: GatedDecision): Promise<TicketCommandOutcome> {
  const { ticketId, caller, context, build, minutesOf } = decision;
  const accountId = await tickets.accountIdOf(ticketId, caller);
  for (let attempt = 0; ; attempt++) {
    const checked = await tickets.decideOnly({ ticketId, caller, context, build: (now) => build(now, 0) });
    if (checked.done) return checked.done;
    const gateContext = attemptContext(context, attempt, 'gate');
    const gate = { ticketId, estimateId: gateContext.commandId, minutes: minutesOf(checked.events), ticketRevision: checked.revision };
    const gated = await accounts.gateEstimate(accountId, gate, gateContext);
    try {
      return await tickets.run({ ticketId, caller, context, expectedRevision: gated.ticketRevision, build: (now) => build(now, gated.availableMinutes, gate.estimateId) });
    } catch (error) {
      await accounts.voidEstimateGate(accountId, gate, attemptContext(context, attempt, 'void'));
      if (!isWrongExpectedRevision(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
    }
  }
}
