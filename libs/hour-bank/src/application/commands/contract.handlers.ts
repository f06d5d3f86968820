import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#kernel';
import { STAFF_DIRECTORY, type CommandContext, type Principal, type StaffDirectory } from '#platform';
import { AccountPipeline } from '../account-pipeline.js';
import { CalendarBook } from '../calendar-book.js';
import type { CommandOutcome } from '../command-outcome.js';
import type { AlertSettings } from '../../domain/account/alert-events.js';
import type { ContractTerms } from '../../domain/account/contract-events.js';
import type { MaintenanceSchedule } from '../../domain/account/maintenance-events.js';

abstract class AccountChange<Input> extends Command<CommandOutcome> {
  constructor(readonly accountId: string, readonly input: Input, readonly caller: Principal, readonly context: CommandContext) {
    super();
  }
}

export class AssignAccountManagerCommand extends AccountChange<{ userId: string }> {}
export class RemoveAccountManagerCommand extends AccountChange<Record<string, never>> {}
export class SetSupportChannelsCommand extends AccountChange<{ whatsappGroup?: string; emergencyWhatsappGroup?: string }> {}
export class AmendContractCommand extends AccountChange<Partial<ContractTerms> & { effectiveFrom: string; reason: string }> {}
export class ChangeAlertSettingsCommand extends AccountChange<AlertSettings> {}
export class ScheduleMaintenanceCommand extends AccountChange<Omit<MaintenanceSchedule, 'scheduleId'>> {}
export class EndMaintenanceScheduleCommand extends AccountChange<{ scheduleId: string }> {}

@CommandHandler(RemoveAccountManagerCommand)
export class RemoveAccountManagerHandler implements ICommandHandler<RemoveAccountManagerCommand> {
  constructor(private readonly accounts: AccountPipeline) {}
  execute(command: RemoveAccountManagerCommand): Promise<CommandOutcome> {
    const { accountId, context, caller } = command;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'RemoveAccountManager', now, data: {} }) });
  }
}

@CommandHandler(SetSupportChannelsCommand)
export class SetSupportChannelsHandler implements ICommandHandler<SetSupportChannelsCommand> {
  constructor(private readonly accounts: AccountPipeline) {}
  execute(command: SetSupportChannelsCommand): Promise<CommandOutcome> {
    const { accountId, context, caller } = command;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'SetSupportChannels', now, data: command.input }) });
  }
}

@CommandHandler(ChangeAlertSettingsCommand)
export class ChangeAlertSettingsHandler implements ICommandHandler<ChangeAlertSettingsCommand> {
  constructor(private readonly accounts: AccountPipeline) {}
  execute(command: ChangeAlertSettingsCommand): Promise<CommandOutcome> {
    const { accountId, context, caller } = command;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'ChangeAlertSettings', now, data: command.input }) });
  }
}

/** The schedule id is the command id: a retried request schedules the same maintenance, never a second one. */
@CommandHandler(ScheduleMaintenanceCommand)
export class ScheduleMaintenanceHandler implements ICommandHandler<ScheduleMaintenanceCommand> {
  constructor(private readonly accounts: AccountPipeline) {}
  execute(command: ScheduleMaintenanceCommand): Promise<CommandOutcome> {
    const { accountId, context, caller } = command;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'ScheduleMaintenance', now, data: { ...command.input, scheduleId: command.context.commandId } }) });
  }
}

@CommandHandler(EndMaintenanceScheduleCommand)
export class EndMaintenanceScheduleHandler implements ICommandHandler<EndMaintenanceScheduleCommand> {
  constructor(private readonly accounts: AccountPipeline) {}
  execute(command: EndMaintenanceScheduleCommand): Promise<CommandOutcome> {
    const { accountId, context, caller } = command;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'EndMaintenanceSchedule', now, data: command.input }) });
  }
}

/** The manager named is looked up in the identity context; the decider checks that they may be one. */
@CommandHandler(AssignAccountManagerCommand)
export class AssignAccountManagerHandler implements ICommandHandler<AssignAccountManagerCommand> {
  constructor(private readonly accounts: AccountPipeline, @Inject(STAFF_DIRECTORY) private readonly staff: StaffDirectory) {}

  async execute({ accountId, input, caller, context }: AssignAccountManagerCommand): Promise<CommandOutcome> {
    const manager = await this.staff.find(input.userId);
    if (!manager) throw new DomainError('USER_IS_UNKNOWN', `No user ${input.userId}`, { userId: input.userId });
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'AssignAccountManager', now, data: { manager } }) });
  }
}

/** A calendar an amendment names must exist (422 otherwise). */
@CommandHandler(AmendContractCommand)
export class AmendContractHandler implements ICommandHandler<AmendContractCommand> {
  constructor(private readonly accounts: AccountPipeline, private readonly calendars: CalendarBook) {}

  async execute({ accountId, input, caller, context }: AmendContractCommand): Promise<CommandOutcome> {
    if (input.calendarId !== undefined) await this.calendars.referenced(input.calendarId);
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'AmendContract', now, data: input }) });
  }
}

export const contractHandlers = [
  AssignAccountManagerHandler, RemoveAccountManagerHandler, SetSupportChannelsHandler, AmendContractHandler, ChangeAlertSettingsHandler,
  ScheduleMaintenanceHandler, EndMaintenanceScheduleHandler,
];
