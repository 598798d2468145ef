// For routes that take no query parameters: any parameter is refused with 400 like an unknown DTO
// field (an empty DTO cannot do it: class-validator rejects classes without rules outright).
import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationFailed } from '../../ops/http/request.errors';

@Injectable()
export class NoQueryParamsPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(query: unknown): Record<string, never> {
    const names = query !== null && typeof query === 'object' ? Object.keys(query) : [];
    if (names.length > 0) {
      throw new RequestValidationFailed(Object.fromEntries(names.map((name) => [name, [`property ${name} should not exist`]])));
    }
    return {};
  }
}
