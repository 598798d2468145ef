import { captureLogs } from '@test/support';
import { createAppLogger } from './app-logger';
import { NestPinoLogger } from './nest-logger';

describe('NestPinoLogger', () => {
  it('log_WhenNestPassesAContext_ThenItBecomesAFieldOfTheLine', () => {
    const { stream, lines } = captureLogs();
    new NestPinoLogger(createAppLogger('info', stream)).log('Mapped {/v1/sites, POST} route', 'RouterExplorer');
    expect(lines()).toEqual([expect.objectContaining({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/v1/sites, POST} route' })]);
  });

  it('error_WhenNestPassesAStackAndAContext_ThenBothAreKept', () => {
    const { stream, lines } = captureLogs();
    new NestPinoLogger(createAppLogger('info', stream)).error('wiring failed', 'Error: wiring failed\n    at x', 'InstanceLoader');
    expect(lines()).toEqual([expect.objectContaining({ level: 50, context: 'InstanceLoader', stack: 'Error: wiring failed\n    at x', msg: 'wiring failed' })]);
  });

  it('log_WhenGivenAnErrorOrAnObject_ThenSerializedAndRedacted', () => {
    const { stream, lines } = captureLogs();
    const nest = new NestPinoLogger(createAppLogger('info', stream));
    nest.warn(new Error('redis://:pw@cache:6379 refused'), 'Queue');
    nest.log({ token: 'crk_a_b', note: 'kept' });
    const [warned, logged] = lines();
    expect(warned).toEqual(expect.objectContaining({ level: 40, context: 'Queue', err: expect.objectContaining({ message: 'redis://:[REDACTED]@cache:6379 refused' }) }));
    expect(JSON.stringify(warned)).not.toContain(':pw@');
    expect(logged).toEqual(expect.objectContaining({ level: 30, token: '[REDACTED]', note: 'kept' }));
  });

  it('log_WhenBelowTheLevel_ThenWritesNothing', () => {
    const { stream, lines } = captureLogs();
    const nest = new NestPinoLogger(createAppLogger('warn', stream));
    nest.log('boot detail', 'NestFactory');
    nest.debug('more detail');
    nest.verbose('even more');
    expect(lines()).toEqual([]);
  });
});
