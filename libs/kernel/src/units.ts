/** Durations are integer minutes; money is integer cents (BRL). */
export type Minutes = number;
export type Cents = number;

export const isWholeMinutes = (value: unknown): value is Minutes =>
  typeof value === 'number' && Number.isSafeInteger(value);

/** Round half up of a non-negative rational numerator/denominator, in integers only. */
export const roundHalfUpDiv = (numerator: number, denominator: number): number => {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('roundHalfUpDiv needs safe integers and a positive denominator');
  }
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
};
