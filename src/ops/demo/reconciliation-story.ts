// The reconciliation story (issue 5, item 8): finance imports the bank statement of the books
// month; its lines auto-match the tranche, the pilot payment (already recorded: reconciled, never
// paid twice) and the disbursement; the bank fee waits for a person, so closing the month is
// refused until finance explains it. Once closed, nothing dated in it can be recorded. Last, the
// grant report, as the funder receives it (CSV).
import { Money, MoneyJson } from '@lib/kernel';
import type { DemoClient } from './demo-client';
import { ErrorAnswer, money } from './demo-views';
import type { FundingOutcome } from './funding-story';
import type { PeriodClosureAnswer, StatementAnswer, StatementLineAnswer } from './funding-views';
import type { PilotOutcome, Print } from './pilot-story';

const decimal = (json: MoneyJson): string => Money.fromJSON(json).toDecimalString();

export async function playReconciliationStory(client: DemoClient, pilot: PilotOutcome, funding: FundingOutcome, print: Print): Promise<void> {
  const { booksMonth: month, financeKey: key, purchase } = pilot;
  const { tranche, disbursement } = funding;
  const csv = [
    'date,amount,currency,reference,counterparty',
    `${month}-03,${decimal(tranche.amount)},${tranche.amount.currency},${tranche.bankRef},European Partnership for Responsible Minerals`,
    `${month}-10,${decimal(purchase.amount)},${purchase.amount.currency},Payment ${purchase.invoiceRef} Volta Cells GmbH,Volta Cells GmbH`,
    `${month}-20,-${decimal(disbursement.amount)},${disbursement.amount.currency},${disbursement.bankRef},"CMDS cooperative, Kamilombe"`,
    `${month}-28,-15.00,EUR,Account fee ${month},Banque Commerciale du Congo`,
  ].join('\r\n');
  const statement = (await client.call<StatementAnswer>('import the bank statement', 'POST', '/v1/reconciliation/statements', { key, csv })).body;
  print(`Bank statement for ${month} imported: ${statement.lineCount} lines, ${statement.resolvedCount} matched automatically`);
  for (const line of statement.lines) print(`  ${line.date} ${money(line.amount).padStart(16)}  ${line.reference} -> ${lineOutcome(line)}`);

  const refused = await client.call<ErrorAnswer & { error: { details: { openLineIds: string[] } } }>('try to close the month', 'POST', `/v1/reconciliation/periods/${month}/close`, { key, expect: [422] });
  print(`Closing ${month}: refused (${refused.status} ${refused.body.error.code}), ${refused.body.error.details.openLineIds.length} line neither matched nor explained`);
  const fee = statement.lines.find((line) => line.status === 'unmatched');
  if (fee === undefined) throw new Error('the bank fee line was matched to something');
  await client.call('explain the bank fee', 'POST', `/v1/reconciliation/lines/${fee.id}/match`, { key, body: { explanation: 'Monthly account fee of the bank' } });
  print(`Finance explains the ${fee.reference} line: monthly account fee of the bank -> explained`);
  const closure = (await client.call<PeriodClosureAnswer>('close the month', 'POST', `/v1/reconciliation/periods/${month}/close`, { key })).body;
  print(`Period ${closure.period} closed: ${closure.lineCount} statement lines, every one matched or explained`);
  const late = await client.call<ErrorAnswer>('try a payout dated in the closed month', 'POST', `/v1/allocations/${funding.childRights.id}/disbursements`, {
    key,
    body: { amount: { currency: 'EUR', value: 100_000 }, paidAt: `${month}-27`, payee: 'CMDS cooperative, Kamilombe school fund', bankRef: `KAM-CR-${month}-002` },
    expect: [422],
  });
  print(`A payout dated ${month}-27 is refused from now on: ${late.status} ${late.body.error.code}`);

  const report = await client.call('fetch the grant report', 'GET', `/v1/reports/grants/${funding.grant.id}`, { key, query: { format: 'csv' } });
  print(`Grant report for ${funding.grant.reference} (CSV, as sent to the funder):`);
  for (const row of report.bytes.toString('utf8').trim().split(/\r?\n/)) print(`  ${row}`);
}

function lineOutcome(line: StatementLineAnswer): string {
  if (line.match === null) return line.status;
  return `${line.status} to the ${line.match.kind} (${line.match.mode}, ${line.match.outcome.replace('_', ' ')})`;
}
