import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Logger } from 'pino';
import {
  AcceptInvitationHandler, AppLinks, ChangePasswordHandler, ChangeUserHandler, CreateApiKeyHandler, FirstManager, IDENTITY_ACCOUNTS,
  IDENTITY_MAILER, IdentityPrincipals, IdentityStreams, InviteUserHandler, RenewInvitationHandler, RequestPasswordResetHandler,
  ResetPasswordHandler, RevokeApiKeyHandler, Sessions, SignInHandler, SignOutHandler, identityMailer, type IdentityMailer,
} from '#identity';
import { PLATFORM_CONFIG, PRINCIPAL_SOURCES, ROOT_LOGGER, type PlatformConfig } from '#platform';
import { StaffDirectoryModule } from './staff-directory.module.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApiKeysController } from './api-keys.controller.js';
import { AuthController } from './auth.controller.js';
import { configureSignInThrottle } from './auth-throttle.js';
import { IdentityAccountsAdapter } from './identity-accounts.adapter.js';
import { IdentitySessions } from './identity-sessions.js';
import { PeopleController } from './people.controller.js';
import { UsersController } from './users.controller.js';

class MailerShutdown implements OnApplicationShutdown {
  constructor(@Inject(IDENTITY_MAILER) private readonly mailer: IdentityMailer) {}
  onApplicationShutdown(): void {
    this.mailer.close();
  }
}

/**
 * Users, sessions, invitations, password resets and API keys (the identity context), and the PrincipalSources the
 * platform's guard uses for session cookies and API keys. Global so the guard, made in the platform module, sees it.
 */
@Global()
@Module({
  imports: [CqrsModule, AccountsModule, StaffDirectoryModule],
  controllers: [AuthController, UsersController, PeopleController, ApiKeysController],
  providers: [
    IdentityStreams, IdentityPrincipals, Sessions, AppLinks, FirstManager, IdentitySessions, MailerShutdown,
    { provide: PRINCIPAL_SOURCES, useExisting: IdentityPrincipals },
    { provide: IDENTITY_ACCOUNTS, useClass: IdentityAccountsAdapter },
    {
      provide: IDENTITY_MAILER,
      useFactory: (config: PlatformConfig, logger: Logger) => identityMailer(config.identity.smtp, config.identity.mailFrom, logger.child({ component: 'identity-mail' })),
      inject: [PLATFORM_CONFIG, ROOT_LOGGER],
    },
    SignInHandler, SignOutHandler, InviteUserHandler, RenewInvitationHandler, AcceptInvitationHandler, RequestPasswordResetHandler,
    ResetPasswordHandler, ChangePasswordHandler, ChangeUserHandler, CreateApiKeyHandler, RevokeApiKeyHandler,
  ],
  exports: [PRINCIPAL_SOURCES, AppLinks, FirstManager, IdentityStreams],
})
export class IdentityModule {
  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    configureSignInThrottle(config.identity.signInThrottlePerMinute);
  }
}
