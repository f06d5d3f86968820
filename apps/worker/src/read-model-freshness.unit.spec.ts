import { expect } from 'chai';
import type { ConsumerPositions, ConsumerState } from '#projections';

type Consumer = ConsumerPositions['consumers'][number];
const consumer = (name: string, position: number, state: string): Consumer => ({ name, position, state: state as ConsumerState, lastError: null });
import { FRESHNESS, readModelsReach } from './read-model-freshness.js';

/**
 * The wait on a scripted clock: each poll of the positions takes `stepMs`; `track(t)` says where the consumer
 * stands at time t. No real time passes.
 */
const scripted = (track: (t: number) => { position: number; state?: string }, stepMs = 100) => {
  let t = 0;
  let polls = 0;
  const positions = async (): Promise<ConsumerPositions> => {
    polls++;
    const { position, state = 'catching-up' } = track(t);
    return { headPosition: 100, consumers: [consumer('ticket-list', position, state), consumer('other', 0, 'catching-up')] };
  };
  const options = { ...FRESHNESS, now: () => t, pause: async (ms: number) => void (t += ms + stepMs) };
  return { positions, options, elapsed: () => t, polls: () => polls };
};

describe('ReadModelFreshness: waits while the read model moves towards the head', () => {
  it('answers at once when the read model is already at the head (and ignores consumers it was not asked about)', async () => {
    const run = scripted(() => ({ position: 100 }));
    expect(await readModelsReach(run.positions, ['ticket-list'], 100, run.options)).to.equal(true);
    expect(run.polls()).to.equal(1);
  });

  it('keeps waiting past the stall time while a slow catch-up keeps moving (a loaded machine), and answers once it arrived', async () => {
    // One event every 500 ms: 6 s to the head, three times the stall time.
    const run = scripted((t) => ({ position: Math.min(100, 88 + Math.floor(t / 500)) }));
    expect(await readModelsReach(run.positions, ['ticket-list'], 100, run.options)).to.equal(true);
    expect(run.elapsed()).to.be.within(6000, 6200);
  });

  it('gives up after the stall time when the read model stops moving', async () => {
    const run = scripted((t) => ({ position: Math.min(50, 40 + Math.floor(t / 200)) }));
    expect(await readModelsReach(run.positions, ['ticket-list'], 100, run.options)).to.equal(false);
    // It reached 50 at 2 s and stood still from then on.
    expect(run.elapsed()).to.be.within(2000 + FRESHNESS.stallMs, 2200 + FRESHNESS.stallMs);
  });

  it('does not wait for a parked read model', async () => {
    const run = scripted(() => ({ position: 10, state: 'parked' }));
    expect(await readModelsReach(run.positions, ['ticket-list'], 100, run.options)).to.equal(true);
    expect(run.polls()).to.equal(1);
  });

  it('gives up at the limit even while the read model still moves', async () => {
    const run = scripted((t) => ({ position: Math.floor(t / 1000) }));
    expect(await readModelsReach(run.positions, ['ticket-list'], 100, run.options)).to.equal(false);
    expect(run.elapsed()).to.be.within(FRESHNESS.limitMs, FRESHNESS.limitMs + 200);
  });
});
