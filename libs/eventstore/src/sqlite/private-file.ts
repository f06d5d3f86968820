import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Data files and secrets: read and written by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the folders a data file lives in, private to their owner (existing folders are left as they are). */
export const makePrivateDir = (dir: string): void => {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
};

/**
 * Makes sure `path` exists with mode 0600 before a library opens it: SQLite creates its `-wal` and `-shm`
 * files with the database file's mode, so they are private too. A file an older version left readable by
 * others is narrowed, with its companions.
 */
export function preparePrivateFile(path: string, companions: readonly string[] = ['-wal', '-shm', '-journal']): void {
  makePrivateDir(dirname(path));
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  for (const file of [path, ...companions.map((suffix) => path + suffix)]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
  }
}
