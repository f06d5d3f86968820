import { EventStoreDBClient } from '@eventstore/db-client';

/**
 * What is wrong with an EventStoreDB connection string for Hour Bank, as sentences (empty when nothing is). The
 * client's own parser reads it (it opens no connection); `throwOnAppendFailure=false` is refused because the client
 * then reports a refused append as a result instead of an error.
 */
/**
 * Whether the client reports a refused append as `{ success: false }` instead of throwing. The client keeps the
 * setting protected; it is read here because the adapter's guarantees depend on it.
 */
export const appendFailuresAreResults = (client: EventStoreDBClient): boolean =>
  (client as unknown as { readonly throwOnAppendFailure?: boolean }).throwOnAppendFailure === false;

export function eventStoreDbConnectionProblems(connectionString: string): string[] {
  try {
    const client = EventStoreDBClient.connectionString(connectionString);
    if (appendFailuresAreResults(client)) {
      return ['EVENTSTORE_CONNECTION_STRING must not set throwOnAppendFailure=false: a refused append would look like a write'];
    }
    return [];
  } catch (error) {
    return [`EVENTSTORE_CONNECTION_STRING is not a valid connection string: ${(error as Error).message}`];
  }
}

export function assertConnectionSettings(connectionString: string): void {
  const [problem] = eventStoreDbConnectionProblems(connectionString);
  if (problem !== undefined) throw new Error(problem);
}
