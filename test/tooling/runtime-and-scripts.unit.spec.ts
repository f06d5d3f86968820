import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string }; scripts: Record<string, string>; devDependencies: Record<string, string>;
};

describe('the runtime target: Node 22 LTS first, Node 20.19 still', () => {
  it('admits Node 22.12+ and 20.19+ in engines, and this Node', () => {
    for (const version of ['22.12.0', '22.20.0', '20.19.0', process.versions.node]) {
      expect(semver.satisfies(version, pkg.engines.node), `${version} in ${pkg.engines.node}`).to.equal(true);
    }
    expect(semver.satisfies('21.7.0', pkg.engines.node)).to.equal(false);
  });

  it('builds and runs the image on Node 22', () => {
    const froms = readFileSync(join(root, 'docker/Dockerfile'), 'utf8').match(/^FROM \S+/gm) ?? [];
    expect(froms).to.have.length(2);
    for (const from of froms) expect(from).to.match(/^FROM node:22(\.\d+)*-/);
  });

  it('pins Node 22 for version managers (.nvmrc)', () => {
    expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).to.match(/^22(\.\d+)*$/);
  });

  it('has every runtime package run on Node 22.12, and every build tool on a current Node 22', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; engines?: { node?: string } }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, info]) => typeof info.engines?.node === 'string' && semver.validRange(info.engines.node))
      .filter(([, info]) => !semver.satisfies(info.dev ? '22.99.0' : '22.12.0', info.engines!.node!))
      .map(([name, info]) => `${name} ${info.engines!.node}`);
    expect(refusing).to.deep.equal([]);
  });
});

describe('npm start and the development scripts', () => {
  it('starts without rebuilding an up-to-date build, and has a watch mode with the Nest CLI it configures', () => {
    expect(pkg.scripts.start).to.match(/^node scripts\/build-if-stale\.mjs && node dist\/apps\/api\/src\/main\.js$/);
    expect(pkg.scripts.dev).to.contain('--watch');
    expect(pkg.devDependencies).to.have.property('@nestjs/cli');
  });

  describe('scripts/build-if-stale.mjs', () => {
    let dir: string;
    const stale = async () => ((await import(join(root, 'scripts/build-if-stale.mjs'))) as { staleSource(root: string): Promise<string | undefined> }).staleSource(dir);
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'hourbank-stale-'));
      for (const folder of ['apps/api/src', 'libs/x/src', 'test', 'dist']) mkdirSync(join(dir, folder), { recursive: true });
      for (const file of ['apps/api/src/main.ts', 'libs/x/src/a.ts', 'package.json', 'tsconfig.json']) writeFileSync(join(dir, file), '');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('finds no stale source once the build stamp is newer than every source and config', async () => {
      const past = new Date(Date.now() - 60_000);
      for (const file of ['apps/api/src/main.ts', 'libs/x/src/a.ts', 'package.json', 'tsconfig.json']) utimesSync(join(dir, file), past, past);
      writeFileSync(join(dir, 'dist/.build-stamp'), '');
      expect(await stale()).to.equal(undefined);
    });

    it('names a source edited after the build, and says so when there was no build', async () => {
      expect(await stale()).to.match(/no build yet/);
      writeFileSync(join(dir, 'dist/.build-stamp'), '');
      const future = new Date(Date.now() + 60_000);
      utimesSync(join(dir, 'libs/x/src/a.ts'), future, future);
      expect(await stale()).to.equal(join('libs', 'x', 'src', 'a.ts'));
    });

    it('answers in well under a second on this repository when nothing changed (no tsc run)', () => {
      const out = execFileSync(process.execPath, ['scripts/build-if-stale.mjs', '--check'], { cwd: root, encoding: 'utf8' });
      expect(out).to.match(/up to date|would rebuild/);
    });
  });
});
