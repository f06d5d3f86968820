import { expect } from 'chai';
import { defaultCalendar } from '#calendar';
import { periodInstants } from './account-deadlines.js';
import { memoisedPeriods } from './memoised-periods.js';

const saoPaulo = defaultCalendar('sp');
const months = Array.from({ length: 30 }, (_, i) => `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

describe('memoisedPeriods: the account deadlines period arithmetic, remembered', () => {
  it('gives what the plain arithmetic gives, asked once or again, in every zone', () => {
    const periods = memoisedPeriods();
    for (const round of [1, 2]) {
      for (const month of months) {
        for (const zone of ['America/Sao_Paulo', 'America/New_York', 'Asia/Kolkata'])
          expect(periods.start(month, zone), `${round} ${zone} ${month}`).to.equal(periodInstants.start(month, zone));
        expect(periods.next(month)).to.equal(periodInstants.next(month));
        expect(periods.firstBusinessOpening(saoPaulo, month)).to.equal(periodInstants.firstBusinessOpening(saoPaulo, month));
      }
    }
  });

  it('computes a changed calendar afresh (a changed calendar is a new value)', () => {
    const periods = memoisedPeriods();
    expect(periods.firstBusinessOpening(saoPaulo, '2026-06')).to.equal('2026-06-01T12:00:00Z');
    const newYork = { ...saoPaulo, timeZone: 'America/New_York', brazilNationalHolidays: false };
    expect(periods.firstBusinessOpening(newYork, '2026-06')).to.equal('2026-06-01T13:00:00Z');
  });
});
