import { Temporal } from 'temporal-polyfill';

/** Formatting by hand, so the output is the same on every machine whatever its locale or ICU data. */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** 130 → "2:10"; −45 → "-0:45". */
export const hhmm = (minutes: number): string => {
  const sign = minutes < 0 ? '-' : '';
  const whole = Math.abs(minutes);
  return `${sign}${Math.floor(whole / 60)}:${pad(whole % 60)}`;
};

const thousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** 626312 → "R$ 6.263,12". */
export const brl = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}R$ ${thousands(String(Math.floor(whole / 100)))},${pad(whole % 100)}`;
};

/** An integer with the Brazilian thousands separator: 12345 → "12.345". */
export const integer = (value: number): string => (value < 0 ? '-' : '') + thousands(String(Math.abs(value)));

const zoned = (iso: string, timeZone: string) => Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);

/** "05/01/2027" in the account's zone. */
export const date = (iso: string, timeZone: string): string => {
  const z = zoned(iso, timeZone);
  return `${pad(z.day)}/${pad(z.month)}/${pad(z.year, 4)}`;
};

/** "05/01/2027 10:00" in the account's zone. */
export const dateTime = (iso: string, timeZone: string): string => {
  const z = zoned(iso, timeZone);
  return `${date(iso, timeZone)} ${pad(z.hour)}:${pad(z.minute)}`;
};

const months = [
  'janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro',
];
const shortMonths = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'];

/** '2027-01' → "janeiro de 2027". */
export const periodName = (period: string): string => `${months[Number(period.slice(5)) - 1]} de ${period.slice(0, 4)}`;

/** '2027-01' → "jan/27", for chart axes. */
export const periodShort = (period: string): string => `${shortMonths[Number(period.slice(5)) - 1]}/${period.slice(2, 4)}`;

/** A calendar date '2027-11-30' → "30/11/2027". */
export const plainDate = (isoDate: string): string => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;

/** The last day before an instant, in the zone: the inclusive end of a half-open span. */
export const dayBefore = (iso: string, timeZone: string): string => {
  const z = zoned(iso, timeZone).subtract({ nanoseconds: 1 });
  return `${pad(z.day)}/${pad(z.month)}/${pad(z.year, 4)}`;
};

/** Signed h:mm for movements: +2:00, −0:45 (a true minus sign reads better in print; the CSV keeps '-'). */
export const signedHhmm = (minutes: number): string => (minutes > 0 ? `+${hhmm(minutes)}` : minutes < 0 ? `−${hhmm(-minutes)}` : hhmm(0));
