import { Temporal } from 'temporal-polyfill';

/**
 * `Temporal.Instant.from` and `toString` with a short path for the UTC millisecond strings the log holds;
 * the SLA arithmetic parses and formats many of them, and Temporal's general parser is the costly part.
 * Every other input goes through Temporal, so results and errors are Temporal's own.
 */
const CANONICAL = /^(\d{4})-(\d\d)-(\d\d)T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.(\d{1,3}))?Z$/;
const MS_PER_DAY = 86_400_000;
const MAX_FAST_MS = 253_402_300_800_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
const epochDay = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
};

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : 30 + ((month + Math.floor(month / 8)) % 2);

export const parseInstant = (iso: string): Temporal.Instant => {
  const m = CANONICAL.exec(iso);
  if (!m) return Temporal.Instant.from(iso);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Temporal.Instant.from(iso);
  const ms = Number((m[7] ?? '').padEnd(3, '0'));
  const time = ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6])) * 1000 + ms;
  return Temporal.Instant.fromEpochMilliseconds(epochDay(year, month, day) * MS_PER_DAY + time);
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days since 1970-01-01 back to a civil date (the inverse of `epochDay`). */
const civil = (days: number): [number, number, number] => {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
};

export const formatInstant = (instant: Temporal.Instant): string => {
  const ms = instant.epochMilliseconds;
  if (ms < 0 || ms >= MAX_FAST_MS || instant.epochNanoseconds % 1_000_000n !== 0n) return instant.toString();
  const days = Math.floor(ms / MS_PER_DAY);
  const [year, month, day] = civil(days);
  const inDay = ms - days * MS_PER_DAY;
  const seconds = Math.floor(inDay / 1000);
  const fraction = inDay % 1000 === 0 ? '' : `.${pad(inDay % 1000, 3).replace(/0+$/, '')}`;
  const clock = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${clock}${fraction}Z`;
};
