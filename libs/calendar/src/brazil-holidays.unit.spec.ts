import { expect } from 'chai';
import { brazilNationalHolidays } from './brazil-holidays.js';
import { isoDateOf, easterSunday } from './brazil-holidays.js';

const datesOf = (year: number, options = {}): string[] => brazilNationalHolidays(year, options).map((h) => h.date);
const dateNamed = (year: number, name: string, options = {}): string | undefined =>
  brazilNationalHolidays(year, options).find((h) => h.name === name)?.date;

describe('Brazil national holidays', () => {
  const easters: Array<[number, string]> = [
    [2000, '2000-04-23'], [2008, '2008-03-23'], [2011, '2011-04-24'], [2019, '2019-04-21'],
    [2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2038, '2038-04-25'], [2285, '2285-03-22'],
  ];
  for (const [year, easter] of easters) {
    it(`puts Easter ${year} on ${easter}`, () => expect(isoDateOf(easterSunday(year))).to.equal(easter));
  }

  for (const [year, goodFriday] of [[2024, '2024-03-29'], [2025, '2025-04-18'], [2026, '2026-04-03']] as const) {
    it(`puts Good Friday ${year} on ${goodFriday}`, () => expect(dateNamed(year, 'Sexta-feira Santa')).to.equal(goodFriday));
  }

  it('lists the fixed dates and Good Friday of 2026, sorted, without the optional days', () =>
    expect(datesOf(2026)).to.deep.equal([
      '2026-01-01', '2026-04-03', '2026-04-21', '2026-05-01', '2026-09-07',
      '2026-10-12', '2026-11-02', '2026-11-15', '2026-11-20', '2026-12-25',
    ]));

  it('adds Carnival Monday and Tuesday 2026 (16 and 17 February) when asked', () => {
    expect(dateNamed(2026, 'Carnaval (segunda-feira)', { carnival: true })).to.equal('2026-02-16');
    expect(dateNamed(2026, 'Carnaval (terça-feira)', { carnival: true })).to.equal('2026-02-17');
  });

  it('adds Corpus Christi 2026 (4 June) when asked', () =>
    expect(dateNamed(2026, 'Corpus Christi', { corpusChristi: true })).to.equal('2026-06-04'));

  it('adds Carnival 2025 on 3 and 4 March and Corpus Christi 2025 on 19 June', () =>
    expect(datesOf(2025, { carnival: true, corpusChristi: true })).to.include.members(['2025-03-03', '2025-03-04', '2025-06-19']));

  it('has 20 November from 2024 on', () => {
    expect(datesOf(2024)).to.include('2024-11-20');
    expect(datesOf(2030)).to.include('2030-11-20');
  });

  it('has no 20 November in 2023', () => expect(datesOf(2023)).not.to.include('2023-11-20'));

  it('refuses a year outside the Gregorian range it computes', () => expect(() => brazilNationalHolidays(1500)).to.throw(RangeError));
});
