import type { ReadModelReader } from '#projections';
import type { AccountGrant, UserRole } from '../domain/index.js';

export interface DirectoryUser {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly status: 'invited' | 'active' | 'deactivated';
  readonly grants: readonly AccountGrant[];
  readonly invitedAt: string;
  readonly invitationExpiresAt?: string;
  readonly lastSignInAt: string | null;
  readonly failuresInARow: number;
  readonly lockedUntil: string | null;
}

export interface DirectoryApiKey {
  readonly keyId: string;
  readonly name: string;
  readonly role: UserRole;
  readonly accounts: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
}

interface UserRow { state: string; last_sign_in_at: string | null; failures_in_a_row: number; locked_until: string | null }

const toUser = (row: UserRow): DirectoryUser => {
  const { userId, email, name, role, status, grants, invitedAt, invitationExpiresAt } = JSON.parse(row.state) as DirectoryUser;
  return {
    userId, email, name, role, status, grants, invitedAt, ...(invitationExpiresAt !== undefined && { invitationExpiresAt }),
    lastSignInAt: row.last_sign_in_at, failuresInARow: row.failures_in_a_row, lockedUntil: row.locked_until,
  };
};

export interface UserFilter {
  readonly role?: UserRole;
  /** Client users bound to this account. */
  readonly accountId?: string;
}

/** Before the directory's first start its tables do not exist (SQLite: the view; PostgreSQL: the shared table). */
const hasUsersTable = async (db: ReadModelReader): Promise<boolean> =>
  (db.backend === 'sqlite'
    ? await db.get(`SELECT 1 FROM sqlite_master WHERE name = 'users'`)
    : await db.get(`SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = 'users' AND schemaname = current_schema()`)) !== undefined;

/** Users in name order; a client-account filter keeps the users granted that account. */
export const directoryUsers = async (db: ReadModelReader, filter: UserFilter = {}): Promise<DirectoryUser[]> => {
  if (!(await hasUsersTable(db))) return [];
  const rows = filter.role ? await db.all<UserRow>('SELECT * FROM users WHERE role = ? ORDER BY name, user_id', [filter.role])
    : await db.all<UserRow>('SELECT * FROM users ORDER BY name, user_id');
  const users = rows.map(toUser);
  return filter.accountId === undefined ? users : users.filter((u) => u.grants.some((g) => g.accountId === filter.accountId));
};

export const directoryApiKeys = async (db: ReadModelReader): Promise<DirectoryApiKey[]> => {
  if (!(await hasUsersTable(db))) return [];
  return (await db.all<Record<string, string | null>>('SELECT * FROM api_keys ORDER BY created_at DESC, key_id')).map((row) => ({
    keyId: row.key_id!, name: row.name!, role: row.role as UserRole, accounts: JSON.parse(row.accounts!) as string[],
    createdAt: row.created_at!, createdBy: row.created_by!, revokedAt: row.revoked_at,
  }));
};
