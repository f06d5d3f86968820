import { InvalidArgumentError, Option, type Command } from 'commander';
import { PRINCIPAL_ROLES, loadConfig, loadTokenKeys, mintToken, type PrincipalRole } from '#platform';

interface MintTokenFlags {
  readonly role: PrincipalRole;
  readonly sub: string;
  readonly accounts?: string[];
  readonly ttl: string;
}

const accountList = (value: string): string[] => {
  const accounts = value.split(',').map((a) => a.trim()).filter(Boolean);
  if (accounts.length === 0) throw new InvalidArgumentError('give at least one account id');
  return accounts;
};

/** The CLI's stdout is the token: what it has to say goes to stderr. */
const stderrLogger = {
  info: (fields: { file?: string }, message: string) => process.stderr.write(`${message}${fields.file ? ` at ${fields.file}` : ''}\n`),
  warn: (_fields: object, message: string) => process.stderr.write(`warning: ${message}\n`),
};

const TTL = /^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/;

/** Prints a bearer token signed with the configured key (HOURBANK_JWT_SECRET or HOURBANK_JWT_PRIVATE_KEY), else the data dir's secret. */
export function registerMintToken(program: Command): void {
  program
    .command('mint-token')
    .description('print a bearer token signed with the configured key (HOURBANK_JWT_SECRET(_FILE) or HOURBANK_JWT_PRIVATE_KEY(_FILE)), else the data dir\'s secret')
    .addOption(new Option('--role <role>', 'the caller role').choices(PRINCIPAL_ROLES).makeOptionMandatory())
    .requiredOption('--sub <subject>', 'the caller id (recorded as the actor of its events)')
    .option('--accounts <ids>', 'client only: comma-separated account ids it may see', accountList)
    .option('--ttl <span>', 'lifetime, e.g. 30m, 8h, 7d', '8h')
    .action(async (flags: MintTokenFlags) => {
      if (flags.role === 'client' && !flags.accounts) throw new InvalidArgumentError('a client token needs --accounts');
      if (flags.role !== 'client' && flags.accounts) throw new InvalidArgumentError('--accounts is for client tokens only');
      if (!TTL.test(flags.ttl)) throw new InvalidArgumentError(`--ttl "${flags.ttl}" is not a time span like 30m, 8h or 7d`);
      const config = loadConfig();
      const keys = await loadTokenKeys(config, { logger: stderrLogger });
      const token = await mintToken({ ...keys, ...config.jwt }, { sub: flags.sub, role: flags.role, accounts: flags.accounts ?? [], ttl: flags.ttl });
      process.stdout.write(`${token}\n`);
    });
}
