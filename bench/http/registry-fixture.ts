// Sets up the registry the HTTP benchmark trades on, through the API itself: keys for two
// operators, finance and a buying company, one site, one verified milestone large enough, and the
// batches (the spread ones, one hot one, one small batch to sell out).
import { createHash } from 'crypto';

export interface BenchRegistry {
  companyKey: string;
  financeKey: string;
  spreadBatchIds: string[];
  hotBatchId: string;
  sellOutBatchId: string;
  /** Units per spread batch, of the hot batch and of the sell-out batch. */
  sizes: { spreadKg: number; hotKg: number; sellOutKg: number };
}

interface Answer {
  id: string;
  key?: string;
}

async function call(baseUrl: string, key: string, method: 'POST', path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`setup ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Answer;
}

export async function setUpBenchRegistry(baseUrl: string, adminKey: string, spreadBatches: number): Promise<BenchRegistry> {
  const key = async (role: string, companyId?: string) => (await call(baseUrl, adminKey, 'POST', '/v1/api-keys', { role, label: `bench ${role}`, companyId })).key as string;
  const [proposer, verifier, financeKey] = [await key('operator'), await key('operator'), await key('finance')];
  const company = await call(baseUrl, adminKey, 'POST', '/v1/companies', { name: 'Bench Batteries Ltd', country: 'GB' });
  const companyKey = await key('company', company.id);

  // Large enough that no load sells a batch out, except the one meant to.
  const sizes = { spreadKg: 1_000_000, hotKg: 5_000_000, sellOutKg: 1_000 };
  const totalKg = spreadBatches * sizes.spreadKg + sizes.hotKg + sizes.sellOutKg;
  const site = await call(baseUrl, proposer, 'POST', '/v1/sites', { code: 'BNCH', name: 'Bench site', cooperative: 'Bench cooperative', province: 'Lualaba', country: 'CD' });
  const milestone = await call(baseUrl, proposer, 'POST', `/v1/sites/${site.id}/milestones`, {
    title: 'Benchmark production 2025',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    quantityKg: totalKg,
    evidence: [{ uri: 'https://evidence.example.org/bench.pdf', sha256: createHash('sha256').update('bench').digest('hex') }],
  });
  await call(baseUrl, verifier, 'POST', `/v1/milestones/${milestone.id}/verify`, {});
  const issue = async (quantityKg: number) =>
    (await call(baseUrl, proposer, 'POST', `/v1/milestones/${milestone.id}/issuances`, { quantityKg, vintage: 2025, price: { currency: 'USD', value: 480_000 } })).id;
  const spreadBatchIds: string[] = [];
  for (let index = 0; index < spreadBatches; index += 1) spreadBatchIds.push(await issue(sizes.spreadKg));
  return { companyKey, financeKey, spreadBatchIds, hotBatchId: await issue(sizes.hotKg), sellOutBatchId: await issue(sizes.sellOutKg), sizes };
}
