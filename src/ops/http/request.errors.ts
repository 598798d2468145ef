// Refusals of a request before it reaches a use case: bad JSON, failed DTO validation.
import { DomainError, DomainErrorKind } from '@lib/kernel';
import type { ValidationError } from 'class-validator';

export class MalformedJsonBody extends DomainError {
  readonly code = 'REQUEST.MALFORMED_JSON';
  readonly kind: DomainErrorKind = 'validation';
}

/** Details: `{fields: {"beneficiary.name": ["name should not be empty"]}}`, never the values sent. */
export class RequestValidationFailed extends DomainError {
  readonly code = 'REQUEST.VALIDATION_FAILED';
  readonly kind: DomainErrorKind = 'validation';

  constructor(fields: Record<string, string[]>) {
    super('The request is not valid', { fields });
  }
}

function collectMessages(errors: readonly ValidationError[], parent: string, into: Record<string, string[]>): void {
  for (const error of errors) {
    const path = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    if (error.constraints !== undefined) into[path] = Object.values(error.constraints);
    if (error.children !== undefined && error.children.length > 0) collectMessages(error.children, path, into);
  }
}

/** ValidationPipe's exceptionFactory: class-validator's nested errors → one field → messages map. */
export function toRequestValidationFailed(errors: readonly ValidationError[]): RequestValidationFailed {
  const fields: Record<string, string[]> = {};
  collectMessages(errors, '', fields);
  return new RequestValidationFailed(fields);
}
