// The parts of the funding and reconciliation answers the demo reads (DESIGN §4).
import type { MoneyJson } from '@lib/kernel';

export interface GrantAnswer {
  id: string;
  funder: string;
  reference: string;
  total: MoneyJson;
}

export interface TrancheAnswer {
  id: string;
  amount: MoneyJson;
  receivedAt: string;
  bankRef: string;
}

export interface AllocationAnswer {
  id: string;
  category: string;
  amount: MoneyJson;
  project: string;
  committeeRef: string;
  decidedAt: string;
}

export interface DisbursementAnswer {
  id: string;
  amount: MoneyJson;
  paidAt: string;
  payee: string;
  bankRef: string;
}

export interface PoolAnswer {
  source: { type: 'credit_sales' | 'grant'; grantId?: string };
  currency: string;
  received: MoneyJson;
  allocated: MoneyJson;
  disbursed: MoneyJson;
  available: MoneyJson;
  grossSales: MoneyJson | null;
  fees: MoneyJson | null;
}

export interface SiteFundingAnswer {
  siteCode: string;
  pools: PoolAnswer[];
}

export interface StatementLineAnswer {
  id: string;
  date: string;
  amount: MoneyJson;
  reference: string;
  status: string;
  match: { kind: string; outcome: string; mode: string } | null;
}

export interface StatementAnswer {
  id: string;
  lineCount: number;
  resolvedCount: number;
  lines: StatementLineAnswer[];
}

export interface PeriodAnswer {
  period: string;
  status: 'open' | 'closed';
}

export interface PeriodClosureAnswer {
  period: string;
  closedAt: string;
  lineCount: number;
}
