import { Body, Controller, Delete, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  AcceptProjectOfferCommand, AnswerPendingQuestionCommand, AssignTicketCommand, ChangeTicketPriorityCommand, DeclineProjectOfferCommand,
  MarkOutOfScopeCommand, RecordPendingQuestionCommand, RequestOverrunApprovalCommand, UnassignTicketCommand, type TicketCommandOutcome,
} from '#ticketing';
import { CurrentPrincipal, CurrentRequestContext, Roles, commandContextFrom, type Principal, type RequestContext } from '#platform';
import { CommandRoute } from '../api-shared/command-route.js';
import { IdParam } from '../api-shared/id-param.js';
import {
  AssignTicketRequestDto, OutOfScopeRequestDto, OverrunRequestDto, PendingAnswerRequestDto, PendingQuestionRequestDto, ProjectOfferDecisionRequestDto,
  TicketPriorityRequestDto,
} from './dto/ticket-service.request.dto.js';

const TicketId = () => IdParam('id', 'TICKET_NOT_FOUND');
const Action = CommandRoute;

/** Who works a ticket and how urgent it is, the consultative facts, scope, project-offer decisions and overruns. */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets/:id')
export class TicketServiceController {
  constructor(private readonly commands: CommandBus) {}

  @Put('assignee') @Roles('agent', 'manager') @Action('Assign (or reassign) the ticket to an agent or manager')
  assign(@TicketId() id: string, @Body() body: AssignTicketRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new AssignTicketCommand(id, { assigneeId: body.userId }, caller, commandContextFrom(request)));
  }

  @Delete('assignee') @Roles('agent', 'manager') @Action('Leave the ticket unassigned')
  unassign(@TicketId() id: string, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new UnassignTicketCommand(id, {}, caller, commandContextFrom(request)));
  }

  @Put('priority') @Roles('agent', 'manager') @Action('Set the priority (low, normal, high, urgent)')
  priority(@TicketId() id: string, @Body() body: TicketPriorityRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new ChangeTicketPriorityCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('pending-questions') @Roles('agent') @Action('Record a question left open in the session, to answer later', true)
  recordQuestion(@TicketId() id: string, @Body() body: PendingQuestionRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new RecordPendingQuestionCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('pending-questions/:questionId/answer') @Roles('agent') @Action('Answer a pending question (also after delivery and after the ticket closed)')
  answerQuestion(@TicketId() id: string, @IdParam('questionId', 'PENDING_QUESTION_NOT_FOUND') questionId: string, @Body() body: PendingAnswerRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new AnswerPendingQuestionCommand(id, { questionId, answer: body.answer }, caller, commandContextFrom(request)));
  }

  @Post('out-of-scope') @Roles('agent') @Action('Mark the demand out of scope: refuse it with the reason, or escalate it to a project')
  outOfScope(@TicketId() id: string, @Body() body: OutOfScopeRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new MarkOutOfScopeCommand(id, body, caller, commandContextFrom(request)));
  }

  @Post('project-offer/decision') @Roles('client', 'manager') @Action("Accept or decline the project offer (a manager acts on the client's behalf)")
  decideOffer(@TicketId() id: string, @Body() body: ProjectOfferDecisionRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    const context = commandContextFrom(request);
    return this.commands.execute(body.decision === 'accept'
      ? new AcceptProjectOfferCommand(id, { offerId: body.offerId }, caller, context)
      : new DeclineProjectOfferCommand(id, { offerId: body.offerId, reason: body.reason ?? '' }, caller, context));
  }

  @Post('overrun-requests') @Roles('agent') @Action('Ask the client to approve minutes beyond the approved estimate; the ticket waits for the decision (POST approval)', true)
  requestOverrun(@TicketId() id: string, @Body() body: OverrunRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    return this.commands.execute(new RequestOverrunApprovalCommand(id, body, caller, commandContextFrom(request)));
  }
}
