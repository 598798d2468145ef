// `npm run cli -- projections:rebuild <name>`: rebuilds one projection from position 0 into fresh
// tables and swaps them in (DESIGN §3.4), here or through the runner that currently holds it.
import type { EventStore } from '@lib/event-store';
import { rebuildProjectionByName } from '@lib/projections';
import { DataSource } from 'typeorm';
import { APP_LOGGER, EVENT_STORE } from '../../platform/platform.tokens';
import { ProjectionCatalog } from '../../platform/projection-catalog';
import { CliCommand, CliUsageError, withAppContext } from '../cli-command';
import type { Logger } from 'pino';

export const projectionsRebuildCommand: CliCommand = {
  name: 'projections:rebuild',
  usage: '<name>',
  summary: 'rebuild one projection from the start of the log, then swap it in',
  async run(args, context) {
    if (args.length !== 1) throw new CliUsageError('projections:rebuild needs exactly one projection name');
    const [name] = args;
    await withAppContext(context, async (app) => {
      const result = await rebuildProjectionByName(name, {
        projections: app.get(ProjectionCatalog).seal(),
        dataSource: app.get(DataSource),
        eventStore: app.get<EventStore>(EVENT_STORE),
        logger: app.get<Logger>(APP_LOGGER).child({ component: 'projections' }),
      });
      const replayed = result.eventsReplayed === null ? '' : `, ${result.eventsReplayed} events replayed`;
      context.print(`rebuilt ${result.projection} v${result.version} (by ${result.rebuiltBy}${replayed})`);
    });
  },
};
