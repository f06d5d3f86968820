import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '#platform';

/**
 * The web app's addresses that leave the server (e-mails, the first-manager link). Tokens ride in the fragment
 * (`#…`), which browsers never send to a server, so they never reach a request log.
 */
@Injectable()
export class AppLinks {
  private port: number;

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    this.port = config.port;
  }

  /** The host tells which port it listens on once it does (port 0 picks one). */
  listeningOn(port: number): void {
    this.port = port;
  }

  get base(): string {
    return this.config.identity.publicUrl ?? `http://localhost:${this.port}`;
  }

  invitation = (token: string): string => `${this.base}/convite#${token}`;
  passwordReset = (token: string): string => `${this.base}/redefinir-senha#${token}`;
  firstManager = (token: string): string => `${this.base}/primeiro-acesso#${token}`;
}
