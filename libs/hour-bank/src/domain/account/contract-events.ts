/** The terms of a contract that an amendment may change, from a period on. */
export interface ContractTerms {
  readonly clientName: string;
  readonly overageRateCentsPerHour: number;
  readonly calendarId: string;
  readonly timeZone: string;
}

/** Who looks after the account (a plan's "gerente de atendimento"): a staff user of the identity context. */
export type AccountManagerAssigned = {
  type: 'AccountManagerAssigned';
  data: { userId: string; name: string; previousUserId?: string; assignedAt: string };
};
export type AccountManagerRemoved = {
  type: 'AccountManagerRemoved';
  data: { userId: string; removedAt: string };
};
/** The plan's WhatsApp groups (an invitation link or a number); absent fields are not offered. */
export type SupportChannelsSet = {
  type: 'SupportChannelsSet';
  data: { whatsappGroup?: string; emergencyWhatsappGroup?: string; setAt: string };
};
/**
 * New terms from `effectiveFrom` on (a period that has not started): only the fields given change. The overage rate
 * prices the shortfalls of those periods, the client name is the one on their reports, the calendar gives their
 * invoice day and the SLA of tickets opened from then on, and the zone counts those periods.
 */
export type ContractAmended = {
  type: 'ContractAmended';
  data: Partial<ContractTerms> & { effectiveFrom: string; reason: string; amendedAt: string };
};

export type ContractEvent = AccountManagerAssigned | AccountManagerRemoved | SupportChannelsSet | ContractAmended;

export const contractEventNames: Record<ContractEvent['type'], string> = {
  AccountManagerAssigned: 'hourbank.account.manager-assigned.v1',
  AccountManagerRemoved: 'hourbank.account.manager-removed.v1',
  SupportChannelsSet: 'hourbank.account.support-channels-set.v1',
  ContractAmended: 'hourbank.account.contract-amended.v1',
};
