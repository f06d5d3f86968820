import type { Holiday } from './business-calendar.js';
import { civilOf, epochDayOf } from './civil-days.js';

export interface BrazilHolidayOptions {
  readonly carnival?: boolean;
  readonly corpusChristi?: boolean;
}

const fixedHolidays: ReadonlyArray<readonly [monthDay: string, name: string, since?: number]> = [
  ['01-01', 'Confraternização Universal'],
  ['04-21', 'Tiradentes'],
  ['05-01', 'Dia do Trabalho'],
  ['09-07', 'Independência do Brasil'],
  ['10-12', 'Nossa Senhora Aparecida'],
  ['11-02', 'Finados'],
  ['11-15', 'Proclamação da República'],
  ['11-20', 'Dia Nacional de Zumbi e da Consciência Negra', 2024], // national holiday by Law 14.759/2023
  ['12-25', 'Natal'],
];

/** Easter Sunday of a Gregorian year, as an epoch day (the anonymous Gregorian computus, integers only). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const f = Math.floor((century + 8) / 25);
  const g = Math.floor((century - f + 1) / 3);
  const h = (19 * a + century - Math.floor(century / 4) - g + 15) % 30;
  const l = (32 + 2 * (century % 4) + 2 * Math.floor(yearOfCentury / 4) - h - (yearOfCentury % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monthAndDay = h + l - 7 * m + 114;
  return epochDayOf(year, Math.floor(monthAndDay / 31), (monthAndDay % 31) + 1);
}

export function isoDateOf(epochDay: number): string {
  const { year, month, day } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function movableHolidays(year: number, options: BrazilHolidayOptions): Holiday[] {
  const easter = easterSunday(year);
  const movable: Array<[offset: number, name: string, wanted: boolean]> = [
    [-48, 'Carnaval (segunda-feira)', options.carnival === true],
    [-47, 'Carnaval (terça-feira)', options.carnival === true],
    [-2, 'Sexta-feira Santa', true],
    [60, 'Corpus Christi', options.corpusChristi === true],
  ];
  return movable.filter(([, , wanted]) => wanted).map(([offset, name]) => ({ date: isoDateOf(easter + offset), name }));
}

/** Brazil's national holidays of a year, sorted by date; Carnival and Corpus Christi only when asked for. */
export function brazilNationalHolidays(year: number, options: BrazilHolidayOptions = {}): Holiday[] {
  if (!Number.isSafeInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`brazilNationalHolidays needs a Gregorian year between 1583 and 9999, got ${year}`);
  }
  const prefix = String(year);
  const fixed = fixedHolidays
    .filter(([, , since]) => since === undefined || year >= since)
    .map(([monthDay, name]) => ({ date: `${prefix}-${monthDay}`, name }));
  return [...fixed, ...movableHolidays(year, options)].sort(byDateThenName);
}

export const byDateThenName = (a: Holiday, b: Holiday): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : a.name.localeCompare(b.name);
