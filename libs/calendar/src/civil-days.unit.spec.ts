import { expect } from 'chai';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { civilOf, epochDayOf, isoWeekdayOf, plainDateOf } from './civil-days.js';

const epoch = Temporal.PlainDate.from('1970-01-01');

describe('epoch days', () => {
  it('agree with Temporal on the day count, the date and the weekday', () =>
    fc.assert(
      fc.property(fc.integer({ min: -400_000, max: 2_900_000 }), (epochDay) => {
        const date = epoch.add({ days: epochDay });
        expect(epochDayOf(date.year, date.month, date.day)).to.equal(epochDay);
        expect(civilOf(epochDay)).to.deep.equal({ year: date.year, month: date.month, day: date.day });
        expect(isoWeekdayOf(epochDay)).to.equal(date.dayOfWeek);
        expect(plainDateOf(epochDay).equals(date)).to.equal(true);
      }),
    ));
});
