'use strict';
// Tests run on the tsc output: decorator metadata (needed by Nest DI) survives only a real tsc build.
module.exports = {
  spec: ['dist/**/*.spec.js'],
  ignore: ['dist/test/bench/**'],
  reporter: './test/support/summary-reporter.cjs',
  // Stops the embedded PostgreSQL that the PostgreSQL specs start (libs/testing/src/postgres).
  require: ['./dist/libs/testing/src/postgres/mocha-root-hooks.js'],
  timeout: 30000,
  exit: true,
};
