// How much database work a load causes: committed transactions in the benchmark's database (all
// of the server's connections: requests, projections, dispatchers, job workers), per request.
import { Client } from 'pg';

export async function committedTransactions(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Statistics are flushed by each backend at most once a second: snapshot them fresh.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ commits: string }>('SELECT xact_commit::text AS commits FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0].commits);
  } finally {
    await client.end();
  }
}
