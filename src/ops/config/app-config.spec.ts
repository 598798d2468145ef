import { ConfigError, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, loadAppConfig } from './app-config';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAppConfig', () => {
  it('loadAppConfig_WhenEnvironmentEmpty_ThenUsesTheDesignDefaults', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      databaseUrl: DEFAULT_DATABASE_URL,
      databaseUrlGiven: false,
      redisUrl: DEFAULT_REDIS_URL,
      redisUrlGiven: false,
      eventStore: 'postgres',
      eventStoreUrl: null,
      port: 3000,
      role: 'all',
      logLevel: 'info',
      queuePrefix: 'cobalt',
      embedded: 'auto',
      embeddedDataDir: '.data/pg',
      bodyLimitBytes: 1_048_576,
    });
  });

  it('loadAppConfig_WhenValuesGiven_ThenParsesThemCaseInsensitively', () => {
    const config = loadAppConfig({
      DATABASE_URL: 'postgresql://app:pw@db.internal:6543/registry',
      REDIS_URL: 'rediss://cache:6380',
      EVENT_STORE: 'EventStoreDB',
      EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false',
      PORT: '8080',
      APP_ROLE: 'Worker',
      LOG_LEVEL: 'debug',
      EMBEDDED: 'never',
      QUEUE_PREFIX: 'cobalt-staging',
      BODY_LIMIT_BYTES: '65536',
    });
    expect(config).toMatchObject({
      databaseUrlGiven: true,
      redisUrlGiven: true,
      eventStore: 'eventstoredb',
      eventStoreUrl: 'esdb://127.0.0.1:2113?tls=false',
      port: 8080,
      role: 'worker',
      logLevel: 'debug',
      embedded: 'never',
      queuePrefix: 'cobalt-staging',
      bodyLimitBytes: 65_536,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT', 'Invalid configuration: PORT must be an integer between 1 and 65535 (got "70000")'],
    [{ APP_ROLE: 'web' }, 'APP_ROLE', 'Invalid configuration: APP_ROLE must be one of all|api|worker (got "web")'],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE', 'Invalid configuration: EVENT_STORE must be one of postgres|eventstoredb|memory (got "mongo")'],
    [{ EMBEDDED: 'maybe' }, 'EMBEDDED', 'Invalid configuration: EMBEDDED must be one of auto|always|never (got "maybe")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'Invalid configuration: LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent (got "loud")'],
    [{ DATABASE_URL: 'mysql://db/cobalt' }, 'DATABASE_URL', 'Invalid configuration: DATABASE_URL must use postgres: or postgresql: (got "mysql:")'],
    [{ DATABASE_URL: 'postgres://db:5432' }, 'DATABASE_URL', 'Invalid configuration: DATABASE_URL must name a database (letters, digits, _ or -), e.g. .../cobalt'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL', 'Invalid configuration: REDIS_URL must be a URL like redis://127.0.0.1:6379 (got an unparsable value)'],
    [{ EVENT_STORE: 'eventstoredb' }, 'EVENTSTORE_URL', 'Invalid configuration: EVENTSTORE_URL is required when EVENT_STORE=eventstoredb (e.g. esdb://127.0.0.1:2113?tls=false)'],
    [{ QUEUE_PREFIX: 'has:colon' }, 'QUEUE_PREFIX', 'Invalid configuration: QUEUE_PREFIX must be 1-64 letters, digits, _ or - (got "has:colon")'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES', 'Invalid configuration: BODY_LIMIT_BYTES must be an integer between 1024 and 104857600 (got "10")'],
    [{ EMBEDDED: 'always', DATABASE_URL: DEFAULT_DATABASE_URL }, 'EMBEDDED', 'Invalid configuration: EMBEDDED is "always", so DATABASE_URL and REDIS_URL must be unset'],
  ])('loadAppConfig_WhenValueInvalid_ThenOneLineNamingTheVariable %#', (env, variable, message) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
  });

  it('loadAppConfig_WhenBlankValue_ThenTreatedAsUnset', () => {
    const config = loadAppConfig({ DATABASE_URL: '  ', PORT: '' });
    expect(config.databaseUrlGiven).toBe(false);
    expect(config.port).toBe(3000);
  });
});
