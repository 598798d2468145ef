// The fan-out screen against the real PostgreSQL: it keeps every notification an endpoint could
// receive (same company, subscribed event, registered no later than the event happened, not
// deleted) and other queues' jobs, and drops only the rest.
import type { JobToAdd } from '@lib/jobs';
import { newId } from '@lib/kernel';
import { createTestDatabase, runMigrations, TestDatabase } from '@test/support';
import { DataSource } from 'typeorm';
import type { WebhookEventName } from '../webhook.events';
import { WebhookStore } from '../webhook.store';
import { CreateWebhooks1767225609100 } from '../webhooks.migration';
import { webhookFanoutScreen } from './webhook-fanout-screen';
import { WEBHOOK_FANOUT_QUEUE, WebhookNotification } from './webhook-notifications';

const REGISTERED_AT = new Date('2026-03-01T10:00:00.000Z');

function fanout(companyId: string, name: WebhookEventName, createdAt: string): JobToAdd {
  const notification: WebhookNotification = { eventId: newId(), name, companyId, createdAt, data: {} };
  return { queue: WEBHOOK_FANOUT_QUEUE, name: 'fan-out', data: notification, jobId: notification.eventId, delayMs: 0 };
}

describe('webhookFanoutScreen', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: WebhookStore;
  const subscribed = newId();
  const deletedOnly = newId();

  async function register(companyId: string, events: WebhookEventName[], createdAt: Date): Promise<string> {
    const id = newId();
    const outcome = await store.insertWithinLimit(
      { id, companyId, url: 'https://hooks.example.org/rcc', events, secretSealed: 'sealed', createdAt, createdBy: null },
      10,
    );
    expect(outcome).toBe('inserted');
    return id;
  }

  beforeAll(async () => {
    database = await createTestDatabase('webhook_screen');
    await runMigrations(database.url, [CreateWebhooks1767225609100]);
    dataSource = await new DataSource({ type: 'postgres', url: database.url, poolSize: 2 }).initialize();
    store = new WebhookStore(dataSource);
    await register(subscribed, ['purchase.reserved', 'purchase.settled'], REGISTERED_AT);
    await store.markDeleted(await register(deletedOnly, ['purchase.reserved'], REGISTERED_AT), REGISTERED_AT);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('screen_WhenABatchMixesReceivableAndUnreceivableNotifications_ThenKeepsExactlyTheReceivableOnes', async () => {
    const atRegistration = fanout(subscribed, 'purchase.reserved', REGISTERED_AT.toISOString());
    const later = fanout(subscribed, 'purchase.settled', '2026-03-01T10:00:05.000Z');
    const expiry: JobToAdd = { queue: 'reservations', name: 'expire', data: { purchaseId: newId() }, jobId: newId(), delayMs: 1_000 };
    const kept = await webhookFanoutScreen(store)([
      atRegistration,
      fanout(subscribed, 'purchase.reserved', '2026-03-01T09:59:59.999Z'),
      fanout(subscribed, 'transfer.received', '2026-03-01T10:00:05.000Z'),
      later,
      fanout(deletedOnly, 'purchase.reserved', '2026-03-01T10:00:05.000Z'),
      fanout(newId(), 'purchase.reserved', '2026-03-01T10:00:05.000Z'),
      expiry,
    ]);
    // Before its registration, another event name, a deleted endpoint, a company without any: dropped.
    expect(kept).toEqual([atRegistration, later, expiry]);
  });

  it('screen_WhenTheNotificationIsMalformed_ThenLeavesItToTheFanout', async () => {
    const malformed = [fanout('not-a-uuid', 'purchase.reserved', '2026-03-01T10:00:05.000Z'), fanout(subscribed, 'purchase.reserved', 'yesterday')];
    expect(await webhookFanoutScreen(store)(malformed)).toEqual(malformed);
  });

  it('screen_WhenTheScreenKeepsAJob_ThenTheFanoutsOwnQueryFindsItsEndpoint', async () => {
    const [kept] = await webhookFanoutScreen(store)([fanout(subscribed, 'purchase.settled', '2026-03-01T10:00:05.000Z')]);
    const notification = kept.data as WebhookNotification;
    expect(await store.subscriberIds(notification.companyId, notification.name, notification.createdAt)).toHaveLength(1);
  });
});
