import { isWrongExpectedRevision } from '#eventstore';
import { MAX_CONFLICT_RETRIES, type CommandContext, type Principal } from '#platform';
import type { TicketEvent } from '../domain/ticket/events.js';
import type { TicketCommandOutcome } from './command-outcome.js';
import type { EstimateGate, GateDecision, TicketAccounts } from './ticket-accounts.port.js';
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
 * estimate of the account, then the ticket records that decision on the revision the gate was decided on.
 *
 * If the ticket moved in between only by events its account does not follow (its number, a time entry, a
 * clarification: `accountFollowedTicketEvents`) and it still decides the gate's minutes, the gate stands and the
 * decision is recorded on the new revision: nothing the gate was decided against changed, and the estimate keeps its
 * place among the account's estimates (voiding and gating again would let another ticket's estimate, decided
 * against this one's hold, count against it in turn). If the ticket moved otherwise (an estimate, a rejection, an
 * end, which settle the gate on the account) the gate is voided (the compensation) and the decision tried again;
 * a refusal voids it and stands.
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
      return await recordGated(tickets, decision, gate, gated);
    } catch (error) {
      await accounts.voidEstimateGate(accountId, gate, attemptContext(context, attempt, 'void'));
      if (!isWrongExpectedRevision(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
    }
  }
}

/** Records the gate's decision on the ticket: on the gate's revision, or on a later one the gate still holds for. */
async function recordGated(tickets: TicketPipeline, decision: GatedDecision, gate: EstimateGate, gated: GateDecision): Promise<TicketCommandOutcome> {
  const { ticketId, caller, context, build } = decision;
  const decided = (now: Temporal.Instant) => build(now, gated.availableMinutes, gate.estimateId);
  for (let expectedRevision = gated.ticketRevision, moved = 0; ; moved++) {
    try {
      return await tickets.run({ ticketId, caller, context, expectedRevision, build: decided });
    } catch (error) {
      if (!isWrongExpectedRevision(error) || moved >= MAX_CONFLICT_RETRIES) throw error;
      const standing = await revisionGateStandsOn(tickets, decision, gate, gated);
      if (standing === undefined) throw error;
      expectedRevision = standing;
    }
  }
}

/**
 * The ticket's current revision when the gate still stands there: every event since the gate's revision is one the
 * account does not follow, and the ticket decides the same minutes again (a refusal throws: the gate is voided).
 */
async function revisionGateStandsOn(tickets: TicketPipeline, decision: GatedDecision, gate: EstimateGate, gated: GateDecision): Promise<number | undefined> {
  const { ticketId, caller, context, build, minutesOf } = decision;
  const again = await tickets.decideOnly({ ticketId, caller, context, build: (now) => build(now, gated.availableMinutes, gate.estimateId) });
  if (again.done || minutesOf(again.events) !== gate.minutes) return undefined;
  if (await tickets.accountFollowsAnyBetween(ticketId, gated.ticketRevision, again.revision)) return undefined;
  return again.revision;
}
