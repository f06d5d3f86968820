import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, CurrentRequestContext, Roles, commandContextFrom, type Principal, type RequestContext } from '#platform';
import {
  AcceptDeliveryCommand, ApproveEstimateCommand, CancelTicketCommand, CorrectTimeEntryCommand, DeliverTicketCommand,
  EscalateToProjectCommand, EstimateTicketCommand, LogTimeCommand, ProvideClarificationCommand, RecordProjectOfferCommand,
  RejectEstimateCommand, RequestClarificationCommand, RequestRevisionCommand, type TicketCommandOutcome,
} from '#ticketing';
import { CommandRoute } from '../api-shared/command-route.js';
import { IdParam } from '../api-shared/id-param.js';
import { DecideEstimateRequestDto, EmptyRequestDto } from './dto/approval.request.dto.js';
import {
  DeliverTicketRequestDto, EstimateTicketRequestDto, ProjectOfferRequestDto, ProvideClarificationRequestDto, ReasonRequestDto,
  RequestClarificationRequestDto,
} from './dto/ticket-actions.request.dto.js';
import { CorrectTimeEntryRequestDto, LogTimeRequestDto } from './dto/time-entry.request.dto.js';

const TicketId = () => IdParam('id', 'TICKET_NOT_FOUND');
const EntryId = () => IdParam('entryId', 'TIME_ENTRY_NOT_FOUND');
const Action = CommandRoute;

/** Every command on an existing ticket; the deciders hold the rules, the roles here are the first gate. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:id')
export class TicketActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('clarification-requests') @Roles('agent') @Action('Ask the client a question; the ticket waits for the answer')
  requestClarification(@TicketId() id: string, @Body() body: RequestClarificationRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new RequestClarificationCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('clarifications') @Roles('client') @Action('Answer the agent\'s question')
  provideClarification(@TicketId() id: string, @Body() body: ProvideClarificationRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new ProvideClarificationCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('estimate') @Roles('agent') @Action('Estimate minutes and delivery; over the available minutes it awaits approval')
  estimate(@TicketId() id: string, @Body() body: EstimateTicketRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new EstimateTicketCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('approval') @Roles('client', 'manager') @Action('Approve or reject an estimate awaiting approval (a manager acts on the client\'s behalf)')
  decideEstimate(@TicketId() id: string, @Body() body: DecideEstimateRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    const context = commandContextFrom(request);
    return this.commands.execute(
      body.decision === 'approve'
        ? new ApproveEstimateCommand(id, {}, caller, context)
        : new RejectEstimateCommand(id, { reason: body.reason ?? '' }, caller, context),
    );
  }

  @Post('time-entries') @Roles('agent') @Action('Log time while work is authorized', true)
  logTime(@TicketId() id: string, @Body() body: LogTimeRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new LogTimeCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('time-entries/:entryId/corrections') @Roles('agent') @Action('Correct a time entry with a reason (never edited)', true)
  correctTime(@TicketId() id: string, @EntryId() entryId: string, @Body() body: CorrectTimeEntryRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new CorrectTimeEntryCommand(id, { ...body, entryId }, caller, commandContextFrom(request)));
  }

  @Post('delivery') @Roles('agent') @Action('Deliver the work with a summary; the client is told')
  deliver(@TicketId() id: string, @Body() body: DeliverTicketRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new DeliverTicketCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('revision-requests') @Roles('client') @Action('Send a delivered ticket back to work')
  requestRevision(@TicketId() id: string, @Body() body: ReasonRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new RequestRevisionCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('acceptance') @Roles('client') @Action('Accept the delivery; the ticket closes and its time is debited')
  accept(@TicketId() id: string, @Body() _body: EmptyRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new AcceptDeliveryCommand(id, {}, caller, commandContextFrom(request)));
  }

  @Post('cancellation') @Roles('client', 'agent', 'manager') @Action('Cancel with a reason (a client only before any time is logged)')
  cancel(@TicketId() id: string, @Body() body: ReasonRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new CancelTicketCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('escalation') @Roles('agent') @Action('Escalate to a project: the ticket closes, Customer Success makes an offer')
  escalate(@TicketId() id: string, @Body() body: ReasonRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new EscalateToProjectCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('project-offer') @Roles('agent', 'manager') @Action('Record the project offer of an escalated ticket', true)
  recordProjectOffer(@TicketId() id: string, @Body() body: ProjectOfferRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new RecordProjectOfferCommand(id, body, caller, commandContextFrom(request)));
  }
}
