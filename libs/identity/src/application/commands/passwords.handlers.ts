import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#kernel';
import { PLATFORM_CONFIG, commandContextFrom, type PlatformConfig, type Principal, type RequestContext } from '#platform';
import { AppLinks } from '../app-links.js';
import { personContext } from '../identity-context.js';
import { IDENTITY_MAILER, passwordResetMail, type IdentityMailer } from '../identity-mail.js';
import { IdentityStreams } from '../identity-streams.js';
import { assertAcceptablePassword, hashPassword, newLink, parseLinkToken, verifyPassword } from '../secrets.js';

export class RequestPasswordResetCommand extends Command<void> {
  constructor(readonly email: string, readonly request: RequestContext) {
    super();
  }
}

/** Answers the same whether or not the address belongs to someone; only an active user gets a mail. */
@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(
    private readonly streams: IdentityStreams, private readonly links: AppLinks,
    @Inject(IDENTITY_MAILER) private readonly mailer: IdentityMailer, @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async execute({ email, request }: RequestPasswordResetCommand): Promise<void> {
    const userId = await this.streams.userIdByEmail(email);
    const user = userId === undefined ? undefined : await this.streams.user(userId);
    if (!user || user.status !== 'active') return;
    const { token, link } = newLink(user.userId, this.streams.now().add({ minutes: this.config.identity.passwordResetTtlMinutes }));
    const result = await this.streams.executeUser(user.userId, personContext(request, 'anonymous', 'anonymous'), (now) => ({
      type: 'RequestPasswordReset', now, by: 'anonymous', data: { link },
    }));
    if (result.events.length > 0) await this.mailer.send(passwordResetMail(user.email, user.name, this.links.passwordReset(token)));
  }
}

export class ResetPasswordCommand extends Command<void> {
  constructor(readonly token: string, readonly password: string, readonly request: RequestContext) {
    super();
  }
}

/** A new password ends every session of the user (they started before it). */
@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(private readonly streams: IdentityStreams) {}

  async execute({ token, password, request }: ResetPasswordCommand): Promise<void> {
    const parsed = parseLinkToken(token);
    const user = parsed ? await this.streams.user(parsed.owner) : undefined;
    if (!parsed || !user || user.status === 'none') throw new DomainError('PASSWORD_RESET_NOT_VALID', 'This link is not valid any more; ask for a new one.');
    const passwordHash = await hashPassword(assertAcceptablePassword(password, user.email));
    await this.streams.executeUser(user.userId, personContext(request, user.userId, user.role), (now) => ({
      type: 'ResetPassword', now, by: user.userId, data: { tokenHash: parsed.tokenHash, passwordHash },
    }));
  }
}

export class ChangePasswordCommand extends Command<void> {
  constructor(readonly caller: Principal, readonly currentPassword: string, readonly newPassword: string, readonly request: RequestContext) {
    super();
  }
}

@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(private readonly streams: IdentityStreams) {}

  async execute({ caller, currentPassword, newPassword, request }: ChangePasswordCommand): Promise<void> {
    const user = await this.streams.user(caller.sub);
    if (user.status !== 'active' || user.passwordHash === undefined) throw new DomainError('USER_NOT_ACTIVE', 'This user cannot sign in.');
    const currentPasswordMatches = await verifyPassword(user.passwordHash, currentPassword);
    const passwordHash = await hashPassword(assertAcceptablePassword(newPassword, user.email));
    await this.streams.executeUser(user.userId, commandContextFrom(request), (now) => ({
      type: 'ChangePassword', now, by: user.userId, data: { currentPasswordMatches, passwordHash },
    }));
  }
}
