import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#kernel';
import { STAFF_DIRECTORY, type StaffDirectory } from '#platform';
import type { OutOfScopeReason, TicketPriority } from '../../domain/ticket/service-events.js';
import type { TicketCommandOutcome } from '../command-outcome.js';
import { actorOf } from '../ticket-access.js';
import { TicketPipeline } from '../ticket-pipeline.js';
import { TicketAction } from './ticket-action.js';

export class AssignTicketCommand extends TicketAction<{ assigneeId: string }> {}
export class UnassignTicketCommand extends TicketAction<Record<string, never>> {}
export class ChangeTicketPriorityCommand extends TicketAction<{ priority: TicketPriority }> {}
export class RecordPendingQuestionCommand extends TicketAction<{ question: string }> {}
export class AnswerPendingQuestionCommand extends TicketAction<{ questionId: string; answer: string }> {}
export class MarkOutOfScopeCommand extends TicketAction<{ reason: OutOfScopeReason; note: string; resolution: 'refuse' | 'escalate' }> {}
export class AcceptProjectOfferCommand extends TicketAction<{ offerId: string }> {}
export class DeclineProjectOfferCommand extends TicketAction<{ offerId: string; reason: string }> {}

/** The assignee is looked up in the identity context; the decider checks that they may work tickets. */
@CommandHandler(AssignTicketCommand)
export class AssignTicketHandler implements ICommandHandler<AssignTicketCommand> {
  constructor(private readonly tickets: TicketPipeline, @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory) {}

  async execute({ ticketId, input, caller, context }: AssignTicketCommand): Promise<TicketCommandOutcome> {
    const assignee = await this.staff.find(input.assigneeId);
    if (!assignee) throw new DomainError('USER_IS_UNKNOWN', `No user ${input.assigneeId}`, { userId: input.assigneeId });
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'AssignTicket', now, by: actorOf(caller), data: { assignee } }) });
  }
}

@CommandHandler(UnassignTicketCommand)
export class UnassignTicketHandler implements ICommandHandler<UnassignTicketCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, caller, context }: UnassignTicketCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'UnassignTicket', now, by: actorOf(caller), data: {} }) });
  }
}

@CommandHandler(ChangeTicketPriorityCommand)
export class ChangeTicketPriorityHandler implements ICommandHandler<ChangeTicketPriorityCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: ChangeTicketPriorityCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'ChangeTicketPriority', now, by: actorOf(caller), data: input }) });
  }
}

/** The question id is the command id: a retried request records the question once. */
@CommandHandler(RecordPendingQuestionCommand)
export class RecordPendingQuestionHandler implements ICommandHandler<RecordPendingQuestionCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: RecordPendingQuestionCommand): Promise<TicketCommandOutcome> {
    const data = { questionId: context.commandId, question: input.question };
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'RecordPendingQuestion', now, by: actorOf(caller), data }) });
  }
}

@CommandHandler(AnswerPendingQuestionCommand)
export class AnswerPendingQuestionHandler implements ICommandHandler<AnswerPendingQuestionCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: AnswerPendingQuestionCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'AnswerPendingQuestion', now, by: actorOf(caller), data: input }) });
  }
}

@CommandHandler(MarkOutOfScopeCommand)
export class MarkOutOfScopeHandler implements ICommandHandler<MarkOutOfScopeCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: MarkOutOfScopeCommand): Promise<TicketCommandOutcome> {
    return this.tickets.run({ ticketId, context, caller, build: (now) => ({ type: 'MarkOutOfScope', now, by: actorOf(caller), data: input }) });
  }
}

/** Deciding on a project offer is an approver's act, like an estimate (a manager acts on the client's behalf). */
@CommandHandler(AcceptProjectOfferCommand)
export class AcceptProjectOfferHandler implements ICommandHandler<AcceptProjectOfferCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: AcceptProjectOfferCommand): Promise<TicketCommandOutcome> {
    return this.tickets.runAsApprover({ ticketId, context, caller, build: (now) => ({ type: 'AcceptProjectOffer', now, by: actorOf(caller), data: input }) });
  }
}

@CommandHandler(DeclineProjectOfferCommand)
export class DeclineProjectOfferHandler implements ICommandHandler<DeclineProjectOfferCommand> {
  constructor(private readonly tickets: TicketPipeline) {}

  execute({ ticketId, input, caller, context }: DeclineProjectOfferCommand): Promise<TicketCommandOutcome> {
    return this.tickets.runAsApprover({ ticketId, context, caller, build: (now) => ({ type: 'DeclineProjectOffer', now, by: actorOf(caller), data: input }) });
  }
}

export const serviceHandlers = [
  AssignTicketHandler, UnassignTicketHandler, ChangeTicketPriorityHandler, RecordPendingQuestionHandler, AnswerPendingQuestionHandler,
  MarkOutOfScopeHandler, AcceptProjectOfferHandler, DeclineProjectOfferHandler,
];
