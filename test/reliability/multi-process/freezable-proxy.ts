import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to the database that can stop passing bytes for a while: a network partition between one process and
 * PostgreSQL. Frozen, both directions hold their data (nothing is lost or reset); thawed, it flows on.
 */
export class FreezableProxy {
  private frozen = false;
  private readonly pairs = new Set<[Socket, Socket]>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static start(targetHost: string, targetPort: number): Promise<FreezableProxy> {
    let proxy: FreezableProxy | undefined;
    const server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      proxy!.pairs.add(pair);
      client.pipe(upstream);
      upstream.pipe(client);
      if (proxy!.frozen) pair.forEach((s) => s.pause());
      const close = () => {
        proxy!.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    return new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        proxy = new FreezableProxy(server, (server.address() as { port: number }).port);
        resolve(proxy);
      });
    });
  }

  /** The same connection string, through this relay. */
  url(target: string): string {
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  freeze(): void {
    this.frozen = true;
    for (const pair of this.pairs) pair.forEach((s) => s.pause());
  }

  thaw(): void {
    this.frozen = false;
    for (const pair of this.pairs) pair.forEach((s) => s.resume());
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) pair.forEach((s) => s.destroy());
    await new Promise((resolve) => this.server.close(resolve));
  }
}
