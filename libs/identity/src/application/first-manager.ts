import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, deterministicEventId, type EventStore } from '#eventstore';
import { CommandPipeline, buildEventMetadata, loadStream, type CommandContext, type RequestContext } from '#platform';
import {
  FIRST_MANAGER_STREAM, firstManagerDecider, userStream, type FirstManagerCommand, type FirstManagerLinkRedeemed, type User, type UserEvent,
} from '../domain/index.js';
import { AppLinks } from './app-links.js';
import { firstManagerCodec, userCodec } from './codecs.js';
import { personContext, type ClientInfo } from './identity-context.js';
import { IdentityStreams } from './identity-streams.js';
import { assertAcceptablePassword, hashPassword, newLink, parseLinkToken } from './secrets.js';
import { Sessions, type SignInOutcome } from './sessions.js';

const OWNER = 'installation';
const LINK_HOURS = 24;

const systemContext = (commandId: string): CommandContext => ({ actor: 'system', role: 'system', correlationId: commandId, commandId });

/** The one-time link that creates the first manager of an installation, and its redemption. */
@Injectable()
export class FirstManager {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly streams: IdentityStreams,
    private readonly sessions: Sessions,
    private readonly links: AppLinks,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** On start: the link to print while nobody redeemed one (each start replaces it); undefined once done. */
  async issueLinkIfNeeded(commandId: string): Promise<string | undefined> {
    const { state } = await loadStream(this.store, FIRST_MANAGER_STREAM, firstManagerDecider, firstManagerCodec, '');
    if (state.redeemed) {
      await this.ensureUser(state.redeemed, systemContext(commandId));
      return undefined;
    }
    const { token, link } = newLink(OWNER, this.streams.now().add({ hours: LINK_HOURS }));
    await this.execute(systemContext(commandId), (now) => ({ type: 'IssueFirstManagerLink', now, data: { link } }));
    return this.links.firstManager(token);
  }

  async pending(): Promise<boolean> {
    return !(await loadStream(this.store, FIRST_MANAGER_STREAM, firstManagerDecider, firstManagerCodec, '')).state.redeemed;
  }

  async redeem(input: { token: string; name: string; email: string; password: string }, client: ClientInfo, request: RequestContext): Promise<SignInOutcome> {
    const parsed = parseLinkToken(input.token);
    const tokenHash = parsed?.owner === OWNER ? parsed.tokenHash : '';
    const passwordHash = await hashPassword(assertAcceptablePassword(input.password, input.email));
    const userId = request.commandId;
    const context = personContext(request, userId, 'manager');
    const result = await this.execute(context, (now) => ({
      type: 'RedeemFirstManagerLink', now, data: { tokenHash, userId, email: input.email, name: input.name, passwordHash },
    }));
    const redeemed = result.events[0] as FirstManagerLinkRedeemed | undefined;
    if (!redeemed) throw new Error('The first-manager link was redeemed without an event');
    await this.ensureUser(redeemed.data, context);
    return this.sessions.signIn((await this.streams.user(redeemed.data.userId)) as User, true, client, { ...request, commandId: `${request.commandId}:sign-in` });
  }

  private execute(context: CommandContext, command: (now: import('temporal-polyfill').Temporal.Instant) => FirstManagerCommand) {
    return this.pipeline.execute({ stream: FIRST_MANAGER_STREAM, decider: firstManagerDecider, codec: firstManagerCodec, context, command });
  }

  /** The redemption's user: its address claimed, then invited and accepted in one append (ids from the link: a repeat is a no-op). */
  private async ensureUser(redeemed: FirstManagerLinkRedeemed['data'], context: CommandContext): Promise<void> {
    const { userId, email, name, passwordHash, linkId, redeemedAt } = redeemed;
    await this.streams.claimEmail(email, userId, { ...context, commandId: `first-manager:${linkId}` });
    for await (const _existing of this.store.readStream(userStream(userId), { maxCount: 1 })) return;
    const events: UserEvent[] = [
      { type: 'UserInvited', data: { userId, email, name, role: 'manager', grants: [], invitationId: linkId, tokenHash: '', expiresAt: redeemedAt, invitedAt: redeemedAt } },
      { type: 'InvitationAccepted', data: { userId, invitationId: linkId, passwordHash, acceptedAt: redeemedAt } },
    ];
    const metadata = buildEventMetadata(context, this.streams.now());
    const commandId = `first-manager:${linkId}:user`;
    await this.store.append(userStream(userId), events.map((e, i) => userCodec.encode(e, { id: deterministicEventId(commandId, i), metadata })), 'no_stream');
  }
}
