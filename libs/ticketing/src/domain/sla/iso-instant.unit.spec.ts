import { expect } from 'chai';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { formatInstant, parseInstant } from './iso-instant.js';

const temporalParse = (iso: string) => {
  try {
    return Temporal.Instant.from(iso).epochNanoseconds;
  } catch (error) {
    return (error as Error).constructor.name;
  }
};
const ourParse = (iso: string) => {
  try {
    return parseInstant(iso).epochNanoseconds;
  } catch (error) {
    return (error as Error).constructor.name;
  }
};
const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
const isoLike = fc.tuple(digits(4, 9999), digits(2, 13), digits(2, 32), digits(2, 25), digits(2, 61), digits(2, 61),
  fc.constantFrom('', '.5', '.05', '.120', '.999', '.1234', '.000001'), fc.constantFrom('Z', 'z', '+01:00', ''))
  .map(([y, mo, d, h, mi, s, f, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f}${z}`);

describe('ISO instants: the short path gives what Temporal gives', () => {
  it('parses every ISO-like string to the same instant, or fails as Temporal does', () =>
    fc.assert(fc.property(isoLike, (iso) => {
      expect(ourParse(iso)).to.deep.equal(temporalParse(iso));
    }), { numRuns: 20_000 }));

  it('parses the edges of months, leap days and years', () => {
    for (const iso of ['2024-02-29T23:59:59.999Z', '2026-02-29T00:00:00Z', '2000-02-29T12:00:00Z', '1900-02-29T00:00:00Z',
      '0000-01-01T00:00:00Z', '1969-12-31T23:59:59.9Z', '9999-12-31T23:59:59.999Z', '2026-11-30T03:00:00Z', '2026-04-31T00:00:00Z'])
      expect(ourParse(iso), iso).to.deep.equal(temporalParse(iso));
  });

  it('formats every millisecond instant, and any other, as Temporal does', () =>
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 18n), max: 3n * 10n ** 20n }), fc.boolean(), (ns, whole) => {
      const instant = new Temporal.Instant(whole ? (ns / 1_000_000n) * 1_000_000n : ns);
      expect(formatInstant(instant)).to.equal(instant.toString());
    }), { numRuns: 20_000 }));

  it('formats the edges of the fast range as Temporal does', () => {
    for (const ms of [0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000, -1])
      expect(formatInstant(Temporal.Instant.fromEpochMilliseconds(ms)), String(ms)).to.equal(Temporal.Instant.fromEpochMilliseconds(ms).toString());
  });
});
