import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CalendarAdminCommand, type CalendarAdminState, type CalendarOptions, type CommandOutcome, calendarAdminCodec,
  calendarAdminDecider, calendarStream, outcomeOf,
} from '#hour-bank';
import { CommandPipeline, type CommandContext } from '#platform';
import type { Temporal } from 'temporal-polyfill';

type Build = (now: Temporal.Instant, state: CalendarAdminState) => CalendarAdminCommand;

abstract class CalendarCommand<Input> extends Command<CommandOutcome> {
  constructor(readonly calendarId: string, readonly input: Input, readonly context: CommandContext) {
    super();
  }
}

export class DefineCalendarCommand extends CalendarCommand<CalendarOptions> {}
export class AddCalendarHolidayCommand extends CalendarCommand<{ date: string; name: string }> {}
export class RemoveCalendarHolidayCommand extends CalendarCommand<{ date: string }> {}
export class ChangeCalendarOptionsCommand extends CalendarCommand<Partial<CalendarOptions>> {}

const run = async (pipeline: CommandPipeline, calendarId: string, context: CommandContext, command: Build) =>
  outcomeOf(calendarId, await pipeline.execute({
    stream: calendarStream(calendarId), decider: calendarAdminDecider(calendarId), codec: calendarAdminCodec, context, command,
  }));

@CommandHandler(DefineCalendarCommand)
export class DefineCalendarHandler implements ICommandHandler<DefineCalendarCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ calendarId, input, context }: DefineCalendarCommand): Promise<CommandOutcome> {
    return run(this.pipeline, calendarId, context, (now) => ({ type: 'DefineCalendar', data: { ...input, calendarId, now } }));
  }
}

@CommandHandler(AddCalendarHolidayCommand)
export class AddCalendarHolidayHandler implements ICommandHandler<AddCalendarHolidayCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ calendarId, input, context }: AddCalendarHolidayCommand): Promise<CommandOutcome> {
    return run(this.pipeline, calendarId, context, (now) => ({ type: 'AddCalendarHoliday', data: { ...input, calendarId, now } }));
  }
}

@CommandHandler(RemoveCalendarHolidayCommand)
export class RemoveCalendarHolidayHandler implements ICommandHandler<RemoveCalendarHolidayCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ calendarId, input, context }: RemoveCalendarHolidayCommand): Promise<CommandOutcome> {
    return run(this.pipeline, calendarId, context, (now) => ({ type: 'RemoveCalendarHoliday', data: { ...input, calendarId, now } }));
  }
}

@CommandHandler(ChangeCalendarOptionsCommand)
export class ChangeCalendarOptionsHandler implements ICommandHandler<ChangeCalendarOptionsCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ calendarId, input, context }: ChangeCalendarOptionsCommand): Promise<CommandOutcome> {
    return run(this.pipeline, calendarId, context, (now) => ({ type: 'ChangeCalendarOptions', data: { ...input, calendarId, now } }));
  }
}
