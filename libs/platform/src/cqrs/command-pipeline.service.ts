import type { Counter } from 'prom-client';
import { isDomainError, type Clock, type DomainEvent } from '#kernel';
import { isWrongExpectedRevision, streamCategory, type EventStore } from '#eventstore';
import { decideOnly, executeCommand, type CommandResult, type ExecuteCommandOptions } from './command-pipeline.js';

type Outcomes = Pick<Counter<'command' | 'outcome' | 'code'>, 'inc'>;

/** The pipeline as a Nest provider: command handlers inject it and call `execute`; each outcome is counted. */
export class CommandPipeline {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly outcomes?: Outcomes,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    options: ExecuteCommandOptions<Command, Event, State>,
  ): Promise<CommandResult<Event>> {
    let type: string | undefined;
    const command = (...args: Parameters<typeof options.command>) => {
      const built = options.command(...args);
      type = (built as { type?: unknown }).type as string | undefined;
      return built;
    };
    const count = (outcome: string, code = '') => this.outcomes?.inc({ command: type ?? streamCategory(options.stream), outcome, code });
    try {
      const result = await executeCommand({ store: this.store, clock: this.clock }, { ...options, command });
      count(type === undefined ? 'replayed' : result.events.length > 0 ? 'appended' : 'unchanged');
      return result;
    } catch (error) {
      if (isDomainError(error)) count('rejected', error.code);
      else count(isWrongExpectedRevision(error) ? 'conflict' : 'error');
      throw error;
    }
  }

  /** What the command would decide now, without writing: refusals surface before anything else is written. */
  decideOnly<Command, Event extends DomainEvent, State>(options: ExecuteCommandOptions<Command, Event, State>) {
    return decideOnly({ store: this.store, clock: this.clock }, options);
  }

  now() {
    return this.clock.now();
  }
}
