// The grant report (issue 5, EPRM): what a funder's grant received, where it was allocated (by
// site and category), what was paid out, and what is left, for a date range. Built from the
// grant's own stream, so it is exact and current. Pure.
//
// Dates: every movement counts on its business date (receivedAt, decidedAt, paidAt; a cancellation
// on the day it was recorded). The range [from, to] is inclusive; opening balances are those of
// the day before `from`, closing balances those of `to`. A correction entered later with a date
// inside a period shows up in that period: closing the period (reconciliation) is what freezes it.
import { Money, MoneyJson } from '@lib/kernel';
import type { FundingCategory } from '../../allocations/allocation.events';
import type { GrantEvent } from '../../grants/grant.events';
import { businessDayOr } from '../../pools/business-date';

export interface ReportPeriod {
  /** First business day included (`YYYY-MM-DD`), or null: from the start. */
  from: string | null;
  /** Last business day included, or null: up to now. */
  to: string | null;
}

export interface GrantBalances {
  received: MoneyJson;
  allocated: MoneyJson;
  disbursed: MoneyJson;
  /** Received and not allocated. */
  unallocated: MoneyJson;
  /** Allocated and not paid out. */
  undisbursed: MoneyJson;
  /** Awarded and not yet received. */
  outstanding: MoneyJson;
}

export interface GrantReportAllocation {
  allocationId: string;
  siteId: string;
  siteCode: string | null;
  category: FundingCategory;
  project: string;
  committeeRef: string;
  decidedAt: string;
  amount: MoneyJson;
  /** As of the end of the period. */
  status: 'active' | 'cancelled';
  cancelledAt: string | null;
}

export interface GrantReport {
  grant: { grantId: string; funder: string; reference: string; total: MoneyJson; siteIds: string[] | null };
  period: ReportPeriod;
  opening: GrantBalances;
  tranches: { trancheId: string; receivedAt: string; amount: MoneyJson; bankRef: string }[];
  allocations: GrantReportAllocation[];
  cancellations: { allocationId: string; siteId: string; siteCode: string | null; category: FundingCategory; cancelledAt: string; amount: MoneyJson; reason: string }[];
  bySiteAndCategory: { siteId: string; siteCode: string | null; category: FundingCategory; allocated: MoneyJson; disbursed: MoneyJson }[];
  disbursements: {
    disbursementId: string;
    allocationId: string;
    siteId: string;
    siteCode: string | null;
    category: FundingCategory;
    paidAt: string;
    amount: MoneyJson;
    payee: string;
    bankRef: string;
  }[];
  closing: GrantBalances;
}

interface AllocationFacts {
  allocationId: string;
  siteId: string;
  category: FundingCategory;
  project: string;
  committeeRef: string;
  decidedAt: string;
  decidedDay: string;
  amountMinor: bigint;
  cancelledDay: string | null;
  cancelledAt: string | null;
}

/** A movement on the grant, signed, on its business day. */
interface Movement {
  day: string;
  received: bigint;
  allocated: bigint;
  disbursed: bigint;
}

const inPeriod = (day: string, period: ReportPeriod): boolean => (period.from === null || day >= period.from) && (period.to === null || day <= period.to);
const beforePeriod = (day: string, period: ReportPeriod): boolean => period.from !== null && day < period.from;
const byEnd = (day: string, period: ReportPeriod): boolean => period.to === null || day <= period.to;

