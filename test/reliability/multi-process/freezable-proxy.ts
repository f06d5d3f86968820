import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay to the database that can stop passing bytes for a while: a network partition between one process and
 * PostgreSQL. Frozen, what either side sends is held in order (nothing is lost or reset); thawed, it is passed on.
 */
export class FreezableProxy {
  private frozen = false;
  private held: [Socket, Buffer][] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static start(targetHost: string, targetPort: number): Promise<FreezableProxy> {
    let proxy: FreezableProxy | undefined;
    const server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
        proxy!.sockets.add(from);
        from.on('data', (chunk: Buffer) => (proxy!.frozen ? proxy!.held.push([to, chunk]) : to.write(chunk)));
        const close = () => {
          proxy!.sockets.delete(from);
          from.destroy();
          to.destroy();
        };
        from.on('error', close).on('close', close);
      }
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
  }

  thaw(): void {
    this.frozen = false;
    const held = this.held;
    this.held = [];
    for (const [to, chunk] of held) if (!to.destroyed) to.write(chunk);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
