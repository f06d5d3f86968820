export interface Measure {
  readonly name: string;
  readonly events: number;
  /** Runs the work once and returns how many events it handled (or that and the seconds of the part to time, without setup). */
  readonly store: () => Promise<number | Timed>;
  readonly bare: () => Promise<number | Timed>;
}

export interface Timed {
  readonly events: number;
  readonly seconds: number;
}

export interface Figure {
  readonly name: string;
  readonly storeEventsPerSecond: number;
  readonly bareEventsPerSecond: number;
  readonly ratio: number;
}

export const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function rate(work: () => Promise<number | Timed>): Promise<number> {
  const started = process.hrtime.bigint();
  const done = await work();
  if (typeof done !== 'number') return done.events / done.seconds;
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Runs store and bare side by side for several rounds, alternating which goes first; reports medians. */
export async function compare(measure: Measure, rounds: number): Promise<Figure> {
  const storeRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      storeRates.push(await rate(measure.store));
      bareRates.push(await rate(measure.bare));
    } else {
      bareRates.push(await rate(measure.bare));
      storeRates.push(await rate(measure.store));
    }
  }
  const storeEventsPerSecond = median(storeRates);
  const bareEventsPerSecond = median(bareRates);
  return { name: measure.name, storeEventsPerSecond, bareEventsPerSecond, ratio: storeEventsPerSecond / bareEventsPerSecond };
}

export function formatFigure(figure: Figure): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US').padStart(11);
  return `${figure.name.padEnd(36)} store ${n(figure.storeEventsPerSecond)} ev/s   bare ${n(figure.bareEventsPerSecond)} ev/s   ratio ${figure.ratio.toFixed(2)}`;
}
