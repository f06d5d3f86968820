import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#kernel';
import { API_KEY_PREFIX, commandContextFrom, type RequestContext } from '#platform';
import type { UserRole } from '../../domain/index.js';
import { IDENTITY_ACCOUNTS, type IdentityAccounts } from '../identity-context.js';
import { IdentityStreams } from '../identity-streams.js';
import { randomSecret, sha256 } from '../secrets.js';

export interface ApiKeyInput {
  readonly name: string;
  readonly role: UserRole;
  readonly accounts?: readonly string[];
}

export interface CreatedApiKey {
  readonly id: string;
  /** Shown once: only its hash is kept. */
  readonly token: string;
}

export class CreateApiKeyCommand extends Command<CreatedApiKey> {
  constructor(readonly input: ApiKeyInput, readonly request: RequestContext) {
    super();
  }
}

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand> {
  constructor(private readonly streams: IdentityStreams, @Inject(IDENTITY_ACCOUNTS) private readonly accounts: IdentityAccounts) {}

  async execute({ input, request }: CreateApiKeyCommand): Promise<CreatedApiKey> {
    for (const accountId of input.accounts ?? []) {
      if (!(await this.accounts.exists(accountId))) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
    }
    const keyId = randomUUID().replaceAll('-', '');
    const secret = randomSecret();
    await this.streams.executeApiKey(keyId, commandContextFrom(request), (now) => ({
      type: 'CreateApiKey', now, data: { keyId, name: input.name, role: input.role, accounts: input.accounts ?? [], secretHash: sha256(secret) },
    }));
    return { id: keyId, token: `${API_KEY_PREFIX}${keyId}_${secret}` };
  }
}

export class RevokeApiKeyCommand extends Command<{ id: string; revoked: boolean }> {
  constructor(readonly keyId: string, readonly reason: string, readonly request: RequestContext) {
    super();
  }
}

@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(private readonly streams: IdentityStreams) {}

  async execute({ keyId, reason, request }: RevokeApiKeyCommand) {
    await this.streams.executeApiKey(keyId, commandContextFrom(request), (now) => ({ type: 'RevokeApiKey', now, data: { reason } }));
    return { id: keyId, revoked: true };
  }
}
