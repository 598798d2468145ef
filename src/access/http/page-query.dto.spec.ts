import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { decodeCursor, encodeCursor, PageQueryDto, pageSize } from './page-query.dto';

function validate(query: Record<string, string>): { dto: PageQueryDto; errors: string[] } {
  const dto = plainToInstance(PageQueryDto, query);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).map((error) => error.property);
  return { dto, errors };
}

describe('PageQueryDto', () => {
  it('limit_WhenAbsent_ThenDefault50', () => {
    const { dto, errors } = validate({});
    expect(errors).toEqual([]);
    expect(pageSize(dto)).toBe(50);
  });

  it('limit_WhenWithin1To200_ThenAccepted', () => {
    for (const limit of ['1', '50', '200']) {
      const { dto, errors } = validate({ limit });
      expect(errors).toEqual([]);
      expect(pageSize(dto)).toBe(Number(limit));
    }
  });

  it('limit_WhenOutOfRangeOrNotAnInteger_ThenRefused', () => {
    for (const limit of ['0', '201', '10000', '1.5', 'abc', '-1']) expect(validate({ limit }).errors).toEqual(['limit']);
  });

  it('cursor_WhenNotOpaqueTokenOrUnknownField_ThenRefused', () => {
    expect(validate({ cursor: 'a b' }).errors).toEqual(['cursor']);
    expect(validate({ offset: '10' }).errors).toEqual(['offset']);
  });

  it('cursor_WhenEncoded_ThenDecodesBack_AndGarbageDecodesToNull', () => {
    const cursor = encodeCursor({ after: '0190f1c2', at: 12 });
    expect(validate({ cursor }).errors).toEqual([]);
    expect(decodeCursor(cursor)).toEqual({ after: '0190f1c2', at: 12 });
    expect(decodeCursor('not-json')).toBeNull();
  });
});
