import { join } from 'node:path';
import type { Command } from 'commander';
import { JWT_SECRET_FILE, createJwtSecret, loadConfig } from '#platform';

/** The one way a production data dir gets its JWT secret: the API never creates one there at start-up. */
export function registerCreateJwtSecret(program: Command): void {
  program
    .command('create-jwt-secret')
    .description("write 32 random bytes to <data dir>/jwt-secret (mode 0600) unless one is there; production API's need it")
    .action(() => {
      const { dataDir } = loadConfig();
      const file = join(dataDir, JWT_SECRET_FILE);
      if (createJwtSecret(dataDir)) process.stdout.write(`Created ${file} (mode 0600)\n`);
      else process.stdout.write(`${file} exists already; left as it is (delete it to rotate: every token then stops working)\n`);
    });
}
