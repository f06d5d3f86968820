import { EventStoreUnavailableError } from '../errors.js';

/**
 * The head of $all, read as one record from the end. Callers that ask at the same time share one read, and a read
 * that takes longer than `timeoutMs` fails (so /health answers even when the server does not).
 */
export class HeadReader {
  private inFlight: Promise<number | undefined> | undefined;

  constructor(
    private readonly readLast: () => Promise<number | undefined>,
    private readonly timeoutMs: number,
  ) {}

  read(): Promise<number | undefined> {
    this.inFlight ??= this.withTimeout().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private withTimeout(): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EventStoreUnavailableError(`EventStoreDB did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([this.readLast(), timeout]).finally(() => clearTimeout(timer));
  }
}
