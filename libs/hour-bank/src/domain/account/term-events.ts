/**
 * The end of a contract: a fixed term agreed at opening or later, or a termination notice. The contract runs until the
 * end of `lastPeriod` and ends at the first instant of the period after it (counted in the zone in force then).
 */
export type ContractEndScheduled = {
  type: 'ContractEndScheduled';
  data: { lastPeriod: string; reason: string; previousLastPeriod?: string; scheduledAt: string };
};
/** The scheduled end is called off before it came: the contract runs on with no end. */
export type ContractEndWithdrawn = {
  type: 'ContractEndWithdrawn';
  data: { lastPeriod: string; withdrawnAt: string };
};
/** A contract with an end runs on to a later last period: its monthly credits go on until then. */
export type ContractRenewed = {
  type: 'ContractRenewed';
  data: { previousLastPeriod: string; lastPeriod: string; renewedAt: string };
};
/**
 * Time-triggered: the contract ended at the first instant after its last period (`endedAt`), whenever a process
 * noticed. From then on it takes no credits, packages, tickets or changes; open tickets still close and are debited,
 * the last periods' shortfalls are invoiced and the lots left expire as scheduled.
 */
export type ContractEnded = {
  type: 'ContractEnded';
  data: { lastPeriod: string; reason: string; endedAt: string };
};

export type TermEvent = ContractEndScheduled | ContractEndWithdrawn | ContractRenewed | ContractEnded;

export const termEventNames: Record<TermEvent['type'], string> = {
  ContractEndScheduled: 'hourbank.account.contract-end-scheduled.v1',
  ContractEndWithdrawn: 'hourbank.account.contract-end-withdrawn.v1',
  ContractRenewed: 'hourbank.account.contract-renewed.v1',
  ContractEnded: 'hourbank.account.contract-ended.v1',
};
