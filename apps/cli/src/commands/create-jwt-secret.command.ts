import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { JWT_SECRET_FILE, createJwtSecret, loadConfig, newSecret } from '#platform';

interface Flags {
  readonly file?: string;
  readonly print?: boolean;
}

/**
 * The one way a production secret file is made (the API never creates one there at start-up): 32 random bytes,
 * base64url, mode 0600, at --file, else HOURBANK_JWT_SECRET_FILE, else `<data dir>/jwt-secret`. `--print` writes
 * nothing and prints a value for HOURBANK_JWT_SECRET or HOURBANK_SESSION_SECRET.
 */
export function registerCreateJwtSecret(program: Command): void {
  program
    .command('create-jwt-secret')
    .description('write 32 random bytes (base64url, mode 0600) to a secret file unless one is there; production APIs name it in HOURBANK_JWT_SECRET_FILE')
    .option('--file <path>', 'where to write it (default: HOURBANK_JWT_SECRET_FILE, else <data dir>/jwt-secret)')
    .option('--print', 'print a fresh secret for HOURBANK_JWT_SECRET / HOURBANK_SESSION_SECRET instead of writing a file')
    .action((flags: Flags) => {
      if (flags.print) {
        process.stdout.write(`${newSecret()}\n`);
        return;
      }
      const { dataDir, signing } = loadConfig(process.env, process.cwd(), { checksTokens: false });
      const file = flags.file ? resolve(flags.file) : (signing.secretFile ?? join(dataDir, JWT_SECRET_FILE));
      if (createJwtSecret(dataDir, file)) process.stdout.write(`Created ${file} (mode 0600); give it to every replica as HOURBANK_JWT_SECRET_FILE=${file}\n`);
      else process.stdout.write(`${file} exists already; left as it is (delete it to rotate: every token then stops working)\n`);
    });
}
