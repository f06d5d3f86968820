/** When the account's alerts fire: the balance under `lowBalanceMinutes`, a lot `expiringWithinDays` days before it expires. */
export interface AlertSettings {
  readonly lowBalanceMinutes: number;
  readonly expiringWithinDays: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { lowBalanceMinutes: 60, expiringWithinDays: 30 };

export type AlertSettingsChanged = {
  type: 'AlertSettingsChanged';
  data: AlertSettings & { changedAt: string };
};
/** The balance went under the threshold at `alertedAt`; once, until a credit takes it back to the threshold or above. */
export type LowBalanceAlerted = {
  type: 'LowBalanceAlerted';
  data: { balanceMinutes: number; thresholdMinutes: number; alertedAt: string };
};
/** A lot with minutes left is `expiringWithinDays` from its expiry; once per lot. */
export type LotExpiringSoonAlerted = {
  type: 'LotExpiringSoonAlerted';
  data: { lotId: string; minutes: number; expiresAt: string; alertedAt: string };
};
/** A debit left minutes uncovered in `period`: they will be invoiced; once per period, with the figures at that first debit. */
export type ShortfallAlerted = {
  type: 'ShortfallAlerted';
  data: { period: string; shortfallMinutes: number; rateCentsPerHour: number; estimatedAmountCents: number; alertedAt: string };
};

export type AlertEvent = AlertSettingsChanged | LowBalanceAlerted | LotExpiringSoonAlerted | ShortfallAlerted;

export const alertEventNames: Record<AlertEvent['type'], string> = {
  AlertSettingsChanged: 'hourbank.account.alert-settings-changed.v1',
  LowBalanceAlerted: 'hourbank.account.low-balance-alerted.v1',
  LotExpiringSoonAlerted: 'hourbank.account.lot-expiring-soon-alerted.v1',
  ShortfallAlerted: 'hourbank.account.shortfall-alerted.v1',
};
