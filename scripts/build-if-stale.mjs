#!/usr/bin/env node
// `npm start` builds only when a source or a build setting is newer than the last build (dist/.build-stamp).
// `--check` says what it would do without building.
import { spawnSync } from 'node:child_process';
import { readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_DIRS = ['apps', 'libs', 'test'];
const SETTINGS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.build.json'];
const STAMP = join('dist', '.build-stamp');

async function* files(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|css|html|json)$/.test(entry.name)) yield path;
  }
}

const mtime = async (path) => (await stat(path).catch(() => undefined))?.mtimeMs;

/** The first source or setting newer than the build stamp (relative to `root`), or undefined when the build is current. */
export async function staleSource(root) {
  const built = await mtime(join(root, STAMP));
  if (built === undefined) return 'no build yet';
  for (const setting of SETTINGS) if (((await mtime(join(root, setting))) ?? 0) > built) return setting;
  for (const dir of SOURCE_DIRS) {
    for await (const file of files(join(root, dir))) {
      if (!file.includes('node_modules') && ((await mtime(file)) ?? 0) > built) return relative(root, file);
    }
  }
  return undefined;
}

async function main() {
  const root = process.cwd();
  const reason = await staleSource(root);
  if (reason === undefined) return void console.log('build up to date (dist/.build-stamp is newer than every source)');
  if (process.argv.includes('--check')) return void console.log(`would rebuild: ${reason}`);
  console.log(`building: ${reason}`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // Stamped with the start of the build: a file saved while tsc ran is newer, so the next start builds again.
  await writeFile(join(root, STAMP), `${new Date(started).toISOString()}\n`);
  await utimes(join(root, STAMP), new Date(started), new Date(started));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
