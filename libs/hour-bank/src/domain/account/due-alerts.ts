import { Temporal } from 'temporal-polyfill';
import { roundHalfUpDiv } from '#kernel';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings, type LowBalanceAlerted, type LotExpiringSoonAlerted, type ShortfallAlerted } from './alert-events.js';
import type { AccountBook, OpenedAccount } from './account-state.js';
import { type ZonedTerms, periodAt, termsFor, zoneFor } from './contract-terms.js';
import { fifo, unexpiredBalance } from './lots.js';

export const alertSettingsOf = (book: AccountBook): AlertSettings => book.alertSettings ?? DEFAULT_ALERT_SETTINGS;

const later = (a: Temporal.Instant, b: Temporal.Instant) => (Temporal.Instant.compare(a, b) >= 0 ? a : b);

/**
 * The balance went under the threshold after a credit had taken it there: alerted once, at the instant of the fact
 * that took it under (after every fact of that instant, so an expiry followed by the month's credit at the same
 * instant alerts nothing).
 */
export const lowBalanceAlert = (book: OpenedAccount, at: Temporal.Instant): LowBalanceAlerted[] => {
  if (!book.lowBalanceArmed) return [];
  const thresholdMinutes = alertSettingsOf(book).lowBalanceMinutes;
  const balanceMinutes = unexpiredBalance(book, at);
  if (thresholdMinutes <= 0 || balanceMinutes >= thresholdMinutes) return [];
  return [{ type: 'LowBalanceAlerted', data: { balanceMinutes, thresholdMinutes, alertedAt: at.toString() } }];
};

/**
 * When a lot expiring at `expiresAt` is announced: `days` before (in the zone of its expiry period), not before the
 * settings that asked for it were given; none when that is not before the expiry.
 */
export const expiryAlertAt = (book: ZonedTerms, expiresAt: string, days: number, settingsFrom?: string): Temporal.Instant | undefined => {
  const expiry = Temporal.Instant.from(expiresAt);
  const due = expiry.toZonedDateTimeISO(zoneFor(book, periodAt(book, expiry))).subtract({ days }).toInstant();
  const at = settingsFrom ? later(due, Temporal.Instant.from(settingsFrom)) : due;
  return Temporal.Instant.compare(at, expiry) < 0 ? at : undefined;
};

/**
 * The next lot to be announced as expiring soon: a lot with minutes left, `expiringWithinDays` before its expiry
 * (in the account's zone), not before the settings that asked for it; once per lot.
 */
export const nextExpiryAlert = (book: AccountBook): { at: Temporal.Instant; event: LotExpiringSoonAlerted } | undefined => {
  const { expiringWithinDays } = alertSettingsOf(book);
  if (expiringWithinDays <= 0) return undefined;
  const alerted = new Set(book.expiryAlertedLots ?? []);
  for (const lot of fifo(book.lots.filter((candidate) => !alerted.has(candidate.lotId)))) {
    const at = expiryAlertAt(book, lot.expiresAt, expiringWithinDays, book.alertSettingsFrom);
    if (at) return { at, event: { type: 'LotExpiringSoonAlerted', data: { lotId: lot.lotId, minutes: lot.minutes, expiresAt: lot.expiresAt, alertedAt: at.toString() } } };
  }
  return undefined;
};

/** The first shortfall of a period is announced with the debit that caused it (the invoice comes next month). */
export const shortfallAlert = (book: OpenedAccount, period: string, at: Temporal.Instant): ShortfallAlerted[] => {
  const shortfallMinutes = book.shortfalls[period] ?? 0;
  if (shortfallMinutes === 0 || (book.shortfallAlertedPeriods ?? []).includes(period)) return [];
  const rateCentsPerHour = termsFor(book, period).overageRateCentsPerHour;
  const estimatedAmountCents = roundHalfUpDiv(shortfallMinutes * rateCentsPerHour, 60);
  return [{ type: 'ShortfallAlerted', data: { period, shortfallMinutes, rateCentsPerHour, estimatedAmountCents, alertedAt: at.toString() } }];
};
