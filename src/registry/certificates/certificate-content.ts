// What a retirement certificate says, assembled from the retirement event, its batch, its site and
// the retiring company. Pure, so the wording is tested without rendering a PDF.
import { formatSerialRange, SerialRange } from '@lib/kernel';
import type { CreditsRetired } from '../batches/batch.events';

export interface CertificateFacts {
  retirement: CreditsRetired['data'];
  batch: { siteCode: string; vintage: number; batchNo: number };
  site: { name: string; cooperative: string; province: string; country: string } | null;
  company: { name: string; lei: string | null };
  publicBaseUrl: string;
}

export interface CertificateContent {
  certificateNo: string;
  title: string;
  /** Label → value lines, printed in this order. */
  fields: ReadonlyArray<readonly [string, string]>;
  serialRanges: string[];
  verificationUrl: string;
  /** The retirement's instant: also the PDF's creation date, so a re-render is byte-identical. */
  issuedAt: Date;
}

const KG = new Intl.NumberFormat('en-US');

export function certificateVerificationUrl(publicBaseUrl: string, certificateNo: string): string {
  return `${publicBaseUrl}/v1/public/retirements/${encodeURIComponent(certificateNo)}`;
}

/** `2,500 kg (2.5 t of cobalt)`: tonnes are written exactly, never rounded. */
export function quantityText(quantityKg: number): string {
  const tonnes = `${Math.floor(quantityKg / 1000)}${quantityKg % 1000 === 0 ? '' : `.${String(quantityKg % 1000).padStart(3, '0').replace(/0+$/, '')}`}`;
  return `${KG.format(quantityKg)} kg (${tonnes} t of cobalt)`;
}

export function certificateContent(facts: CertificateFacts): CertificateContent {
  const { retirement, batch, site, company } = facts;
  const beneficiary = retirement.beneficiary.lei === undefined ? retirement.beneficiary.name : `${retirement.beneficiary.name} (LEI ${retirement.beneficiary.lei})`;
  const siteText = site === null ? batch.siteCode : `${site.name} (${batch.siteCode}), cooperative ${site.cooperative}, ${site.province}, ${site.country}`;
  const ranges: readonly SerialRange[] = retirement.serials;
  return {
    certificateNo: retirement.certificateNo,
    title: 'Responsible Cobalt Credits - Retirement Certificate',
    fields: [
      ['Certificate number', retirement.certificateNo],
      ['Retired by', company.lei === null ? company.name : `${company.name} (LEI ${company.lei})`],
      ['Beneficiary', beneficiary],
      ['Claim year', String(retirement.claimYear)],
      ['Quantity', quantityText(retirement.quantityKg)],
      ['Site', siteText],
      ['Vintage', String(batch.vintage)],
      ['Purpose', retirement.purpose],
      ['Issue date', retirement.retiredAt.slice(0, 10)],
    ],
    serialRanges: ranges.map((range) => formatSerialRange({ ...batch, from: range.from, to: range.to })),
    verificationUrl: certificateVerificationUrl(facts.publicBaseUrl, retirement.certificateNo),
    issuedAt: new Date(retirement.retiredAt),
  };
}
