// The second half of the pilot story: the company buys the batch, finance records the payment, the
// company retires it for claim year 2023; then its holdings, its certificate and a public lookup.
import { createHash } from 'crypto';
import type { DemoClient } from './demo-client';
import { BatchAnswer, CompanyAnswer, HoldingsAnswer, kg, money, PublicSerialAnswer, PurchaseAnswer, RetirementAnswer } from './demo-views';

type Print = (line: string) => void;

export interface StoryCast {
  batch: BatchAnswer;
  company: CompanyAnswer;
  companyKey: string;
  finance: string;
  /** When the bank received the payment (ISO 8601 with a zone): a day of the books month. */
  paymentReceivedAt: string;
}

/** A certificate is rendered by a worker; the demo waits for it, within reason. */
const CERTIFICATE_WAIT_MS = 30_000;
/** The unit whose public record the story looks up (any of the 2,500 would do). */
const LOOKED_UP_UNIT = 417;

export async function finishPilotStory(client: DemoClient, cast: StoryCast, print: Print): Promise<PurchaseAnswer> {
  const { batch, company, companyKey, finance } = cast;
  const reserved = await client.call<PurchaseAnswer>('reserve 2,500 kg', 'POST', '/v1/purchases', { key: companyKey, body: { batchId: batch.id, quantityKg: 2500 } });
  const purchase = reserved.body;
  print(`${company.name} buys ${kg(purchase.quantityKg)}: ${purchase.status}, invoice ${purchase.invoiceRef} for ${money(purchase.amount)}, reserved until ${purchase.reservedUntil}`);

  const paid = await client.call<PurchaseAnswer>('record the payment', 'POST', `/v1/purchases/${purchase.id}/payments`, {
    key: finance,
    body: { amount: purchase.amount, receivedAt: cast.paymentReceivedAt, bankRef: `DEMO-${purchase.invoiceRef}` },
  });
  print(`Finance records the payment of ${money(purchase.amount)} -> ${paid.body.status}; ${company.name} now holds ${paid.body.serialRanges.join(', ')}`);

  const retired = await client.call<RetirementAnswer>('retire 2,500 kg', 'POST', '/v1/retirements', {
    key: companyKey,
    body: { batchId: batch.id, quantityKg: 2500, claimYear: 2023, beneficiary: { name: company.name }, purpose: 'Cobalt footprint 2023 of the Volta Cells battery line' },
  });
  const retirement = retired.body;
  const position = retired.headers.get('x-log-position') ?? undefined;
  print(`${company.name} retires ${kg(retirement.quantityKg)} for claim year ${retirement.claimYear} -> certificate ${retirement.certificateNo}`);

  // Read-your-writes: the GETs wait until the read models include the retirement.
  const query = position === undefined ? undefined : { minPosition: position };
  await client.call('read the retirement', 'GET', `/v1/retirements/${retirement.id}`, { key: companyKey, query });
  const holdings = (await client.call<HoldingsAnswer>('read the holdings', 'GET', `/v1/companies/${company.id}/holdings`, { key: companyKey, query })).body;
  print(`Holdings of ${company.name}: held ${kg(holdings.totalHeldKg)}, retired ${kg(holdings.totalRetiredKg)}`);
  for (const line of holdings.batches) {
    print(`  batch ${line.siteCode}-${line.vintage}-${String(line.batchNo).padStart(4, '0')}: held ${kg(line.heldKg)}, retired ${kg(line.retiredKg)}`);
  }

  print(await certificateLine(client, companyKey, retirement));

  const serial = `${batch.serialPrefix}-${String(LOOKED_UP_UNIT).padStart(6, '0')}`;
  const lookup = (await client.call<PublicSerialAnswer>('look up a serial', 'GET', `/v1/public/serials/${serial}`)).body;
  const where = lookup.site === null ? '' : ` from ${lookup.site.name} (cooperative ${lookup.site.cooperative})`;
  const claim = lookup.retirement === null ? '' : `: certificate ${lookup.retirement.certificateNo}, claim year ${lookup.retirement.claimYear}, beneficiary ${lookup.retirement.beneficiaryName}`;
  print(`Public lookup (no key) of ${lookup.serial}${where}: ${lookup.status}${claim}`);
  return purchase;
}

async function certificateLine(client: DemoClient, companyKey: string, retirement: RetirementAnswer): Promise<string> {
  const deadline = Date.now() + CERTIFICATE_WAIT_MS;
  for (;;) {
    const answer = await client.call('fetch the certificate', 'GET', `/v1/retirements/${retirement.id}/certificate`, { key: companyKey, expect: [200, 202] });
    if (answer.status === 200) {
      const sha256 = createHash('sha256').update(answer.bytes).digest('hex');
      return `Certificate ${retirement.certificateNo}: PDF of ${answer.bytes.length.toLocaleString('en-US')} bytes (SHA-256 ${sha256.slice(0, 16)}…), at /v1/retirements/${retirement.id}/certificate`;
    }
    if (Date.now() > deadline) return `Certificate ${retirement.certificateNo}: still rendering; fetch /v1/retirements/${retirement.id}/certificate later`;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
