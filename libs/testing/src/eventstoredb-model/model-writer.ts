import { once } from 'node:events';
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ModelRpcError } from './model-messages.js';
import type { ReadReq, ReadResp } from './protos.js';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/** Writes to one server-streaming call with back-pressure, and knows when the client went away. */
export class CallWriter {
  readonly gone: Promise<void>;
  private ended = false;

  constructor(private readonly call: ReadCall) {
    this.gone = new Promise((resolve) => {
      const done = () => ((this.ended = true), resolve());
      call.once('cancelled', done);
      call.once('close', done);
      call.once('finish', done);
      call.once('error', done);
    });
  }

  get open(): boolean {
    return !this.ended && !this.call.cancelled;
  }

  /** False once the client is gone; waits for the client to drain a full buffer, as a real server's writer does. */
  async send(message: ReadResp): Promise<boolean> {
    if (!this.open) return false;
    if (!this.call.write(message)) await Promise.race([once(this.call, 'drain'), this.gone]);
    return this.open;
  }

  end(): void {
    if (!this.open) return;
    this.ended = true;
    this.call.end();
  }

  fail(error: ModelRpcError): void {
    if (!this.open) return;
    this.ended = true;
    this.call.emit('error', error);
  }
}

export const pause = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
