// Marks top-level response fields the idempotency record must not keep (secrets shown once, such
// as a new API key): they are stored, and so replayed, as null.
import { SetMetadata } from '@nestjs/common';

export const REDACT_ON_REPLAY_METADATA = 'idempotency:redact';

export function RedactOnReplay(...fields: string[]): MethodDecorator {
  return SetMetadata(REDACT_ON_REPLAY_METADATA, fields);
}

/** A copy of `body` with `fields` set to null; anything but a plain object is returned as is. */
export function redactFields(body: unknown, fields: readonly string[]): unknown {
  if (fields.length === 0 || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of fields) if (field in copy) copy[field] = null;
  return copy;
}
