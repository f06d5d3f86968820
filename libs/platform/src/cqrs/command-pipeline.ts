import { setTimeout as sleep } from 'node:timers/promises';
import { Temporal } from 'temporal-polyfill';
import { DomainError, type Clock, type Decider, type DomainEvent } from '#kernel';
import { WrongExpectedRevisionError, deterministicEventId, isWrongExpectedRevision, type EventStore } from '#eventstore';
import { buildEventMetadata, systemEventMetadata, type CommandContext } from '../context/command-context.js';
import { ProblemError } from '../errors/problem.js';
import { currentRequestContext } from '../context/request-context.js';
import { REUSED_KEY_DETAIL, expiredKeyDetail } from '../idempotency/idempotency.interceptor.js';
import { timePhase, timePhaseAsync } from '../http/server-timing.js';
import { loadStream, type LoadedStream, type StreamCodec } from './load-stream.js';
import type { SnapshotSource } from './snapshots.js';

export interface ExecuteCommandOptions<Command, Event extends DomainEvent, State> {
  readonly stream: string;
  readonly decider: Decider<Command, Event, State>;
  readonly codec: StreamCodec;
  /** Builds the command from the one `now` of this execution and the current state. */
  readonly command: (now: Temporal.Instant, state: State) => Command;
  readonly context: CommandContext;
  readonly snapshots?: SnapshotSource<State>;
  /** The instant of this execution when the caller already read the clock (it then reads it no more). */
  readonly now?: Temporal.Instant;
  /**
   * The stream revision the decision must be taken on: another revision is a conflict that is not retried
   * (the caller decided something elsewhere on the strength of that revision).
   */
  readonly expectedRevision?: number;
  /** Events no person commands (time-triggered facts): recorded with the system as actor, noticed by this command. */
  readonly systemEvent?: (event: Event) => boolean;
  /** Conflict retries for a stream many writers meet (default MAX_CONFLICT_RETRIES). */
  readonly maxRetries?: number;
}

export interface CommandResult<Event extends DomainEvent> {
  readonly events: readonly Event[];
  /** Revision of the stream's last event (-1: the stream still does not exist). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written (or read, when nothing was decided). */
  readonly position: number;
}

export interface PipelineDependencies {
  readonly store: EventStore;
  readonly clock: Clock;
}

export const MAX_CONFLICT_RETRIES = 5;

/**
 * Read the clock once, load, decide, append at the exact revision with ids derived from the command id.
 * A command already recorded in the stream returns its first result; a conflict reloads and decides
 * again, at most MAX_CONFLICT_RETRIES times, then the WrongExpectedRevisionError propagates (→ 409).
 */
export async function executeCommand<Command, Event extends DomainEvent, State>(
  dependencies: PipelineDependencies,
  options: ExecuteCommandOptions<Command, Event, State>,
): Promise<CommandResult<Event>> {
  const now = options.now ?? dependencies.clock.now();
  const retries = options.expectedRevision === undefined ? (options.maxRetries ?? MAX_CONFLICT_RETRIES) : 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(dependencies.store, options, now);
    } catch (error) {
      if (!isWrongExpectedRevision(error) || attempt >= retries) throw error;
      await sleep(backoffMs(attempt));
    }
  }
}

/** Loads and decides without appending: what the command would write now, and the revision it read. */
export async function decideOnly<Command, Event extends DomainEvent, State>(
  dependencies: PipelineDependencies,
  { stream, decider, codec, command, context, snapshots, now }: ExecuteCommandOptions<Command, Event, State>,
): Promise<{ events: readonly Event[]; revision: number; earlier?: CommandResult<Event> }> {
  const loaded = await loadStream(dependencies.store, stream, decider, codec, context.commandId, snapshots);
  if (loaded.earlier) {
    assertSameRequest(loaded.earlier.requestHash, context);
    const { events, revision, position } = loaded.earlier;
    return { events, revision: loaded.revision, earlier: { events, nextExpectedRevision: revision, position } };
  }
  return { events: decider.decide(command(now ?? dependencies.clock.now(), loaded.state), loaded.state), revision: loaded.revision };
}


async function attemptOnce<Command, Event extends DomainEvent, State>(
  store: EventStore,
  { stream, decider, codec, command, context, snapshots, expectedRevision, systemEvent }: ExecuteCommandOptions<Command, Event, State>,
  now: Temporal.Instant,
): Promise<CommandResult<Event>> {
  const loaded: LoadedStream<Event, State> = await timePhaseAsync('load', () => loadStream(store, stream, decider, codec, context.commandId, snapshots));
  if (loaded.earlier) {
    assertStillReplayable(loaded.earlier.occurredAt, context, now);
    assertSameRequest(loaded.earlier.requestHash, context);
    noteAnsweredFromEvents(context);
    const { events, revision, position } = loaded.earlier;
    return { events, nextExpectedRevision: revision, position };
  }
  if (expectedRevision !== undefined && loaded.revision !== expectedRevision) {
    throw new WrongExpectedRevisionError(stream, expectedRevision, loaded.revision < 0 ? 'no_stream' : loaded.revision);
  }
  const events = timePhase('decide', () => decider.decide(command(now, loaded.state), loaded.state));
  if (events.length === 0) return { events, nextExpectedRevision: loaded.revision, position: loaded.position };
  const metadata = buildEventMetadata(context, now);
  const system = systemEventMetadata(context, now);
  const encoded = events.map((event, index) =>
    codec.encode(event, { id: deterministicEventId(context.commandId, index), metadata: systemEvent?.(event) ? system : metadata }),
  );
  const result = await timePhaseAsync('append', () => store.append(stream, encoded, loaded.revision < 0 ? 'no_stream' : loaded.revision));
  return { events, nextExpectedRevision: result.nextExpectedRevision, position: result.position };
}

/**
 * A keyed request whose command id already wrote events longer ago than its key is kept was not retried: its key
 * came back after it expired. Replaying those events would answer for a command that never ran now.
 */
function assertStillReplayable(occurredAt: string, context: CommandContext, now: Temporal.Instant): void {
  if (context.replayWindowMs === undefined) return;
  const ageMs = now.epochMilliseconds - Temporal.Instant.from(occurredAt).epochMilliseconds;
  if (ageMs <= context.replayWindowMs) return;
  throw new DomainError('IDEMPOTENCY_KEY_EXPIRED', expiredKeyDetail(context.replayWindowMs), { commandId: context.commandId, firstRecordedAt: occurredAt });
}

/**
 * The command id of a keyed request is derived from its key's scope, so events found under it were written by a
 * request with that key: by another request when their recorded hash differs. This holds when the idempotency
 * record is gone (kept without an fsync of its own, it may be lost with the machine; the events are not).
 */
function assertSameRequest(recordedHash: string | undefined, context: CommandContext): void {
  if (recordedHash === undefined || context.requestHash === undefined || recordedHash === context.requestHash) return;
  throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', REUSED_KEY_DETAIL);
}

/** A keyed request answered from its earlier events is a replay: the interceptor says so (Idempotent-Replayed). */
function noteAnsweredFromEvents(context: CommandContext): void {
  if (context.requestHash === undefined) return;
  const request = currentRequestContext();
  if (request?.requestHash === context.requestHash) request.answeredFromEvents = true;
}

/** Jittered, growing pause so racing writers spread out: 5–15 ms at first, at most 120 ms. */
const backoffMs = (attempt: number): number => Math.round((5 + Math.random() * 10) * 2 ** Math.min(attempt, 3));
