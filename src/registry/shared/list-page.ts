// Lists of the registry (DESIGN §4): `?limit=&cursor=` plus read-your-writes `?minPosition=`, and
// one page of results with the cursor of the next page (null at the end).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError } from '@lib/kernel';
import { IsOptional, IsString } from 'class-validator';
import { decodeCursor, encodeCursor, PageQueryDto, pageSize } from '../../access/http/page-query.dto';

export class ListQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'X-Log-Position of an earlier command: wait (at most READ_WAIT_MS, 2 s by default) until this list reflects it' })
  @IsOptional()
  @IsString()
  minPosition?: string;
}

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

export class ListPageMeta {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `?cursor=` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class InvalidCursor extends DomainError {
  readonly code = 'REQUEST.INVALID_CURSOR';
  readonly kind = 'validation' as const;
  constructor() {
    super('cursor must be a cursor returned by a previous page of the same list');
  }
}

/** Decodes a cursor holding a string sort key (a UUID, a code); throws InvalidCursor when `isKey` refuses it. */
export function cursorKey(cursor: string | undefined, isKey: (key: string) => boolean): string | null {
  if (cursor === undefined) return null;
  const value = decodeCursor(cursor);
  if (typeof value !== 'string' || !isKey(value)) throw new InvalidCursor();
  return value;
}

/**
 * Rows fetched with `LIMIT pageSize + 1`: the extra row only tells that another page exists, so
 * the cursor is the last returned row's sort key.
 */
export function pageOf<Row, T>(rows: readonly Row[], query: PageQueryDto, keyOf: (row: Row) => string, view: (row: Row) => T): ListPage<T> {
  const size = pageSize(query);
  const page = rows.slice(0, size);
  const nextCursor = rows.length > size && page.length > 0 ? encodeCursor(keyOf(page[page.length - 1])) : null;
  return { items: page.map(view), nextCursor };
}
