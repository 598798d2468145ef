// A test projection with deliberately non-idempotent effects (running sums, an entry per event):
// an event applied twice or lost changes the result, so the tests can see it.
// Also exercises what rebuild swaps must preserve: a primary key, a secondary index and an
// identity column whose names must survive the swap.
import { MigrationInterface, QueryRunner } from 'typeorm';
import type { RecordedEvent } from '@lib/event-store';
import type { Projection, ProjectionContext } from '@lib/projections';

export interface MoneyMovedData {
  account: string;
  /** Integer minor units, as a decimal string (JSON has no bigint). */
  amountMinor: string;
}

export type AccountEventType = 'Deposited' | 'Withdrawn';

export class CreateAccountBalanceTables1767225600900 implements MigrationInterface {
  name = 'CreateAccountBalanceTables1767225600900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE account_balances (
        account text PRIMARY KEY,
        balance_minor bigint NOT NULL,
        movements integer NOT NULL CHECK (movements > 0)
      )`);
    // No unique key on event_id on purpose: a doubled effect must show up as a second row.
    await queryRunner.query(`
      CREATE TABLE account_entries (
        entry_no bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL,
        account text NOT NULL,
        amount_minor bigint NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX account_entries_event_id_idx ON account_entries (event_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE account_entries');
    await queryRunner.query('DROP TABLE account_balances');
  }
}

export interface AccountBalancesOptions {
  version?: number;
  /** Sleeps after writing each batch, inside its transaction (crash tests kill the process then). */
  slowApplyMs?: number;
  /** Awaited after each batch's writes, inside its transaction (tests observe and gate batches). */
  onBatch?: (events: readonly RecordedEvent[], context: ProjectionContext) => Promise<void> | void;
  /** Declares the folded types (Deposited, Withdrawn), so batches of anything else are passed over. */
  declareEventTypes?: boolean;
}

function signedAmount(event: RecordedEvent): { account: string; amountMinor: bigint } | null {
  const data = event.data as MoneyMovedData;
  switch (event.type) {
    case 'Deposited':
      return { account: data.account, amountMinor: BigInt(data.amountMinor) };
    case 'Withdrawn':
      return { account: data.account, amountMinor: -BigInt(data.amountMinor) };
    default:
      // Projections never reject a recorded fact: other event types are not ours.
      return null;
  }
}

async function applyMovement(context: ProjectionContext, event: RecordedEvent, account: string, amountMinor: bigint): Promise<void> {
  const balances = context.table('account_balances');
  await context.query(
    `INSERT INTO ${balances} AS b (account, balance_minor, movements) VALUES ($1, $2, 1)
     ON CONFLICT (account) DO UPDATE SET balance_minor = b.balance_minor + EXCLUDED.balance_minor, movements = b.movements + 1`,
    [account, amountMinor.toString()],
  );
  await context.query(`INSERT INTO ${context.table('account_entries')} (event_id, account, amount_minor) VALUES ($1, $2, $3)`, [
    event.eventId,
    account,
    amountMinor.toString(),
  ]);
}

export function accountBalancesProjection(options: AccountBalancesOptions = {}): Projection {
  return {
    name: 'account-balances',
    version: options.version ?? 1,
    tables: ['account_balances', 'account_entries'],
    ...(options.declareEventTypes ? { eventTypes: ['Deposited', 'Withdrawn'] } : {}),
    async apply(events, context) {
      for (const event of events) {
        const movement = signedAmount(event);
        if (movement) await applyMovement(context, event, movement.account, movement.amountMinor);
      }
      await options.onBatch?.(events, context);
      if (options.slowApplyMs) await new Promise((resolve) => setTimeout(resolve, options.slowApplyMs));
    },
  };
}
