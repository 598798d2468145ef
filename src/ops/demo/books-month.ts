// The month a demo run dates its money movements in: the latest month that is over and still open
// for reconciliation. The funding story closes it at the end, so a later run against the same
// server picks the month before, and every run can reconcile and close its own books.
import type { DemoClient } from './demo-client';
import type { PeriodAnswer } from './funding-views';

/** A century of re-runs against one server, at most: a bound on the search. */
const MAX_MONTHS_BACK = 1_200;

export async function openBooksMonth(client: DemoClient, financeKey: string, now: Date): Promise<string> {
  for (let back = 1; back <= MAX_MONTHS_BACK; back += 1) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
    const period = await client.call<PeriodAnswer>(`look at period ${month}`, 'GET', `/v1/reconciliation/periods/${month}`, { key: financeKey, query: { limit: '1' } });
    if (period.body.status === 'open') return month;
  }
  throw new Error(`Every month of the last ${MAX_MONTHS_BACK} is closed: nothing left to reconcile`);
}
