import { Body, Controller, Get, Inject, Module, Param, Post } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import type { Temporal } from 'temporal-polyfill';
import { DomainError, type Decider, type DomainEvent } from '#kernel';
import { EVENT_STORE, EventCodec, type EventStore } from '#eventstore';
import { CommandPipeline, CurrentRequestContext, Roles, commandContextFrom, type RequestContext } from '#platform';

type Incremented = DomainEvent<'Incremented', { by: number; at: string }>;
interface Increment {
  readonly by: number;
  readonly now: Temporal.Instant;
}

/** A test-only aggregate: a counter that refuses to pass 1000, to drive the pipeline over real HTTP. */
const counter: Decider<Increment, Incremented, number> = {
  initialState: () => 0,
  evolve: (value, event) => value + event.data.by,
  decide: (command, value) => {
    if (value + command.by > 1000) throw new DomainError('COUNTER_LIMIT_EXCEEDED', 'A counter never passes 1000');
    return [{ type: 'Incremented', data: { by: command.by, at: command.now.toString() } }];
  },
};
const codec = new EventCodec({ Incremented: 'test.counter.incremented.v1' });

class IncrementRequest {
  @IsInt() @Min(1) @Max(1000) by!: number;
}

/** Counts the handler's runs, so a spec can tell a replay (no run) from a re-execution. */
export const counterRuns = { count: 0 };

/** While `hold` is set, the handler waits on it after counting its run (to keep a request in flight). */
export const counterGate: { hold?: Promise<void> } = {};

@Controller('test/counters')
class CounterController {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/increments')
  @Roles('agent', 'manager')
  async increment(@Param('id') id: string, @Body() request: IncrementRequest, @CurrentRequestContext() context: RequestContext) {
    counterRuns.count++;
    await counterGate.hold;
    const result = await this.pipeline.execute({
      stream: `counter-${id}`,
      decider: counter,
      codec,
      command: (now) => ({ by: request.by, now }),
      context: commandContextFrom(context),
    });
    return { revision: result.nextExpectedRevision, eventIds: await this.idsAt(id, result.nextExpectedRevision), run: counterRuns.count };
  }

  @Get(':id/explosion')
  explode(): never {
    throw new Error('internal detail: /srv/secret.sqlite');
  }

  @Get(':id')
  async read(@Param('id') id: string) {
    const events = [];
    for await (const event of this.store.readStream(`counter-${id}`)) events.push(event);
    return { value: events.reduce((sum, e) => sum + (e.data as { by: number }).by, 0), events };
  }

  private async idsAt(id: string, revision: number): Promise<string[]> {
    const ids: string[] = [];
    for await (const event of this.store.readStream(`counter-${id}`, { fromRevision: revision })) ids.push(event.id);
    return ids;
  }
}

@Module({ controllers: [CounterController] })
export class CounterTestModule {}
