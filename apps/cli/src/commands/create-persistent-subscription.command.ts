import { EventStoreDBClient, START, eventTypeFilter, persistentSubscriptionToAllSettingsFromDefaults } from '@eventstore/db-client';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '#platform';

interface Flags {
  readonly group: string;
  readonly from: 'start' | 'end';
}

const GROUP = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Creates an EventStoreDB persistent subscription group to $all, filtered to Hour Bank's own event
 * types, so several replicas of a downstream service share the work and the server keeps the checkpoint.
 */
export function registerCreatePersistentSubscription(program: Command): void {
  program
    .command('create-persistent-subscription')
    .description('create an EventStoreDB persistent subscription group to $all (hourbank.* event types)')
    .requiredOption('--group <name>', 'the group name the service connects with')
    .option('--from <start|end>', 'where a new group starts: the beginning of the log or its end', 'start')
    .action(async (flags: Flags) => {
      if (!GROUP.test(flags.group)) throw new InvalidArgumentError(`--group "${flags.group}" must be letters, digits, '.', '_' or '-'`);
      if (flags.from !== 'start' && flags.from !== 'end') throw new InvalidArgumentError('--from must be start or end');
      const connectionString = loadConfig(process.env, process.cwd(), { checksTokens: false }).eventStoreConnectionString;
      if (!connectionString) {
        throw new Error('EVENTSTORE_CONNECTION_STRING is not set: persistent subscriptions exist only on EventStoreDB (the embedded SQLite store has none; follow GET /feed instead)');
      }
      const client = EventStoreDBClient.connectionString(connectionString);
      try {
        await client.createPersistentSubscriptionToAll(
          flags.group,
          persistentSubscriptionToAllSettingsFromDefaults({ startFrom: flags.from === 'start' ? START : 'end', resolveLinkTos: false }),
          { filter: eventTypeFilter({ prefixes: ['hourbank.'] }) },
        );
        process.stdout.write(`Created persistent subscription group "${flags.group}" to $all (hourbank.* events, from ${flags.from})\n`);
      } finally {
        await client.dispose();
      }
    });
}
