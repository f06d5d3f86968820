'use strict';
// The domain stays pure: no framework, no IO, no node built-ins; only the kernel, the calendar,
// its own context's domain and temporal-polyfill. Checked in `npm test` (test/architecture).
const domain = '^libs/([^/]+)/src/domain/';
const pure = ['^libs/kernel/src/', '^libs/calendar/src/', 'node_modules/temporal-polyfill/'];

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-pure-code',
      severity: 'error',
      from: { path: domain, pathNot: '\\.spec\\.ts$' },
      to: { pathNot: [...pure, '^libs/$1/src/domain/'] },
    },
    {
      name: 'kernel-and-calendar-are-pure',
      severity: 'error',
      from: { path: '^libs/(kernel|calendar)/src/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: pure },
    },
    {
      name: 'no-node-builtins-in-pure-code',
      severity: 'error',
      from: { path: ['^libs/[^/]+/src/domain/', '^libs/(kernel|calendar)/src/'], pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '(^|/)dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
