import type { Clock, DomainEvent } from '#kernel';
import type { EventStore } from '#eventstore';
import { decideOnly, executeCommand, type CommandResult, type ExecuteCommandOptions } from './command-pipeline.js';

/** The pipeline as a Nest provider: command handlers inject it and call `execute`. */
export class CommandPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  execute<Command, Event extends DomainEvent, State>(
    options: ExecuteCommandOptions<Command, Event, State>,
  ): Promise<CommandResult<Event>> {
    return executeCommand({ store: this.store, clock: this.clock }, options);
  }

  /** What the command would decide now, without writing: refusals surface before anything else is written. */
  decideOnly<Command, Event extends DomainEvent, State>(options: ExecuteCommandOptions<Command, Event, State>) {
    return decideOnly({ store: this.store, clock: this.clock }, options);
  }

  now() {
    return this.clock.now();
  }
}
