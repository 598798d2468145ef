// The pilot story of DESIGN §0, played over the HTTP API as its users would: FCA operators set up
// site KAM (cooperative CMDS) and a verified 2,500 kg milestone for 2023 (four eyes), issue credits
// at USD 4,800 per tonne; a company buys all 2,500 kg (USD 12,000.00), finance records the payment,
// the company retires them for claim year 2023 and gets its certificate; anyone can look up a serial.
// Each step prints what the user sees. Re-runnable against the same server: site KAM is reused.
// Money movements are dated in a "books month" (see books-month.ts) so the funding story that
// follows can reconcile and close it.
import { createHash } from 'crypto';
import type { DemoClient } from './demo-client';
import { DemoStepFailed } from './demo-client';
import { BatchAnswer, CompanyAnswer, ErrorAnswer, kg, KeyAnswer, MilestoneAnswer, money, PurchaseAnswer, SiteAnswer } from './demo-views';
import { openBooksMonth } from './books-month';
import { finishPilotStory } from './pilot-story-outcome';

export type Print = (line: string) => void;

// feeBps 500: the programme keeps 5% of each sale, the site pool receives the rest (issue 5).
const KAMILOMBE = { code: 'KAM', name: 'Kamilombe', cooperative: 'CMDS', province: 'Lualaba', country: 'CD', feeBps: 500 };
const PILOT_PRICE = { currency: 'USD', value: 480_000 };
const EVIDENCE = 'FCA field audit, Kamilombe 2023: production records and worker interviews';

/** What the funding story continues from. */
export interface PilotOutcome {
  site: SiteAnswer;
  purchase: PurchaseAnswer;
  operatorKey: string;
  financeKey: string;
  /** `YYYY-MM`: the month this run's money movements are dated in. */
  booksMonth: string;
}

export async function playPilotStory(client: DemoClient, admin: string, print: Print): Promise<PilotOutcome> {
  const key = (role: string, label: string, companyId?: string) =>
    client.call<KeyAnswer>(`create a ${role} key`, 'POST', '/v1/api-keys', { key: admin, body: { role, label, ...(companyId === undefined ? {} : { companyId }) } });
  const [amani, bisimwa, finance] = [(await key('operator', 'operator Amani (demo)')).body, (await key('operator', 'operator Bisimwa (demo)')).body, (await key('finance', 'finance (demo)')).body];
  print(`Keys: operator Amani, operator Bisimwa and finance created by the admin`);
  const booksMonth = await openBooksMonth(client, finance.key, new Date());
  print(`Books: this run's money movements are dated in ${booksMonth}, the latest month that is over and not closed yet`);

  const site = await kamilombe(client, amani.key);
  print(`Site ${site.code}: ${site.name}, cooperative ${site.cooperative}, ${site.province}, ${site.country}`);

  const proposed = await client.call<MilestoneAnswer>('propose the 2023 milestone', 'POST', `/v1/sites/${site.id}/milestones`, {
    key: amani.key,
    body: {
      title: 'Responsible production at Kamilombe, 2023',
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      quantityKg: 2500,
      evidence: [{ uri: 'https://evidence.faircobalt.example/kam/2023/field-audit.pdf', sha256: createHash('sha256').update(EVIDENCE).digest('hex') }],
    },
  });
  const milestone = proposed.body;
  print(`Milestone for 2023 proposed by operator Amani: ${kg(milestone.quantityKg)}, ${milestone.periodStart}..${milestone.periodEnd} -> ${milestone.status}`);
  const selfCheck = await client.call<ErrorAnswer>('refuse self-verification', 'POST', `/v1/milestones/${milestone.id}/verify`, { key: amani.key, expect: [403, 409, 422] });
  print(`Operator Amani tries to verify it too: refused (${selfCheck.status} ${selfCheck.body.error.code}): four eyes`);
  const verified = await client.call<MilestoneAnswer>('verify the milestone', 'POST', `/v1/milestones/${milestone.id}/verify`, { key: bisimwa.key });
  print(`Verified by operator Bisimwa -> ${verified.body.status}`);

  const issued = await client.call<BatchAnswer>('issue credits', 'POST', `/v1/milestones/${milestone.id}/issuances`, {
    key: amani.key,
    body: { quantityKg: 2500, vintage: 2023, price: PILOT_PRICE },
  });
  const batch = issued.body;
  print(`Credits issued: batch ${batch.serialPrefix}, ${kg(batch.issuedKg)} at ${money(batch.pricePerTonne)} per tonne, serials ${batch.serialBlock}`);

  const company = await client.call<CompanyAnswer>('register the company', 'POST', '/v1/companies', { key: admin, body: { name: 'Volta Cells GmbH', country: 'DE' } });
  const companyKey = (await key('company', 'Volta Cells purchasing (demo)', company.body.id)).body;
  print(`Company ${company.body.name} (${company.body.country}) registered, with its own API key`);

  const paymentReceivedAt = `${booksMonth}-10T09:30:00Z`;
  const purchase = await finishPilotStory(client, { batch, company: company.body, companyKey: companyKey.key, finance: finance.key, paymentReceivedAt }, print);
  return { site, purchase, operatorKey: amani.key, financeKey: finance.key, booksMonth };
}

/** Registers KAM, or finds it when an earlier run (or a person) registered it already. */
async function kamilombe(client: DemoClient, operator: string): Promise<SiteAnswer> {
  try {
    return (await client.call<SiteAnswer>('register site KAM', 'POST', '/v1/sites', { key: operator, body: KAMILOMBE })).body;
  } catch (error) {
    if (!(error instanceof DemoStepFailed) || error.status !== 409) throw error;
  }
  let cursor: string | null = null;
  // Sites are listed by code; a registry has few, so a handful of pages at most.
  for (let page = 0; page < 100; page += 1) {
    const query: Record<string, string> = cursor === null ? { limit: '200' } : { limit: '200', cursor };
    const listed = await client.call<{ items: SiteAnswer[]; nextCursor: string | null }>('find site KAM', 'GET', '/v1/sites', { key: operator, query });
    const found = listed.body.items.find((site) => site.code === KAMILOMBE.code);
    if (found !== undefined) return found;
    cursor = listed.body.nextCursor;
    if (cursor === null) break;
  }
  throw new Error('Site code KAM is taken but the site is not listed: the read model may still be catching up; run the demo again');
}
