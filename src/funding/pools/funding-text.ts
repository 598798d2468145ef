// Free-text fields of funding records (funder, project, payee, committee and bank references):
// trimmed, bounded, free of control characters, since they are printed in reports and CSV files.
import { InvalidFundingText } from './funding.errors';

// Any C0/C1 control character, tabs and newlines included.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

export const FUNDING_TEXT_MAX_LENGTH = 200;
export const BANK_REF_MAX_LENGTH = 100;

/** The trimmed text, or InvalidFundingText naming `field`. Inner spacing is kept as given. */
export function fundingText(field: string, text: unknown, maxLength = FUNDING_TEXT_MAX_LENGTH): string {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length === 0 || trimmed.length > maxLength || CONTROL_CHARACTERS.test(trimmed)) {
    throw new InvalidFundingText(field, maxLength);
  }
  return trimmed;
}
