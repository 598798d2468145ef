// Route parameter `:period`: a month `YYYY-MM`, refused with 400 otherwise.
import { Injectable, PipeTransform } from '@nestjs/common';
import { assertPeriod } from './period';

@Injectable()
export class PeriodParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return assertPeriod(value);
  }
}
