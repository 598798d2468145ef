// Base class of every business refusal. The HTTP layer maps `kind` to a status and renders
// `{error: {code, message, details}}` (DESIGN §4); `code` is stable and part of the public API.

/** How a refusal is reported over HTTP. */
export type DomainErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'rule'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited';

/** `CONTEXT.REASON`: upper-case words joined by `_`, e.g. `REGISTRY.INSUFFICIENT_UNITS`. */
export const DOMAIN_ERROR_CODE_PATTERN = /^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/;

export function httpStatusForKind(kind: DomainErrorKind): number {
  switch (kind) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'rule':
      return 422;
    case 'rate_limited':
      return 429;
    default: {
      const unreachable: never = kind;
      throw new Error(`Unknown error kind ${String(unreachable)}`);
    }
  }
}

export interface DomainErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * One subclass per refusal, e.g.
 * `class InsufficientUnits extends DomainError { readonly code = 'REGISTRY.INSUFFICIENT_UNITS'; readonly kind = 'rule'; }`.
 * Details must be safe to show to the caller: never put secrets in them.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  readonly details?: Record<string, unknown>;

  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    // new.target keeps the subclass name in stack traces and logs without each subclass setting it.
    this.name = new.target.name;
    if (details !== undefined) this.details = details;
  }

  get httpStatus(): number {
    return httpStatusForKind(this.kind);
  }

  toJSON(): DomainErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
