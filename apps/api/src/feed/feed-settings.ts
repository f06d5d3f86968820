export type { FeedSettings } from '#platform';

/** The feed's section of the configuration (PlatformConfig.feed). */
export const FEED_SETTINGS = Symbol.for('hourbank.FeedSettings');
