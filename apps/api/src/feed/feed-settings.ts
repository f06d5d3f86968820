export interface FeedSettings {
  readonly heartbeatMs: number;
}

export const FEED_SETTINGS = Symbol.for('hourbank.FeedSettings');

const DEFAULT_HEARTBEAT_SECONDS = 15;

/** HOURBANK_FEED_HEARTBEAT_SECONDS: how often an idle SSE connection gets a comment line (1 to 300, default 15). */
export function feedSettingsFrom(env: Readonly<Record<string, string | undefined>>): FeedSettings {
  const raw = env.HOURBANK_FEED_HEARTBEAT_SECONDS?.trim();
  const seconds = raw === undefined || raw === '' ? DEFAULT_HEARTBEAT_SECONDS : Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 300) {
    throw new Error(`HOURBANK_FEED_HEARTBEAT_SECONDS must be an integer from 1 to 300, got "${raw}"`);
  }
  return { heartbeatMs: seconds * 1000 };
}
