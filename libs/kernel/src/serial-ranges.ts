// A set of unit numbers of one batch, kept as sorted, disjoint, non-adjacent inclusive ranges.
// Immutable: every operation returns a new set. Units are numbered from 1 (DESIGN §1).
// The checks in union/subtract are the last line of defence for R1: no unit has two owners.
import { InvalidSerialRange, NotEnoughUnits, UnitsAlreadyHeld, UnitsNotHeld } from './kernel.errors';

/** Inclusive range of unit numbers: `{from: 1, to: 2500}` holds 2,500 units. */
export interface SerialRange {
  readonly from: number;
  readonly to: number;
}

export class SerialRanges {
  private static readonly EMPTY = new SerialRanges([]);

  /** Use the factories: the list is trusted to be normalised and frozen. */
  private constructor(private readonly list: readonly SerialRange[]) {
    Object.freeze(this);
  }

  static empty(): SerialRanges {
    return SerialRanges.EMPTY;
  }

  static single(from: number, to: number): SerialRanges {
    return new SerialRanges(Object.freeze([checkedRange(from, to)]));
  }

  /** Sorts and merges adjacent ranges. A unit listed twice is refused, not silently merged. */
  static of(ranges: Iterable<SerialRange>): SerialRanges {
    const sorted = Array.from(ranges, (r) => checkedRange(r.from, r.to)).sort((a, b) => a.from - b.from);
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i].from <= sorted[i - 1].to) {
        throw new InvalidSerialRange('a unit is listed twice', {
          ranges: describe([sorted[i - 1], sorted[i]]),
        });
      }
    }
    return SerialRanges.normalised(sorted);
  }

  static fromJSON(json: unknown): SerialRanges {
    if (!Array.isArray(json)) throw new InvalidSerialRange('expected an array of {from, to}');
    return SerialRanges.of(
      json.map((item: unknown) => {
        if (typeof item !== 'object' || item === null) throw new InvalidSerialRange('expected {from, to}');
        const { from, to } = item as Record<string, unknown>;
        return checkedRange(from, to);
      }),
    );
  }

  get ranges(): readonly SerialRange[] {
    return this.list;
  }

  /** Total number of units. */
  get size(): number {
    return this.list.reduce((sum, r) => sum + (r.to - r.from + 1), 0);
  }

  isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** Splits off the `count` lowest-numbered units; throws NotEnoughUnits when the set is smaller. */
  takeLowest(count: number): { taken: SerialRanges; rest: SerialRanges } {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new InvalidSerialRange('count must be a non-negative integer', { count });
    }
    const size = this.size;
    if (count > size) throw new NotEnoughUnits(count, size);
    const taken: SerialRange[] = [];
    const rest: SerialRange[] = [];
    let left = count;
    for (const r of this.list) {
      const width = r.to - r.from + 1;
      if (left >= width) {
        taken.push(r);
        left -= width;
      } else if (left > 0) {
        taken.push({ from: r.from, to: r.from + left - 1 });
        rest.push({ from: r.from + left, to: r.to });
        left = 0;
      } else {
        rest.push(r);
      }
    }
    return { taken: SerialRanges.normalised(taken), rest: SerialRanges.normalised(rest) };
  }

  /** This set without `other`. Throws UnitsNotHeld unless every unit of `other` is in this set. */
  subtract(other: SerialRanges): SerialRanges {
    const missing = other.without(this);
    if (!missing.isEmpty()) throw new UnitsNotHeld(missing.toString());
    return this.without(other);
  }

  /** Both sets together. Throws UnitsAlreadyHeld when they share a unit. */
  union(other: SerialRanges): SerialRanges {
    const shared = this.intersect(other);
    if (!shared.isEmpty()) throw new UnitsAlreadyHeld(shared.toString());
    return SerialRanges.of([...this.list, ...other.list]);
  }

  intersect(other: SerialRanges): SerialRanges {
    const out: SerialRange[] = [];
    let i = 0;
    let j = 0;
    while (i < this.list.length && j < other.list.length) {
      const a = this.list[i];
      const b = other.list[j];
      const from = Math.max(a.from, b.from);
      const to = Math.min(a.to, b.to);
      if (from <= to) out.push({ from, to });
      if (a.to < b.to) i += 1;
      else j += 1;
    }
    return SerialRanges.normalised(out);
  }

  contains(unit: number): boolean {
    let low = 0;
    let high = this.list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const r = this.list[mid];
      if (unit < r.from) high = mid - 1;
      else if (unit > r.to) low = mid + 1;
      else return true;
    }
    return false;
  }

  containsAll(other: SerialRanges): boolean {
    return other.without(this).isEmpty();
  }

  overlaps(other: SerialRanges): boolean {
    return !this.intersect(other).isEmpty();
  }

  equals(other: SerialRanges): boolean {
    return (
      this.list.length === other.list.length &&
      this.list.every((r, k) => r.from === other.list[k].from && r.to === other.list[k].to)
    );
  }

  toJSON(): Array<{ from: number; to: number }> {
    return this.list.map((r) => ({ from: r.from, to: r.to }));
  }

  /** For messages and logs: `1..5,9..9`. */
  toString(): string {
    return describe(this.list);
  }

  /** Set difference without any ownership check. */
  private without(other: SerialRanges): SerialRanges {
    const out: SerialRange[] = [];
    let j = 0;
    for (const r of this.list) {
      let from = r.from;
      // Skip the ranges of `other` that end before this one starts.
      while (j < other.list.length && other.list[j].to < from) j += 1;
      let k = j;
      while (k < other.list.length && other.list[k].from <= r.to) {
        const cut = other.list[k];
        if (cut.from > from) out.push({ from, to: cut.from - 1 });
        from = Math.max(from, cut.to + 1);
        k += 1;
      }
      if (from <= r.to) out.push({ from, to: r.to });
    }
    return SerialRanges.normalised(out);
  }

  /** Input sorted and disjoint; merges adjacent ranges and freezes the result. */
  private static normalised(sorted: readonly SerialRange[]): SerialRanges {
    if (sorted.length === 0) return SerialRanges.EMPTY;
    const merged: SerialRange[] = [];
    for (const r of sorted) {
      const last = merged[merged.length - 1];
      if (last !== undefined && r.from === last.to + 1) {
        merged[merged.length - 1] = Object.freeze({ from: last.from, to: r.to });
      } else {
        merged.push(Object.freeze({ from: r.from, to: r.to }));
      }
    }
    // A copy of exactly its length: an array grown by push keeps spare slots (17 for a single
    // range), and a batch's state holds one of these per reservation and holding.
    return new SerialRanges(Object.freeze(merged.slice()));
  }
}

function checkedRange(from: unknown, to: unknown): SerialRange {
  if (!isUnit(from) || !isUnit(to) || from > to) {
    throw new InvalidSerialRange('expected whole unit numbers with 1 <= from <= to', {
      from: String(from),
      to: String(to),
    });
  }
  return { from, to };
}

function isUnit(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function describe(ranges: readonly SerialRange[]): string {
  return ranges.map((r) => `${r.from}..${r.to}`).join(',');
}
