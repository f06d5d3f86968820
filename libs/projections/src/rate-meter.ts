const WINDOW_MS = 5_000;

/** Events per second over the last few seconds of processing. */
export class RateMeter {
  private total = 0;
  private readonly samples: { at: number; total: number }[] = [];

  record(count: number, at = performance.now()): void {
    this.total += count;
    this.samples.push({ at, total: this.total });
    while (this.samples.length > 2 && at - this.samples[0]!.at > WINDOW_MS) this.samples.shift();
  }

  perSecond(at = performance.now()): number {
    const first = this.samples[0];
    if (!first || at - first.at > WINDOW_MS * 2) return 0;
    const elapsed = (at - first.at) / 1000;
    return elapsed > 0 ? Math.round((this.total - first.total) / elapsed) : 0;
  }
}
