// The funding story (issue 5, item 8), after the pilot sale: the EPRM grant of EUR 320,000 and a
// first tranche of EUR 160,000; the KAM committee allocates EUR 40,000 of it to child rights and
// USD 6,000 of the pilot's sale proceeds to health and safety; finance pays out EUR 25,000.
// Every date is a day of the run's books month. The grant reference carries the month so the
// story can be played again against the same server (a grant's tranches stop at its total).
import type { MoneyJson } from '@lib/kernel';
import type { DemoClient } from './demo-client';
import { money } from './demo-views';
import type { AllocationAnswer, DisbursementAnswer, GrantAnswer, PoolAnswer, SiteFundingAnswer, TrancheAnswer } from './funding-views';
import type { PilotOutcome, Print } from './pilot-story';

const EPRM = 'European Partnership for Responsible Minerals';
const eur = (euros: number): MoneyJson => ({ currency: 'EUR', value: euros * 100 });
/** The sale proceeds reactor runs in the background: the story waits for it, within reason. */
const PROCEEDS_WAIT_MS = 30_000;

export interface FundingOutcome {
  grant: GrantAnswer;
  tranche: TrancheAnswer;
  childRights: AllocationAnswer;
  disbursement: DisbursementAnswer;
}

export async function playFundingStory(client: DemoClient, pilot: PilotOutcome, print: Print): Promise<FundingOutcome> {
  const { site, financeKey, operatorKey, booksMonth: month } = pilot;
  const grant = (
    await client.call<GrantAnswer>('register the EPRM grant', 'POST', '/v1/grants', {
      key: financeKey,
      body: { funder: EPRM, reference: `EPRM-2024-017-${month.replace('-', '')}`, total: eur(320_000) },
    })
  ).body;
  print(`Grant ${grant.reference} from the ${grant.funder}: ${money(grant.total)}`);
  const tranche = (
    await client.call<TrancheAnswer>('receive the first tranche', 'POST', `/v1/grants/${grant.id}/tranches`, {
      key: financeKey,
      body: { amount: eur(160_000), receivedAt: `${month}-03`, bankRef: `EPRM-${month}-T1` },
    })
  ).body;
  print(`Tranche received on ${tranche.receivedAt}: ${money(tranche.amount)} (bank reference ${tranche.bankRef})`);

  const allocate = (step: string, body: Record<string, unknown>) =>
    client.call<AllocationAnswer>(step, 'POST', '/v1/allocations', { key: operatorKey, body: { siteId: site.id, ...body } }).then((answer) => answer.body);
  const childRights = await allocate('allocate grant money to child rights', {
    source: { type: 'grant', grantId: grant.id },
    category: 'child_rights',
    amount: eur(40_000),
    project: 'School fees and uniforms for the children of Kamilombe miners',
    committeeRef: `KAM-FAC-${month}-01`,
    decidedAt: `${month}-05`,
  });
  print(`Committee decision ${childRights.committeeRef} (${childRights.decidedAt}): ${money(childRights.amount)} of the grant to child rights at ${site.code}: ${childRights.project}`);

  const pool = await saleProceeds(client, financeKey, site.id, pilot.purchase.amount.currency);
  print(`Sale proceeds in ${site.code}'s pool: ${money(pool.received)} received (${describeSales(pool)}), ${money(pool.available)} not yet allocated`);
  const healthSafety = await allocate('allocate sale proceeds to health and safety', {
    source: { type: 'credit_sales' },
    category: 'health_safety',
    amount: { currency: pilot.purchase.amount.currency, value: 600_000 },
    project: 'Shaft ventilation and protective equipment',
    committeeRef: `KAM-FAC-${month}-02`,
    decidedAt: `${month}-12`,
  });
  print(`Committee decision ${healthSafety.committeeRef} (${healthSafety.decidedAt}): ${money(healthSafety.amount)} of the sale proceeds to health and safety at ${site.code}: ${healthSafety.project}`);

  const disbursement = (
    await client.call<DisbursementAnswer>('pay out to the school programme', 'POST', `/v1/allocations/${childRights.id}/disbursements`, {
      key: financeKey,
      body: { amount: eur(25_000), paidAt: `${month}-20`, payee: 'CMDS cooperative, Kamilombe school fund', bankRef: `KAM-CR-${month}-001` },
    })
  ).body;
  print(`Disbursement on ${disbursement.paidAt}: ${money(disbursement.amount)} to ${disbursement.payee} (bank reference ${disbursement.bankRef})`);
  return { grant, tranche, childRights, disbursement };
}

/** The site's sale-proceeds pool once it holds enough for the allocation (the reactor credits it). */
async function saleProceeds(client: DemoClient, key: string, siteId: string, currency: string): Promise<PoolAnswer> {
  const deadline = Date.now() + PROCEEDS_WAIT_MS;
  for (;;) {
    const answer = await client.call<SiteFundingAnswer>('read the site funding', 'GET', `/v1/sites/${siteId}/funding`, { key, expect: [200, 404] });
    const pool = answer.status === 200 ? answer.body.pools.find((p) => p.source.type === 'credit_sales' && p.currency === currency) : undefined;
    if (pool !== undefined && pool.available.value >= 600_000) return pool;
    if (Date.now() > deadline) throw new Error('wait for the sale proceeds: the site pool was not credited in time; is the worker running?');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function describeSales(pool: PoolAnswer): string {
  if (pool.grossSales === null || pool.fees === null) return 'from credit sales';
  return `${money(pool.grossSales)} sold, ${money(pool.fees)} programme fee`;
}
