import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, prepareCached } from '#projections';
import { apiKeyCodec, signInCodec, userCodec } from '../application/codecs.js';
import { evolveUserState, type ApiKeyEvent, type SignInEvent, type UserEvent, type UserState } from '../domain/index.js';

const userRow = (db: Db, table: string, userId: string): UserState => {
  const row = prepareCached(db, `SELECT state FROM ${table} WHERE user_id = ?`).get(userId) as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as UserState) : { status: 'none' };
};

/** The user as kept here: the decider's own state, its secrets left out. */
const publicState = (state: UserState): string => {
  if (state.status === 'none') return JSON.stringify(state);
  const { passwordHash: _p, invitation, reset: _r, ...rest } = state;
  return JSON.stringify({ ...rest, ...(invitation && { invitationExpiresAt: invitation.expiresAt }) });
};

function applyUser(db: Db, t: TableNames, recorded: RecordedEvent): void {
  const table = t('users');
  const event = userCodec.decode<UserEvent>(recorded);
  const state = evolveUserState(userRow(db, table, event.data.userId), event);
  if (state.status === 'none') return;
  prepareCached(db, `INSERT INTO ${table} (user_id, email, name, role, status, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, name = excluded.name, role = excluded.role, status = excluded.status,
        state = excluded.state, updated_at = excluded.updated_at`)
    .run(state.userId, state.email, state.name, state.role, state.status, publicState(state), recorded.metadata.occurredAt);
}

function applySignIn(db: Db, t: TableNames, recorded: RecordedEvent): void {
  const event = signInCodec.decode<SignInEvent>(recorded);
  if (event.data.userId === undefined) return;
  if (event.type === 'SignedIn') {
    prepareCached(db, `UPDATE ${t('users')} SET last_sign_in_at = ?, failures_in_a_row = 0, locked_until = NULL WHERE user_id = ?`)
      .run(event.data.signedInAt, event.data.userId);
    return;
  }
  prepareCached(db, `UPDATE ${t('users')} SET failures_in_a_row = ?, locked_until = ?, last_failure_at = ? WHERE user_id = ?`)
    .run(event.data.failuresInARow, event.data.lockedUntil ?? null, event.data.failedAt, event.data.userId);
}

function applyApiKey(db: Db, t: TableNames, recorded: RecordedEvent): void {
  const event = apiKeyCodec.decode<ApiKeyEvent>(recorded);
  const table = t('api_keys');
  if (event.type === 'ApiKeyCreated') {
    const { keyId, name, role, accounts, createdAt } = event.data;
    prepareCached(db, `INSERT OR IGNORE INTO ${table} (key_id, name, role, accounts, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(keyId, name, role, JSON.stringify(accounts), createdAt, recorded.metadata.actor);
    return;
  }
  prepareCached(db, `UPDATE ${table} SET revoked_at = ?, revoked_reason = ? WHERE key_id = ?`).run(event.data.revokedAt, event.data.reason, event.data.keyId);
}

const APPLY: Readonly<Record<string, (db: Db, t: TableNames, recorded: RecordedEvent) => void>> = { user: applyUser, signin: applySignIn, apikey: applyApiKey };

/**
 * `identity-directory`: who the users are (role, status, account grants, last sign-in, lockout) and the API keys,
 * for the manager's and auditor's lists. Decisions never read it: they fold the streams.
 */
export const identityDirectoryProjection: Projection = {
  name: 'identity-directory',
  version: 1,
  filter: { streamCategories: ['user', 'signin', 'apikey'] },
  tables: ['users', 'api_keys'],
  migrate(db, t) {
    db.exec(`
      CREATE TABLE ${t('users')} (
        user_id TEXT PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL,
        state TEXT NOT NULL, updated_at TEXT NOT NULL, last_sign_in_at TEXT, last_failure_at TEXT,
        failures_in_a_row INTEGER NOT NULL DEFAULT 0, locked_until TEXT
      );
      CREATE INDEX ${t('users')}_name ON ${t('users')} (name);
      CREATE TABLE ${t('api_keys')} (
        key_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, accounts TEXT NOT NULL, created_at TEXT NOT NULL,
        created_by TEXT NOT NULL, revoked_at TEXT, revoked_reason TEXT
      );
    `);
  },
  apply(db, recorded, t) {
    APPLY[recorded.stream.slice(0, recorded.stream.indexOf('-'))]?.(db, t, recorded);
  },
};
