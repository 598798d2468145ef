import fc from 'fast-check';
import { InvalidSerialRange, NotEnoughUnits, UnitsAlreadyHeld, UnitsNotHeld } from './kernel.errors';
import { SerialRanges } from './serial-ranges';

/** The model the properties compare against: a plain set of unit numbers. */
const unitSet = fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 80 });
const rangesOf = (units: readonly number[]): SerialRanges =>
  SerialRanges.of(units.map((unit) => ({ from: unit, to: unit })));
const unitsOf = (set: SerialRanges): number[] =>
  set.ranges.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, k) => r.from + k));
const sorted = (units: Iterable<number>): number[] => [...units].sort((a, b) => a - b);

describe('SerialRanges', () => {
  it('normalises: sorts and merges adjacent ranges', () => {
    const set = SerialRanges.of([
      { from: 11, to: 20 },
      { from: 1, to: 5 },
      { from: 6, to: 10 },
      { from: 30, to: 30 },
    ]);
    expect(set.toJSON()).toEqual([
      { from: 1, to: 20 },
      { from: 30, to: 30 },
    ]);
    expect(set.size).toBe(21);
    expect(SerialRanges.empty().size).toBe(0);
    expect(SerialRanges.of([]).isEmpty()).toBe(true);
  });

  it.each<[unknown, unknown]>([
    [0, 5],
    [5, 4],
    [1.5, 3],
    [1, Number.POSITIVE_INFINITY],
    [Number.NaN, 1],
    ['1', 2],
  ])('refuses the range %p..%p', (from, to) => {
    expect(() => SerialRanges.fromJSON([{ from, to }])).toThrow(InvalidSerialRange);
  });

  it('refuses a unit listed twice and malformed JSON', () => {
    expect(() => SerialRanges.of([{ from: 1, to: 5 }, { from: 5, to: 9 }])).toThrow(InvalidSerialRange);
    expect(() => SerialRanges.fromJSON({ from: 1, to: 2 })).toThrow(InvalidSerialRange);
    expect(() => SerialRanges.fromJSON([null])).toThrow(InvalidSerialRange);
  });

  it('takes the lowest units first', () => {
    const holding = SerialRanges.of([{ from: 101, to: 200 }, { from: 1, to: 50 }]);
    const { taken, rest } = holding.takeLowest(60);
    expect(taken.toJSON()).toEqual([{ from: 1, to: 50 }, { from: 101, to: 110 }]);
    expect(rest.toJSON()).toEqual([{ from: 111, to: 200 }]);
    expect(holding.takeLowest(0).taken.isEmpty()).toBe(true);
    expect(() => holding.takeLowest(151)).toThrow(NotEnoughUnits);
    expect(() => holding.takeLowest(-1)).toThrow(InvalidSerialRange);
  });

  it('subtracts only units it holds', () => {
    const holding = SerialRanges.single(1, 2_500);
    expect(holding.subtract(SerialRanges.single(1_001, 1_500)).toString()).toBe('1..1000,1501..2500');
    expect(() => holding.subtract(SerialRanges.single(2_500, 2_501))).toThrow(UnitsNotHeld);
    expect(() => holding.subtract(SerialRanges.single(2_500, 2_501))).toThrow(/2501\.\.2501/);
  });

  it('refuses a union where a unit would be held twice', () => {
    const a = SerialRanges.single(1, 10);
    expect(a.union(SerialRanges.single(11, 20)).toString()).toBe('1..20');
    expect(() => a.union(SerialRanges.single(10, 12))).toThrow(UnitsAlreadyHeld);
  });

  it('answers membership questions', () => {
    const set = SerialRanges.of([{ from: 5, to: 9 }, { from: 20, to: 25 }]);
    expect([4, 5, 9, 10, 19, 20, 25, 26].map((u) => set.contains(u))).toEqual([
      false, true, true, false, false, true, true, false,
    ]);
    expect(set.containsAll(SerialRanges.single(21, 24))).toBe(true);
    expect(set.containsAll(SerialRanges.single(9, 10))).toBe(false);
    expect(set.overlaps(SerialRanges.single(9, 10))).toBe(true);
    expect(set.overlaps(SerialRanges.single(10, 19))).toBe(false);
    expect(set.intersect(SerialRanges.single(8, 21)).toString()).toBe('8..9,20..21');
  });

  it('is immutable and round trips through JSON', () => {
    const set = SerialRanges.of([{ from: 3, to: 4 }, { from: 8, to: 9 }]);
    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.ranges)).toBe(true);
    expect(Object.isFrozen(set.ranges[0])).toBe(true);
    expect(SerialRanges.fromJSON(JSON.parse(JSON.stringify(set))).equals(set)).toBe(true);
  });

  describe('properties', () => {
    it('keeps ranges sorted, disjoint and non-adjacent, with the units of the model', () => {
      fc.assert(
        fc.property(unitSet, (units) => {
          const set = rangesOf(units);
          set.ranges.forEach((r, k) => {
            expect(r.from).toBeLessThanOrEqual(r.to);
            if (k > 0) expect(r.from).toBeGreaterThan(set.ranges[k - 1].to + 1);
          });
          expect(unitsOf(set)).toEqual(sorted(units));
          expect(set.size).toBe(units.length);
          for (let unit = 0; unit <= 121; unit += 1) expect(set.contains(unit)).toBe(units.includes(unit));
        }),
      );
    });

    it('intersects, overlaps and contains like sets', () => {
      fc.assert(
        fc.property(unitSet, unitSet, (a, b) => {
          const shared = a.filter((u) => b.includes(u));
          expect(unitsOf(rangesOf(a).intersect(rangesOf(b)))).toEqual(sorted(shared));
          expect(rangesOf(a).overlaps(rangesOf(b))).toBe(shared.length > 0);
          expect(rangesOf(a).containsAll(rangesOf(b))).toBe(shared.length === b.length);
        }),
      );
    });

    it('union and subtract are inverse, and sizes add up', () => {
      const disjoint = fc
        .tuple(unitSet, unitSet)
        .map(([a, b]) => [a, b.filter((u) => !a.includes(u))] as const);
      fc.assert(
        fc.property(disjoint, ([aUnits, bUnits]) => {
          const a = rangesOf(aUnits);
          const b = rangesOf(bUnits);
          const both = a.union(b);
          expect(both.size).toBe(a.size + b.size);
          expect(both.equals(b.union(a))).toBe(true);
          expect(both.subtract(b).equals(a)).toBe(true);
          expect(both.subtract(a).equals(b)).toBe(true);
          expect(unitsOf(both)).toEqual(sorted([...aUnits, ...bUnits]));
        }),
      );
    });

    it('subtracting a subset leaves exactly the other units', () => {
      const withSubset = unitSet.chain((units) =>
        fc.subarray(units).map((subset) => [units, subset] as const),
      );
      fc.assert(
        fc.property(withSubset, ([units, subset]) => {
          const rest = rangesOf(units).subtract(rangesOf(subset));
          expect(unitsOf(rest)).toEqual(sorted(units.filter((u) => !subset.includes(u))));
          expect(rest.size + subset.length).toBe(units.length);
        }),
      );
    });

    it('refuses to subtract or unite across ownership', () => {
      fc.assert(
        fc.property(unitSet, unitSet, (a, b) => {
          const shared = a.some((u) => b.includes(u));
          const missing = b.some((u) => !a.includes(u));
          if (shared) expect(() => rangesOf(a).union(rangesOf(b))).toThrow(UnitsAlreadyHeld);
          if (missing) expect(() => rangesOf(a).subtract(rangesOf(b))).toThrow(UnitsNotHeld);
        }),
      );
    });

    it('takeLowest takes the n lowest units and leaves the rest', () => {
      const withCount = unitSet.chain((units) =>
        fc.integer({ min: 0, max: units.length }).map((n) => [units, n] as const),
      );
      fc.assert(
        fc.property(withCount, ([units, n]) => {
          const original = rangesOf(units);
          const { taken, rest } = original.takeLowest(n);
          expect(unitsOf(taken)).toEqual(sorted(units).slice(0, n));
          expect(taken.size).toBe(n);
          expect(taken.union(rest).equals(original)).toBe(true);
          expect(taken.overlaps(rest)).toBe(false);
        }),
      );
    });
  });
});
