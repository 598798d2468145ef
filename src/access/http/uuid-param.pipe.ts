// Route ids are UUIDs; anything else is refused with 400 before any lookup.
import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, isUuid } from '@lib/kernel';

export class InvalidId extends DomainError {
  readonly code = 'REQUEST.INVALID_ID';
  readonly kind = 'validation' as const;
  constructor() {
    super('The id in the path must be a UUID');
  }
}

@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw new InvalidId();
    return value.toLowerCase();
  }
}
