// Free-text fields of registry records (site names, milestone titles, reasons): trimmed, bounded,
// and free of control characters, since they are printed on certificates and public pages.
import { DomainError } from '@lib/kernel';

// Any C0/C1 control character, tabs and newlines included.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export class InvalidRegistryText extends DomainError {
  readonly code = 'REGISTRY.INVALID_TEXT';
  readonly kind = 'validation' as const;
  constructor(field: string, maxLength: number) {
    super(`${field} must be 1 to ${maxLength} characters, without control characters`, { field, maxLength });
  }
}

/** The trimmed text, or InvalidRegistryText naming `field`. Inner spacing is kept as given. */
export function normaliseText(field: string, text: unknown, maxLength: number): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length === 0 || trimmed.length > maxLength || CONTROL_CHARACTERS.test(trimmed)) {
    throw new InvalidRegistryText(field, maxLength);
  }
  return trimmed;
}
