// The CLI's commands, looked up by name; `help` lists them.
import { CliCommand, CliContext, CliUsageError } from './cli-command';
import { dbMigrateCommand } from './commands/db-migrate.command';
import { keysCreateAdminCommand } from './commands/keys-create-admin.command';
import { projectionsRebuildCommand } from './commands/projections-rebuild.command';

export const cliCommands: readonly CliCommand[] = [dbMigrateCommand, projectionsRebuildCommand, keysCreateAdminCommand];

export function helpText(commands: readonly CliCommand[] = cliCommands): string {
  const lines = commands.map((command) => `  ${`${command.name} ${command.usage}`.trim().padEnd(32)} ${command.summary}`);
  return ['usage: npm run cli -- <command> [args]', '', 'commands:', ...lines].join('\n');
}

export async function runCommand(argv: readonly string[], context: CliContext, commands: readonly CliCommand[] = cliCommands): Promise<void> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    context.print(helpText(commands));
    return;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    throw new CliUsageError(`unknown command "${name}" (known: ${commands.map((c) => c.name).join(', ')})`);
  }
  try {
    await command.run(args, context);
  } catch (error) {
    if (error instanceof CliUsageError) throw new CliUsageError(`${error.message} (usage: ${`${command.name} ${command.usage}`.trim()})`);
    throw error;
  }
}
