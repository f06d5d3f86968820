import { EventEmitter } from 'node:events';
import pg from 'pg';
import { APPENDED_CHANNEL } from './schema.js';

/**
 * One LISTEN connection per store: wakes every live subscription of this process when any process commits an
 * append. When that connection is lost, every subscription listening on it fails (as a lost connection ends a
 * subscription on the port); the consumers resubscribe and the next listener opens a new connection.
 */
export class AppendListener {
  private readonly signals = new EventEmitter();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly connectionString: string) {
    this.signals.setMaxListeners(0);
  }

  on(listener: () => void): () => void {
    void this.ensure();
    this.signals.on('appended', listener);
    return () => this.signals.off('appended', listener);
  }

  /** Called with the error when the listening connection is lost. */
  onLost(listener: (error: Error) => void): () => void {
    this.signals.on('lost', listener);
    return () => this.signals.off('lost', listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private ensure(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'hour-bank listener' });
    const drop = (error?: Error) => {
      const wasListening = this.client === client;
      if (wasListening) this.client = undefined;
      void client.end().catch(() => undefined);
      if (wasListening && !this.closed) this.signals.emit('lost', new Error(`PostgreSQL listen connection lost${error ? `: ${error.message}` : ''}`));
    };
    client.on('error', drop);
    client.on('end', () => drop());
    client.on('notification', () => this.signals.emit('appended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
      if (this.closed) return void (await client.end());
      this.client = client;
    } catch {
      drop();
    }
  }
}
