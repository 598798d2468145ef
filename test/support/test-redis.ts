// Gives each test suite its own BullMQ prefix on the machine's Redis and removes its keys afterwards.
import { randomBytes } from 'crypto';
import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestQueuePrefix {
  prefix: string;
  cleanup(): Promise<void>;
}

export function createTestQueuePrefix(tag = 'suite'): TestQueuePrefix {
  const prefix = `cobalt-test-${tag}-${randomBytes(4).toString('hex')}`;
  return {
    prefix,
    cleanup: async () => {
      const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          if (keys.length > 0) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
