import { Command } from 'commander';
import { ConfigError } from '#platform';
import { registerMintToken } from './commands/mint-token.command.js';
import { registerRebuild } from './commands/rebuild.command.js';
import { registerCreatePersistentSubscription } from './commands/create-persistent-subscription.command.js';
import { registerCreateJwtSecret } from './commands/create-jwt-secret.command.js';
import { registerExportCheckpoints } from './commands/export-checkpoints.command.js';
import { registerVerify } from './commands/verify.command.js';
import { registerVerifyReport } from './commands/verify-report.command.js';
import { registerCopyAttachments } from './commands/copy-attachments.command.js';

const program = new Command('hour-bank').description('Hour Bank administration').showHelpAfterError();
registerMintToken(program);
registerCreateJwtSecret(program);
registerRebuild(program);
registerCreatePersistentSubscription(program);
registerVerify(program);
registerVerifyReport(program);
registerExportCheckpoints(program);
registerCopyAttachments(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? `error: ${error.message}` : error);
  process.exit(1);
});
