export const PRINCIPAL_ROLES = ['client', 'agent', 'manager', 'auditor'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/** The authenticated caller. `accounts` is only meaningful for a client: the account ids it may see. */
export interface Principal {
  readonly sub: string;
  readonly role: PrincipalRole;
  readonly accounts: readonly string[];
  /** When the credential stops being valid (epoch seconds): long-lived answers (SSE) end then. */
  readonly expiresAt?: number;
}

export const isPrincipalRole = (value: unknown): value is PrincipalRole =>
  typeof value === 'string' && (PRINCIPAL_ROLES as readonly string[]).includes(value);
