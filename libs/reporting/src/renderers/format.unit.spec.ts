import { expect } from 'chai';
import { brl, date, dateTime, hhmm, integer, periodName } from './format.js';

describe('hand-made pt-BR formatting', () => {
  it('writes minutes as h:mm', () => expect([hhmm(0), hhmm(5), hhmm(130), hhmm(6000), hhmm(-45)]).to.deep.equal(['0:00', '0:05', '2:10', '100:00', '-0:45']));
  it('writes cents as reais with thousands dots and a decimal comma', () =>
    expect([brl(0), brl(6263), brl(123456789), brl(-5)]).to.deep.equal(['R$ 0,00', 'R$ 62,63', 'R$ 1.234.567,89', '-R$ 0,05']));
  it('groups integers by thousands', () => expect([integer(999), integer(1000), integer(-1234567)]).to.deep.equal(['999', '1.000', '-1.234.567']));
  it('writes instants as local dates in the account zone', () => {
    expect(date('2027-01-01T02:59:00Z', 'America/Sao_Paulo')).to.equal('31/12/2026');
    expect(dateTime('2027-01-05T13:07:00Z', 'America/Sao_Paulo')).to.equal('05/01/2027 10:07');
  });
  it('names the period in Portuguese', () => expect(periodName('2027-03')).to.equal('março de 2027'));
});
