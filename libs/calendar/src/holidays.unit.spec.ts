import { expect } from 'chai';
import { defaultCalendar } from './business-calendar.js';
import { holidaysIn } from './holidays.js';

describe('holidaysIn', () => {
  const calendar = {
    ...defaultCalendar('sp'),
    corpusChristi: true,
    holidays: [
      { date: '2026-07-09', name: 'Revolução Constitucionalista' },
      { date: '2027-01-25', name: 'Aniversário de São Paulo' },
      { date: '2026-12-25', name: 'Natal' },
    ],
  };

  it('merges the chosen national holidays with the year\'s local ones, sorted, once each', () => {
    const dates = holidaysIn(calendar, 2026).map((h) => h.date);
    expect(dates).to.include.members(['2026-06-04', '2026-07-09']);
    expect(dates).not.to.include('2027-01-25');
    expect(dates.filter((d) => d === '2026-12-25')).to.have.length(1);
    expect(dates).to.deep.equal([...dates].sort());
  });

  it('keeps only the local ones when national holidays are off', () =>
    expect(holidaysIn({ ...calendar, brazilNationalHolidays: false }, 2027)).to.deep.equal([{ date: '2027-01-25', name: 'Aniversário de São Paulo' }]));
});
