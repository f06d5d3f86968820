import type { MonthlyReport } from '../domain/monthly-report.js';
import { hhmm, periodShort } from './format.js';

export const CHART_TITLE = 'Horas consumidas por mês e franquia do plano';

export interface ChartBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly value: string;
  readonly label: string;
}

export interface ChartGeometry {
  readonly bars: readonly ChartBar[];
  /** The plan's allowance per month as a step line: [x, y] points. */
  readonly allowance: readonly (readonly [number, number])[];
  /** Horizontal gridlines: y and the hours they stand for. */
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
  readonly slot: number;
}

/** Whole hours per gridline so that there are at most 5 lines. */
const step = (maxMinutes: number): number => {
  const hours = Math.max(1, Math.ceil(maxMinutes / 60));
  for (const candidate of [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]) if (hours / candidate <= 5) return candidate * 60;
  return Math.ceil(hours / 5) * 60;
};

/**
 * The usage chart in a box of `width` × `height` (origin top left), in whole units so that HTML and PDF draw the
 * same picture on every machine: a bar per month of the contract (at most 12) and the allowance as a line.
 */
export function chartGeometry(report: MonthlyReport, width: number, height: number): ChartGeometry {
  const usage = report.usageByPeriod;
  const top = Math.max(1, ...usage.map((u) => Math.max(u.minutes, u.allowanceMinutes)));
  const tick = step(top);
  const scaleTop = Math.ceil(top / tick) * tick;
  const y = (minutes: number) => height - Math.round((minutes * height) / scaleTop);
  const slot = Math.floor(width / Math.max(usage.length, 1));
  const bars = usage.map((u, i) => {
    const barWidth = Math.round(slot * 0.6);
    return {
      x: i * slot + Math.round((slot - barWidth) / 2), y: y(u.minutes), width: barWidth, height: height - y(u.minutes),
      value: hhmm(u.minutes), label: periodShort(u.period),
    };
  });
  const allowance = usage.flatMap((u, i) => [[i * slot, y(u.allowanceMinutes)], [(i + 1) * slot, y(u.allowanceMinutes)]] as [number, number][]);
  const ticks = Array.from({ length: scaleTop / tick + 1 }, (_, i) => ({ y: y(i * tick), label: `${(i * tick) / 60} h` }));
  return { bars, allowance, ticks, slot };
}
