import { pino } from 'pino';
import { FeedClient } from './feed-client.js';
import { smtpMailer } from './mailer.js';
import { Notifier } from './notifier.js';
import { loadNotifierConfig } from './notifier-config.js';
import { NotifierStore } from './notifier-store.js';

async function main(): Promise<void> {
  const config = loadNotifierConfig();
  const logger = pino({ name: 'notifier', level: config.logLevel });
  const store = NotifierStore.open(config.databaseFile);
  const mailer = smtpMailer(config.smtp, config.from);
  const feed = new FeedClient(config.feedUrl, config.token, config.pageSize);
  const notifier = new Notifier({
    feed, store, mailer, contacts: config.contacts, pollMs: config.pollMs, logger, appUrl: config.appUrl,
    start: config.start, autoCloseBusinessDays: config.autoCloseBusinessDays,
  });
  const shutdown = () => notifier.stop();
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  logger.info({ feed: config.feedUrl, smtp: `${config.smtp.host}:${config.smtp.port}`, checkpoint: store.checkpoint() ?? `none yet (starts at ${config.start})`, db: config.databaseFile }, 'Notifier following the feed');
  await notifier.run();
  mailer.close();
  store.close();
  logger.info('Notifier stopped');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
