// Entry point of `npm run cli -- <command> [args]`. Any failure prints one line on stderr and
// exits non-zero; set LOG_LEVEL=debug for details.
import 'reflect-metadata';
import { loadAppConfig } from '../config/app-config';
import { createAppLogger } from '../logging/app-logger';
import { runCommand } from './command-registry';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  // Commands print their results; logs stay quiet unless asked for. They go to stderr.
  const logger = createAppLogger(process.env.LOG_LEVEL === undefined ? 'warn' : config.logLevel, process.stderr);
  await runCommand(process.argv.slice(2), { config, logger, print: (line) => process.stdout.write(`${line}\n`) });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
