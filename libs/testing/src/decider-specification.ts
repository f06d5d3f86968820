import { expect } from 'chai';
import { type Decider, type DomainEvent, fold, isDomainError } from '#kernel';

/**
 * given(events).when(command).then(events) for a pure decider:
 * state is built by folding the given events; only `decide` runs in `when`.
 */
export const DeciderSpecification = {
  for<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
    return (givenEvents: readonly Event[]) => ({
      when: (command: Command) => {
        const run = () => decider.decide(command, fold(decider, givenEvents));
        return {
          then(expected: readonly Event[]): void {
            expect(run()).to.deep.equal(expected);
          },
          thenNothingHappens(): void {
            expect(run()).to.deep.equal([]);
          },
          thenThrows(code: string): void {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown, `expected DomainError ${code}`).to.satisfy(isDomainError);
            expect((thrown as { code: string }).code).to.equal(code);
          },
          /** For outcomes that are easier to check than to spell out whole. */
          thenEvents(assert: (events: Event[]) => void): void {
            assert(run());
          },
        };
      },
    });
  },
};
