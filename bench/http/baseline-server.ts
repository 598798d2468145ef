// The HTTP baseline (run as its own process by the HTTP benchmark): a bare Fastify route that does
// one INSERT per request into the same database, with the same JSON in and out as a reservation.
// It is the floor of any HTTP write on this machine: no auth, no validation, no event store.
import { randomUUID } from 'crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';

export const BASELINE_PATH = '/baseline/reservations';
export const CREATE_BASELINE_TABLE =
  'CREATE TABLE IF NOT EXISTS baseline_reservations (id uuid PRIMARY KEY, batch_id uuid NOT NULL, quantity_kg integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const port = Number(process.env.PORT);
  if (databaseUrl === undefined || !Number.isInteger(port)) throw new Error('baseline-server needs DATABASE_URL and PORT');
  // The size of the app's event-store pool, so both sides get the same connections.
  const pool = new Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 0 });
  await pool.query(CREATE_BASELINE_TABLE);
  const app = Fastify({ logger: false });
  app.post<{ Body: { batchId: string; quantityKg: number } }>(BASELINE_PATH, async (request, reply) => {
    const id = randomUUID();
    await pool.query({ name: 'baseline_insert', text: 'INSERT INTO baseline_reservations (id, batch_id, quantity_kg) VALUES ($1, $2, $3)', values: [id, request.body.batchId, request.body.quantityKg] });
    return reply.status(201).send({ id, batchId: request.body.batchId, quantityKg: request.body.quantityKg });
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ host: '127.0.0.1', port });
  const stop = (): void => void app.close().then(() => pool.end()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// Run as a process only; the benchmark imports this file for BASELINE_PATH.
if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
