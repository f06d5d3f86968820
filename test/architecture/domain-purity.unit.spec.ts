import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = process.cwd();
const depcruiseBin = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');

interface Violation { rule: { name: string }; from: string; to: string }

const cruise = (cwd: string, tsConfig: string): Violation[] => {
  const out = execFileSync(
    process.execPath,
    [depcruiseBin, 'libs', '--config', config, '--ts-config', tsConfig, '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
};

const domainSources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return domainSources(path);
    return /\/src\/domain\//.test(path) && path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });

const forbiddenGlobals = /\bnew Date\b|\bDate\.now\b|\bTemporal\.Now\b|\bMath\.random\b|\brandomUUID\b/;

describe('architecture: the domain is pure', function () {
  this.timeout(120_000);

  it('no domain, kernel or calendar module imports a framework, IO or a node built-in', () => {
    const violations = cruise(root, join(root, 'tsconfig.json'));
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).to.deep.equal([]);
  });

  it('the rule catches an impure domain module (the check can fail)', () => {
    const fixtures = resolve(root, 'test/architecture/fixtures');
    const rules = cruise(fixtures, join(fixtures, 'tsconfig.json')).map((v) => v.rule.name);
    expect(rules).to.include('domain-imports-only-pure-code');
    expect(rules).to.include('no-node-builtins-in-pure-code');
  });

  it('no domain module reads the clock or a random source', () => {
    const offenders = domainSources(join(root, 'libs')).filter((file) =>
      forbiddenGlobals.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).to.deep.equal([]);
  });
});
