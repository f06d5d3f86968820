import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#kernel';
import { PLATFORM_CONFIG, commandContextFrom, type PlatformConfig, type RequestContext } from '#platform';
import type { AccountGrant, User, UserRole } from '../../domain/index.js';
import { AppLinks } from '../app-links.js';
import { IDENTITY_ACCOUNTS, personContext, type ClientInfo, type IdentityAccounts } from '../identity-context.js';
import { IDENTITY_MAILER, invitationMail, type IdentityMailer, type MailDelivery } from '../identity-mail.js';
import { IdentityStreams } from '../identity-streams.js';
import { assertAcceptablePassword, hashPassword, newLink, parseLinkToken } from '../secrets.js';
import { Sessions, type SignInOutcome } from '../sessions.js';

export interface InvitationOutcome {
  readonly id: string;
  readonly revision: number;
  readonly mail: MailDelivery | 'notSentAgain';
  /** Only when no SMTP server is configured: the manager hands the link over. */
  readonly link?: string;
}

export interface InviteUserInput {
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly grants?: readonly AccountGrant[];
}

const invitationNotValid = () => new DomainError('INVITATION_NOT_VALID', 'This link is not valid any more; ask for a new one.');

/** Sends the invitation's link by e-mail; without SMTP the inviting manager gets the link instead. */
abstract class SendsInvitation {
  constructor(protected readonly streams: IdentityStreams, private readonly links: AppLinks, private readonly mailer: IdentityMailer, protected readonly config: PlatformConfig) {}

  protected expiry() {
    return this.streams.now().add({ hours: this.config.identity.invitationTtlHours });
  }

  protected async deliver(user: User, token: string, revision: number): Promise<InvitationOutcome> {
    const link = this.links.invitation(token);
    const mail = await this.mailer.send(invitationMail(user.email, user.name, user.role, link, user.invitation?.expiresAt ?? ''));
    return { id: user.userId, revision, mail, ...(mail === 'notConfigured' && { link }) };
  }
}

export class InviteUserCommand extends Command<InvitationOutcome> {
  constructor(readonly input: InviteUserInput, readonly request: RequestContext) {
    super();
  }
}

@CommandHandler(InviteUserCommand)
export class InviteUserHandler extends SendsInvitation implements ICommandHandler<InviteUserCommand> {
  constructor(
    streams: IdentityStreams, links: AppLinks, @Inject(IDENTITY_MAILER) mailer: IdentityMailer, @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(IDENTITY_ACCOUNTS) private readonly accounts: IdentityAccounts,
  ) {
    super(streams, links, mailer, config);
  }

  async execute({ input, request }: InviteUserCommand): Promise<InvitationOutcome> {
    const context = commandContextFrom(request);
    for (const { accountId } of input.grants ?? []) {
      if (!(await this.accounts.exists(accountId))) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
    }
    const claimed = await this.streams.userIdByEmail(input.email);
    const userId = claimed !== undefined && (await this.streams.user(claimed)).status === 'none' ? claimed : request.commandId;
    await this.streams.claimEmail(input.email, userId, context);
    const { token, link } = newLink(userId, this.expiry());
    const result = await this.streams.executeUser(userId, context, (now) => ({
      type: 'InviteUser', now, by: context.actor, data: { userId, email: input.email, name: input.name, role: input.role, grants: input.grants ?? [], link },
    }));
    const user = await this.streams.user(userId);
    if (result.events.length === 0 || user.status === 'none') return { id: userId, revision: result.nextExpectedRevision, mail: 'notSentAgain' };
    return this.deliver(user, token, result.nextExpectedRevision);
  }
}

export class RenewInvitationCommand extends Command<InvitationOutcome> {
  constructor(readonly userId: string, readonly request: RequestContext) {
    super();
  }
}

@CommandHandler(RenewInvitationCommand)
export class RenewInvitationHandler extends SendsInvitation implements ICommandHandler<RenewInvitationCommand> {
  constructor(streams: IdentityStreams, links: AppLinks, @Inject(IDENTITY_MAILER) mailer: IdentityMailer, @Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    super(streams, links, mailer, config);
  }

  async execute({ userId, request }: RenewInvitationCommand): Promise<InvitationOutcome> {
    const context = commandContextFrom(request);
    const { token, link } = newLink(userId, this.expiry());
    const result = await this.streams.executeUser(userId, context, (now) => ({ type: 'RenewInvitation', now, by: context.actor, data: { link } }));
    const user = await this.streams.user(userId);
    if (user.status === 'none' || user.invitation?.id !== link.id) return { id: userId, revision: result.nextExpectedRevision, mail: 'notSentAgain' };
    return this.deliver(user, token, result.nextExpectedRevision);
  }
}

/** What the invitation page shows before the person chooses a password. */
export async function invitationFor(streams: IdentityStreams, token: string): Promise<User> {
  const parsed = parseLinkToken(token);
  const user = parsed ? await streams.user(parsed.owner) : undefined;
  const valid = user && user.status === 'invited' && user.invitation?.tokenHash === parsed!.tokenHash
    && Date.parse(user.invitation.expiresAt) > streams.now().epochMilliseconds;
  if (!valid) throw invitationNotValid();
  return user as User;
}

export class AcceptInvitationCommand extends Command<SignInOutcome> {
  constructor(readonly token: string, readonly password: string, readonly client: ClientInfo, readonly request: RequestContext) {
    super();
  }
}

/** Sets the password, then signs the person in (recorded as a sign-in like any other). */
@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand> {
  constructor(private readonly streams: IdentityStreams, private readonly sessions: Sessions) {}

  async execute({ token, password, client, request }: AcceptInvitationCommand): Promise<SignInOutcome> {
    const invited = await invitationFor(this.streams, token);
    const passwordHash = await hashPassword(assertAcceptablePassword(password, invited.email));
    const { tokenHash } = parseLinkToken(token)!;
    await this.streams.executeUser(invited.userId, personContext(request, invited.userId, invited.role), (now) => ({
      type: 'AcceptInvitation', now, by: invited.userId, data: { tokenHash, passwordHash },
    }));
    const user = await this.streams.user(invited.userId);
    if (user.status !== 'active') throw invitationNotValid();
    return this.sessions.signIn(user, true, client, { ...request, commandId: `${request.commandId}:sign-in` });
  }
}
