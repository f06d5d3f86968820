import { stopTestPostgres } from './test-postgres.js';

/** Loaded by .mocharc.cjs: the embedded PostgreSQL a test process started stops with the run. */
export const mochaHooks = {
  async afterAll(this: unknown): Promise<void> {
    await stopTestPostgres();
  },
};
