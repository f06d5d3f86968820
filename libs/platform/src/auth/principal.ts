export const PRINCIPAL_ROLES = ['client', 'agent', 'manager', 'auditor'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/** The authenticated caller. `accounts` is only meaningful for a client: the account ids it may see. */
export interface Principal {
  readonly sub: string;
  readonly role: PrincipalRole;
  readonly accounts: readonly string[];
  /** When the credential stops being valid (epoch seconds): long-lived answers (SSE) end then. */
  readonly expiresAt?: number;
  /** A client's accounts on which it may approve or reject estimates; absent: every one of `accounts`. */
  readonly approves?: readonly string[];
  /** How the caller proved who it is: a signed token (CLI), an API key, or a browser session. */
  readonly via?: 'token' | 'apiKey' | 'session';
  readonly name?: string;
  readonly sessionId?: string;
}

export const isPrincipalRole = (value: unknown): value is PrincipalRole =>
  typeof value === 'string' && (PRINCIPAL_ROLES as readonly string[]).includes(value);
