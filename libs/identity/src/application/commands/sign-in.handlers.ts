import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ProblemError, type Principal, type RequestContext } from '#platform';
import { UNKNOWN_EMAIL_SIGN_IN_STREAM, normalizeEmail } from '../../domain/index.js';
import { personContext, type ClientInfo } from '../identity-context.js';
import { IdentityStreams } from '../identity-streams.js';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from '../secrets.js';
import { Sessions, type SignInOutcome } from '../sessions.js';

export class SignInCommand extends Command<SignInOutcome> {
  constructor(readonly email: string, readonly password: string, readonly client: ClientInfo, readonly request: RequestContext) {
    super();
  }
}

@CommandHandler(SignInCommand)
export class SignInHandler implements ICommandHandler<SignInCommand> {
  constructor(private readonly streams: IdentityStreams, private readonly sessions: Sessions) {}

  async execute({ email, password, client, request }: SignInCommand): Promise<SignInOutcome> {
    const userId = await this.streams.userIdByEmail(email);
    const user = userId === undefined ? undefined : await this.streams.user(userId);
    if (user && user.status !== 'none') return this.sessions.signIn(user, password, client, request);
    await verifyPassword(UNUSABLE_PASSWORD_HASH, password);
    const failedAt = this.streams.now().toString();
    await this.streams.record(UNKNOWN_EMAIL_SIGN_IN_STREAM, [{
      type: 'SignInFailed', data: { email: normalizeEmail(email).slice(0, 254), reason: 'unknown_email', failuresInARow: 0, failedAt, ...client },
    }], personContext(request, 'anonymous', 'anonymous'));
    throw new ProblemError(401, 'SIGN_IN_FAILED', 'Sign-in failed', 'The e-mail address or the password is not right');
  }
}

export class SignOutCommand extends Command<void> {
  constructor(readonly caller: Principal, readonly request: RequestContext) {
    super();
  }
}

@CommandHandler(SignOutCommand)
export class SignOutHandler implements ICommandHandler<SignOutCommand> {
  constructor(private readonly streams: IdentityStreams) {}

  async execute({ caller, request }: SignOutCommand): Promise<void> {
    if (caller.sessionId === undefined) return;
    await this.streams.endSession(caller.sessionId, caller.sub, personContext(request, caller.sub, caller.role));
  }
}
