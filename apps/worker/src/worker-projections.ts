import { accountBalanceProjection, hourBankDeadlinesProjection } from '#hour-bank';
import { identityDirectoryProjection } from '#identity';
import type { Projection } from '#projections';
import { reportAccountTicketsProjection } from '#reporting';
import { slaTimersProjection, ticketListProjection } from '#ticketing';
import { feedAccountsProjection } from './feed-accounts.projection.js';
import type { WorkerSettings } from './worker-settings.js';

/** Every read model the worker keeps, in the order they start and rebuild; the CLI rebuilds the same list. */
export const workerProjections = (settings: Pick<WorkerSettings, 'autoCloseBusinessDays'>): Projection[] => [
  accountBalanceProjection,
  slaTimersProjection,
  ticketListProjection,
  hourBankDeadlinesProjection(settings),
  reportAccountTicketsProjection,
  identityDirectoryProjection,
  feedAccountsProjection,
];
