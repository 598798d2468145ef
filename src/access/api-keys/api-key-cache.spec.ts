// The authentication cache trusts a row for the TTL only, never keeps a row that may predate a
// revocation made meanwhile, and remembers recorded uses.
import type { ApiKeyRow } from './api-key.store';
import { ApiKeyCache } from './api-key-cache';

function row(id: string, overrides: Partial<ApiKeyRow> = {}): ApiKeyRow {
  return {
    id,
    role: 'company',
    companyId: 'c-1',
    label: 'test',
    secretSha256: Buffer.alloc(32, 1),
    createdAt: new Date('2026-01-01T00:00:00Z'),
    createdBy: null,
    revokedAt: null,
    expiresAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

describe('ApiKeyCache', () => {
  let nowMs: number;
  let cache: ApiKeyCache;
  beforeEach(() => {
    nowMs = 1_000;
    cache = new ApiKeyCache(2_000, () => nowMs);
  });

  it('Get_WhenReadWithinTheTtl_ThenCachedRow_AfterwardsReadAgain', () => {
    const key = row('k-1');
    cache.put(key, cache.epoch);
    nowMs += 1_999;
    expect(cache.get('k-1')).toBe(key);
    nowMs += 1;
    expect(cache.get('k-1')).toBeUndefined();
    expect(cache.get('k-2')).toBeUndefined();
  });

  it('Put_WhenAKeyWasForgottenSinceTheReadBegan_ThenNotKept', () => {
    const epoch = cache.epoch;
    // A revocation lands while the row is being read: that row may be the unrevoked one.
    cache.forget('k-1');
    cache.put(row('k-1'), epoch);
    expect(cache.get('k-1')).toBeUndefined();
    cache.put(row('k-1', { revokedAt: new Date() }), cache.epoch);
    expect(cache.get('k-1')?.revokedAt).toEqual(expect.any(Date));
  });

  it('Forget_WhenCached_ThenGone', () => {
    cache.put(row('k-1'), cache.epoch);
    cache.forget('k-1');
    expect(cache.get('k-1')).toBeUndefined();
  });

  it('NoteUse_WhenCached_ThenTheRowCarriesTheUse', () => {
    const at = new Date('2026-03-01T10:00:00Z');
    cache.put(row('k-1'), cache.epoch);
    cache.noteUse('k-1', at);
    cache.noteUse('k-absent', at);
    expect(cache.get('k-1')?.lastUsedAt).toEqual(at);
    expect(cache.get('k-absent')).toBeUndefined();
  });

  it('Put_WhenOverCapacity_ThenOldestDropped', () => {
    for (let index = 0; index <= 10_000; index += 1) cache.put(row(`k-${index}`), cache.epoch);
    expect(cache.get('k-0')).toBeUndefined();
    expect(cache.get('k-1')?.id).toBe('k-1');
    expect(cache.get('k-10000')?.id).toBe('k-10000');
  });
});
