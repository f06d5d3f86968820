import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { BusinessCalendar } from '#calendar';
import { DomainError } from '#kernel';
import {
  CalendarBook, type EstimateGated, GateEstimateCommand, StreamReader, VoidEstimateGateCommand, accountCodec, accountDecider, accountStream,
  firstResponseTargetFor, periodAt, termsFor, visibleAccount,
} from '#hour-bank';
import type { CommandContext } from '#platform';
import type { EstimateGate, GateDecision, TicketAccount, TicketAccounts } from '#ticketing';

/** Answers the ticketing context's questions about an account from the account and calendar streams; gates estimates there. */
@Injectable()
export class TicketAccountsAdapter implements TicketAccounts {
  constructor(
    private readonly reader: StreamReader,
    private readonly calendars: CalendarBook,
    private readonly commands: CommandBus,
  ) {}

  async get(accountId: string): Promise<TicketAccount> {
    const { state } = await this.reader.fold(accountStream(accountId), accountDecider, accountCodec);
    const account = visibleAccount(state, accountId);
    const calendar = await this.calendars.get(account.calendarId);
    return {
      accountId,
      calendar,
      status: account.status,
      firstResponseBusinessMinutes: (now) => firstResponseTargetFor(account, periodAt(account, now)),
      calendarIdAt: (now) => termsFor(account, periodAt(account, now)).calendarId,
    };
  }

  calendar(calendarId: string): Promise<BusinessCalendar> {
    return this.calendars.get(calendarId);
  }

  async gateEstimate(accountId: string, gate: EstimateGate, context: CommandContext): Promise<GateDecision> {
    const outcome = await this.commands.execute(new GateEstimateCommand(accountId, gate, context));
    const gated = outcome.events.find((event): event is EstimateGated => event.type === 'EstimateGated');
    if (!gated) throw new DomainError('ESTIMATE_WAS_NOT_GATED', 'The account recorded no gate for this estimate', { accountId, ...gate });
    const { availableMinutes, approvalRequired, ticketRevision } = gated.data;
    return { availableMinutes, approvalRequired, ticketRevision };
  }

  async voidEstimateGate(accountId: string, gate: Pick<EstimateGate, 'ticketId' | 'estimateId'>, context: CommandContext): Promise<void> {
    await this.commands.execute(new VoidEstimateGateCommand(accountId, gate, context));
  }
}
