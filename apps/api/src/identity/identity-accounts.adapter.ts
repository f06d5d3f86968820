import { Injectable } from '@nestjs/common';
import { StreamReader, accountCodec, accountDecider, accountStream } from '#hour-bank';
import type { IdentityAccounts } from '#identity';

/** Whether an account a client user or key is bound to exists, from its stream. */
@Injectable()
export class IdentityAccountsAdapter implements IdentityAccounts {
  constructor(private readonly reader: StreamReader) {}

  async exists(accountId: string): Promise<boolean> {
    return (await this.reader.fold(accountStream(accountId), accountDecider, accountCodec)).state.status !== 'unopened';
  }
}
