// How references are compared when matching statement lines: bank references and invoice
// references are compared without regard to case or surrounding and repeated spaces, since banks
// re-type them. Invoice references (`INV-KAM-2023-0001-00001`, see batch-references.ts) are found
// anywhere inside a line's reference, which often carries other words around them.

/** Upper case, trimmed, inner runs of spaces collapsed to one. */
export function matchReference(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toUpperCase();
}

const INVOICE_REFERENCE = /INV-[A-Z0-9]+-\d{4}-\d{4,}-\d{5,}/g;

/** Every invoice reference written inside `text`, upper-cased, without duplicates. */
export function invoiceReferencesIn(text: string): string[] {
  return [...new Set(matchReference(text).match(INVOICE_REFERENCE) ?? [])];
}
