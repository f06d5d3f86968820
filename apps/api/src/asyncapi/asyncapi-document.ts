import { publishedContracts, loadPublishedSchemas, type JsonSchema } from '#contracts';

export const SCHEMA_FORMAT = 'application/schema+json;version=2020-12';

const feedDescription = [
  'Every event downstream services may rely on, in global order, each with its position.',
  'Pages: `GET /feed?after=<position>&limit=<1..500>` returns `{ events, next, caughtUp }`.',
  'Live: `GET /feed/stream` (text/event-stream); `id:` is the position; resume with `Last-Event-ID` or `?after=`;',
  'comment lines are heartbeats. Delivery is at least once: de-duplicate by event `id`.',
  'A client token sees only its own accounts (ticket events belong to the ticket\'s account); staff see all.',
].join(' ');

/** The AsyncAPI 3.0 document of the published events: one channel (the feed), one message per stored type. */
export function buildAsyncApiDocument(version = '0.1.0'): Record<string, unknown> {
  const schemas = loadPublishedSchemas();
  const messages: Record<string, unknown> = {};
  const channelMessages: Record<string, unknown> = {};
  for (const contract of publishedContracts.values()) {
    messages[contract.type] = {
      name: contract.type,
      title: contract.title,
      summary: contract.summary,
      contentType: 'application/json',
      ...(contract.audience === 'staff' && { description: 'Staff only: clients never receive it.' }),
      payload: { schemaFormat: SCHEMA_FORMAT, schema: schemas[contract.type] as JsonSchema },
    };
    channelMessages[contract.type] = { $ref: `#/components/messages/${contract.type}` };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'Hour Bank published events', version, description: feedDescription },
    defaultContentType: 'application/json',
    servers: {
      api: { host: 'localhost:3000', protocol: 'http', description: 'The Hour Bank API; authenticate with a bearer token', security: [{ $ref: '#/components/securitySchemes/bearer' }] },
    },
    channels: {
      feed: { address: '/feed/stream', title: 'Hour Bank event feed', description: feedDescription, servers: [{ $ref: '#/servers/api' }], messages: channelMessages },
    },
    operations: {
      receiveEvents: {
        action: 'receive',
        channel: { $ref: '#/channels/feed' },
        summary: 'Follow the published events (SSE, or cursor pages at GET /feed)',
        messages: Object.keys(channelMessages).map((type) => ({ $ref: `#/channels/feed/messages/${type}` })),
      },
    },
    components: {
      messages,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
