// Human references minted inside the batch stream, so they are unique and gap-free per batch:
// invoices `INV-KAM-2023-0001-00001` and retirement certificates `RCC-RET-KAM-2023-0001-00001`.
import type { IssuedBatch } from './batch.state';

function batchLabel(state: IssuedBatch): string {
  return `${state.siteCode}-${state.vintage}-${String(state.batchNo).padStart(4, '0')}`;
}

export function invoiceReference(state: IssuedBatch, sequence: number): string {
  return `INV-${batchLabel(state)}-${String(sequence).padStart(5, '0')}`;
}

export function certificateNumber(state: IssuedBatch, sequence: number): string {
  return `RCC-RET-${batchLabel(state)}-${String(sequence).padStart(5, '0')}`;
}
