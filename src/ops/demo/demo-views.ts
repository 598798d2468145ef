// The parts of the API's answers the demo reads (DESIGN §4), and how it prints money and weights.
import { Money, MoneyJson } from '@lib/kernel';

export interface KeyAnswer {
  id: string;
  key: string;
}

export interface CompanyAnswer {
  id: string;
  name: string;
  country: string;
}

export interface SiteAnswer {
  id: string;
  code: string;
  name: string;
  cooperative: string;
  province: string;
  country: string;
}

export interface MilestoneAnswer {
  id: string;
  status: string;
  quantityKg: number;
  periodStart: string;
  periodEnd: string;
}

export interface BatchAnswer {
  id: string;
  siteCode: string;
  vintage: number;
  batchNo: number;
  serialPrefix: string;
  serialBlock: string;
  pricePerTonne: MoneyJson;
  issuedKg: number;
}

export interface PurchaseAnswer {
  id: string;
  status: string;
  quantityKg: number;
  amount: MoneyJson;
  invoiceRef: string;
  reservedUntil: string;
  serialRanges: string[];
}

export interface RetirementAnswer {
  id: string;
  certificateNo: string;
  quantityKg: number;
  claimYear: number;
  serialRanges: string[];
}

export interface HoldingsAnswer {
  totalHeldKg: number;
  totalRetiredKg: number;
  batches: Array<{ siteCode: string | null; vintage: number | null; batchNo: number | null; heldKg: number; retiredKg: number; serialRanges: string[] }>;
}

export interface PublicSerialAnswer {
  serial: string;
  status: string;
  batch: { serialRange: string };
  site: { name: string; cooperative: string } | null;
  retirement: { certificateNo: string; claimYear: number; beneficiaryName: string } | null;
}

export interface ErrorAnswer {
  error: { code: string; message: string };
}

/** `USD 12,000.00`: exact, from integer minor units. */
export function money(json: MoneyJson): string {
  return Money.fromJSON(json).format();
}

export function kg(quantityKg: number): string {
  return `${quantityKg.toLocaleString('en-US')} kg`;
}
