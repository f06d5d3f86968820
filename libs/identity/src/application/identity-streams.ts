import { Inject, Injectable } from '@nestjs/common';
import type { Temporal } from 'temporal-polyfill';
import { CLOCK, type Clock } from '#kernel';
import { EVENT_STORE, deterministicEventId, isWrongExpectedRevision, type EventStore } from '#eventstore';
import { CommandPipeline, buildEventMetadata, loadStream, type CommandContext } from '#platform';
import {
  apiKeyDecider, apiKeyStream, emailClaimDecider, normalizeEmail, sessionStream, signInDecider, signInStream, userDecider, userStream,
  type ApiKeyCommand, type ApiKeyState, type AttemptSignIn, type SignInEvent, type SignInState, type UserCommand, type UserState,
} from '../domain/index.js';
import { apiKeyCodec, emailClaimCodec, sessionCodec, signInCodec, userCodec } from './codecs.js';
import { sha256 } from './secrets.js';

export const emailStream = (email: string): string => `useremail-${sha256(normalizeEmail(email))}`;

const MAX_SIGN_IN_RETRIES = 5;

/** The identity context's streams: reads fold them, writes go through the CommandPipeline (sign-in attempts: the tail). */
@Injectable()
export class IdentityStreams {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Temporal.Instant {
    return this.clock.now();
  }

  async user(userId: string): Promise<UserState> {
    return (await loadStream(this.store, userStream(userId), userDecider, userCodec, '')).state;
  }

  async userIdByEmail(email: string): Promise<string | undefined> {
    return (await loadStream(this.store, emailStream(email), emailClaimDecider, emailClaimCodec, '')).state.userId;
  }

  /** Its own command id (derived), so its event ids never collide with those of the user stream's command. */
  claimEmail(email: string, userId: string, context: CommandContext) {
    const data = { email: normalizeEmail(email), userId };
    const claim = { ...context, commandId: `${context.commandId}:email` };
    return this.pipeline.execute({ stream: emailStream(email), decider: emailClaimDecider, codec: emailClaimCodec, context: claim, command: (now) => ({ type: 'ClaimEmail' as const, now, data }) });
  }

  executeUser(userId: string, context: CommandContext, command: (now: Temporal.Instant, state: UserState) => UserCommand) {
    return this.pipeline.execute({ stream: userStream(userId), decider: userDecider, codec: userCodec, context, command });
  }

  executeApiKey(keyId: string, context: CommandContext, command: (now: Temporal.Instant) => ApiKeyCommand) {
    return this.pipeline.execute({ stream: apiKeyStream(keyId), decider: apiKeyDecider, codec: apiKeyCodec, context, command });
  }

  async apiKey(keyId: string): Promise<ApiKeyState> {
    return (await loadStream(this.store, apiKeyStream(keyId), apiKeyDecider, apiKeyCodec, '')).state;
  }

  /** The lockout state is in the last attempt alone: read one event backwards, whatever the stream's length. */
  async signInTail(userId: string): Promise<{ state: SignInState; revision: number }> {
    for await (const last of this.store.readStream(signInStream(userId), { direction: 'backwards', maxCount: 1 })) {
      return { state: signInDecider.evolve(signInDecider.initialState(), signInCodec.decode<SignInEvent>(last)), revision: last.revision };
    }
    return { state: signInDecider.initialState(), revision: -1 };
  }

  /** Decides on the tail and appends at its exact revision; a concurrent attempt makes it decide again. */
  async attemptSignIn(userId: string, context: CommandContext, build: (now: Temporal.Instant, state: SignInState) => AttemptSignIn): Promise<SignInEvent[]> {
    const now = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      const tail = await this.signInTail(userId);
      const events = signInDecider.decide(build(now, tail.state), tail.state);
      try {
        await this.appendAll(signInStream(userId), events, tail.revision < 0 ? 'no_stream' : tail.revision, context, now);
        return events;
      } catch (error) {
        if (!isWrongExpectedRevision(error) || attempt >= MAX_SIGN_IN_RETRIES) throw error;
      }
    }
  }

  /** Facts recorded without a decision (an attempt with an unknown address): appended whatever the stream holds. */
  async record(stream: string, events: readonly SignInEvent[], context: CommandContext): Promise<void> {
    await this.appendAll(stream, events, 'any', context, this.clock.now());
  }

  async sessionEnded(sessionId: string): Promise<boolean> {
    for await (const _ended of this.store.readStream(sessionStream(sessionId), { maxCount: 1 })) return true;
    return false;
  }

  async endSession(sessionId: string, userId: string, context: CommandContext): Promise<void> {
    if (await this.sessionEnded(sessionId)) return;
    const event = { type: 'SessionEnded' as const, data: { sessionId, userId, reason: 'signedOut' as const, endedAt: this.clock.now().toString() } };
    const metadata = buildEventMetadata(context, this.clock.now());
    await this.store.append(sessionStream(sessionId), [sessionCodec.encode(event, { id: deterministicEventId(context.commandId, 0), metadata })], 'any');
  }

  private async appendAll(stream: string, events: readonly SignInEvent[], expected: number | 'any' | 'no_stream', context: CommandContext, now: Temporal.Instant) {
    const metadata = buildEventMetadata(context, now);
    const encoded = events.map((event, index) => signInCodec.encode(event, { id: deterministicEventId(context.commandId, index), metadata }));
    await this.store.append(stream, encoded, expected);
  }
}
