// Input rules of a milestone proposal that need no state: the period (calendar dates, ended by
// the day it is proposed) and the evidence (URIs with SHA-256 digests). Pure.
import { InvalidEvidence, InvalidPeriod } from './milestones.errors';
import type { Evidence } from './milestone.events';

export const MAX_EVIDENCE_ITEMS = 20;
export const MAX_EVIDENCE_URI_LENGTH = 2048;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHA256_PATTERN = /^[0-9a-fA-F]{64}$/;
const URI_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
// Whitespace and control characters are never part of a URI (RFC 3986 §2).
const NOT_IN_URI = /[\s\u0000-\u001f\u007f-\u009f]/;

/** Milliseconds of midnight UTC of a canonical `YYYY-MM-DD` calendar date, or null when it is not one. */
export function parseCalendarDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = DATE_PATTERN.exec(text);
  if (match === null || Number(match[1]) < 1000) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Round-tripping refuses dates that Date would roll over (2023-02-30 → 2023-03-02).
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}

/**
 * A milestone records production already achieved: the period must have ended by the day it is
 * proposed (`now`), so nobody verifies what has not happened yet.
 */
export function assertPeriod(periodStart: string, periodEnd: string, now: string): void {
  const start = parseCalendarDate(periodStart);
  const end = parseCalendarDate(periodEnd);
  if (start === null || end === null) throw new InvalidPeriod('periodStart and periodEnd must be calendar dates YYYY-MM-DD');
  if (start > end) throw new InvalidPeriod('periodStart must not be after periodEnd');
  if (end > Date.parse(now.slice(0, 10))) throw new InvalidPeriod('the period must have ended by the day the milestone is proposed');
}

/** The evidence as recorded (digests in lower case), or the first refusal. */
export function normaliseEvidence(evidence: readonly Evidence[]): Evidence[] {
  if (!Array.isArray(evidence) || evidence.length === 0 || evidence.length > MAX_EVIDENCE_ITEMS) {
    throw new InvalidEvidence(`give 1 to ${MAX_EVIDENCE_ITEMS} documents`);
  }
  const digests = new Set<string>();
  return evidence.map((item, index) => {
    assertEvidenceUri(item.uri, index);
    if (typeof item.sha256 !== 'string' || !SHA256_PATTERN.test(item.sha256)) {
      throw new InvalidEvidence('sha256 must be 64 hexadecimal characters', index);
    }
    const sha256 = item.sha256.toLowerCase();
    if (digests.has(sha256)) throw new InvalidEvidence('the same document is listed twice', index);
    digests.add(sha256);
    return { uri: item.uri, sha256 };
  });
}

function assertEvidenceUri(uri: unknown, index: number): void {
  if (typeof uri !== 'string' || uri.length > MAX_EVIDENCE_URI_LENGTH || !URI_SCHEME.test(uri) || NOT_IN_URI.test(uri)) {
    throw new InvalidEvidence(`uri must be an absolute URI of at most ${MAX_EVIDENCE_URI_LENGTH} characters`, index);
  }
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw new InvalidEvidence('uri must be an absolute URI', index);
  }
  // Evidence is shown to auditors and the public: a URI must never carry a credential.
  if (parsed.username !== '' || parsed.password !== '') throw new InvalidEvidence('uri must not contain credentials', index);
}
