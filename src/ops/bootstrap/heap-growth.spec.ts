// HEAP_GROWING_PERCENT: the default bound, V8's own choice with 0, and a clear boot error otherwise.
import { BootError } from './boot-error';
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercent } from './heap-growth';

describe('heapGrowingPercent', () => {
  it('heapGrowingPercent_WhenUnsetOrBlank_ThenTheDefault', () => {
    expect(heapGrowingPercent({})).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '  ' })).toBe(DEFAULT_HEAP_GROWING_PERCENT);
  });

  it('heapGrowingPercent_WhenAnIntegerInRange_ThenThatValue', () => {
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '0' })).toBe(0);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: ' 150 ' })).toBe(150);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '1000' })).toBe(1_000);
  });

  it.each(['-1', '1001', '2.5', 'lots', '1e2x'])('heapGrowingPercent_WhenInvalid_ThenBootErrorNamingTheVariable: %s', (value) => {
    expect(() => heapGrowingPercent({ HEAP_GROWING_PERCENT: value })).toThrow(BootError);
    expect(() => heapGrowingPercent({ HEAP_GROWING_PERCENT: value })).toThrow(/HEAP_GROWING_PERCENT must be an integer from 0 to 1000/);
  });
});