/** `events`: the grant stream with the time each was recorded; null when the grant is not registered. */
export function buildGrantReport(events: readonly (GrantEvent & { occurredAt: string })[], siteCodes: ReadonlyMap<string, string>, period: ReportPeriod): GrantReport | null {
  const registered = events.find((event) => event.type === 'GrantRegistered');
  if (registered === undefined || registered.type !== 'GrantRegistered') return null;
  const grant = registered.data;
  const currency = grant.total.currency;
  const money = (minor: bigint): MoneyJson => Money.of(currency, minor).toJSON();
  const code = (siteId: string): string | null => siteCodes.get(siteId) ?? null;
  const report: GrantReport = {
    grant: { grantId: grant.grantId, funder: grant.funder, reference: grant.reference, total: grant.total, siteIds: grant.siteIds },
    period,
    opening: balances([], 0n, money),
    tranches: [],
    allocations: [],
    cancellations: [],
    bySiteAndCategory: [],
    disbursements: [],
    closing: balances([], 0n, money),
  };
  const allocations = new Map<string, AllocationFacts>();
  const movements: Movement[] = [];
  const siteCategory = new Map<string, { siteId: string; category: FundingCategory; allocated: bigint; disbursed: bigint }>();
  const touch = (facts: AllocationFacts, allocated: bigint, disbursed: bigint): void => {
    const key = `${facts.siteId}|${facts.category}`;
    const entry = siteCategory.get(key) ?? { siteId: facts.siteId, category: facts.category, allocated: 0n, disbursed: 0n };
    entry.allocated += allocated;
    entry.disbursed += disbursed;
    siteCategory.set(key, entry);
  };

  for (const event of events) {
    switch (event.type) {
      case 'GrantRegistered':
        break;
      case 'TrancheReceived': {
        const d = event.data;
        const day = businessDayOr(d.receivedAt, event.occurredAt);
        movements.push({ day, received: BigInt(d.amount.value), allocated: 0n, disbursed: 0n });
        if (inPeriod(day, period)) report.tranches.push({ trancheId: d.trancheId, receivedAt: d.receivedAt, amount: d.amount, bankRef: d.bankRef });
        break;
      }
      case 'AllocationRecorded': {
        const d = event.data;
        const day = businessDayOr(d.decidedAt, event.occurredAt);
        const facts: AllocationFacts = { ...d, decidedDay: day, amountMinor: BigInt(d.amount.value), cancelledDay: null, cancelledAt: null };
        allocations.set(d.allocationId, facts);
        movements.push({ day, received: 0n, allocated: facts.amountMinor, disbursed: 0n });
        if (inPeriod(day, period)) touch(facts, facts.amountMinor, 0n);
        break;
      }
      case 'AllocationCancelled': {
        const facts = allocations.get(event.data.allocationId);
        if (facts === undefined) break;
        const day = businessDayOr(event.data.cancelledAt, event.occurredAt);
        facts.cancelledDay = day;
        facts.cancelledAt = event.data.cancelledAt;
        movements.push({ day, received: 0n, allocated: -facts.amountMinor, disbursed: 0n });
        if (inPeriod(day, period)) {
          touch(facts, -facts.amountMinor, 0n);
          report.cancellations.push({ allocationId: facts.allocationId, siteId: facts.siteId, siteCode: code(facts.siteId), category: facts.category, cancelledAt: event.data.cancelledAt, amount: money(facts.amountMinor), reason: event.data.reason });
        }
        break;
      }
      case 'DisbursementRecorded': {
        const d = event.data;
        const facts = allocations.get(d.allocationId);
        if (facts === undefined) break;
        const day = businessDayOr(d.paidAt, event.occurredAt);
        movements.push({ day, received: 0n, allocated: 0n, disbursed: BigInt(d.amount.value) });
        if (inPeriod(day, period)) {
          touch(facts, 0n, BigInt(d.amount.value));
          report.disbursements.push({ disbursementId: d.disbursementId, allocationId: d.allocationId, siteId: facts.siteId, siteCode: code(facts.siteId), category: facts.category, paidAt: d.paidAt, amount: d.amount, payee: d.payee, bankRef: d.bankRef });
        }
        break;
      }
      default: {
        const unknown: never = event;
        void unknown;
      }
    }
  }

  for (const facts of allocations.values()) {
    if (!inPeriod(facts.decidedDay, period)) continue;
    const cancelled = facts.cancelledDay !== null && byEnd(facts.cancelledDay, period);
    report.allocations.push({
      allocationId: facts.allocationId,
      siteId: facts.siteId,
      siteCode: code(facts.siteId),
      category: facts.category,
      project: facts.project,
      committeeRef: facts.committeeRef,
      decidedAt: facts.decidedAt,
      amount: money(facts.amountMinor),
      status: cancelled ? 'cancelled' : 'active',
      cancelledAt: cancelled ? facts.cancelledAt : null,
    });
  }
  report.bySiteAndCategory = [...siteCategory.values()]
    .map((e) => ({ siteId: e.siteId, siteCode: code(e.siteId), category: e.category, allocated: money(e.allocated), disbursed: money(e.disbursed) }))
    .sort((a, b) => (a.siteCode ?? a.siteId).localeCompare(b.siteCode ?? b.siteId) || a.category.localeCompare(b.category));
  const total = BigInt(grant.total.value);
  report.opening = balances(movements.filter((m) => beforePeriod(m.day, period)), total, money);
  report.closing = balances(movements.filter((m) => byEnd(m.day, period)), total, money);
  return report;
}

function balances(movements: readonly Movement[], totalMinor: bigint, money: (minor: bigint) => MoneyJson): GrantBalances {
  let received = 0n;
  let allocated = 0n;
  let disbursed = 0n;
  for (const m of movements) {
    received += m.received;
    allocated += m.allocated;
    disbursed += m.disbursed;
  }
  return {
    received: money(received),
    allocated: money(allocated),
    disbursed: money(disbursed),
    unallocated: money(received - allocated),
    undisbursed: money(allocated - disbursed),
    outstanding: money(totalMinor - received),
  };
}
