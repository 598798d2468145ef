import fc from 'fast-check';
import { deterministicId, isUuid, newId, REGISTRY_ID_NAMESPACE, uuidV7TimeMs } from './ids';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
const OID_NAMESPACE = '6ba7b812-9dad-11d1-80b4-00c04fd430c8';

describe('newId (UUID v7)', () => {
  it('has the v7 version and the RFC 9562 variant', () => {
    for (let i = 0; i < 100; i += 1) {
      const id = newId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuid(id)).toBe(true);
    }
  });

  it('stores the creation time in milliseconds', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(uuidV7TimeMs(id)).toBeGreaterThanOrEqual(before);
    expect(uuidV7TimeMs(id)).toBeLessThanOrEqual(after);
  });

  it('sorts in creation order and never repeats, even within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (let i = 1; i < ids.length; i += 1) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps counting up when the system clock steps back', () => {
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(4_102_444_800_000); // 2100-01-01: later than any id made so far
      const first = [newId(), newId()];
      now.mockReturnValue(4_102_444_799_000); // one second earlier
      const afterStepBack = [newId(), newId()];
      const ids = [...first, ...afterStepBack];
      for (let i = 1; i < ids.length; i += 1) expect(ids[i] > ids[i - 1]).toBe(true);
      expect(ids.map(uuidV7TimeMs)).toEqual(Array(4).fill(4_102_444_800_000));
    } finally {
      now.mockRestore();
    }
  });

  it('refuses to read a time from a non-v7 id', () => {
    expect(() => uuidV7TimeMs(deterministicId(DNS_NAMESPACE, 'x'))).toThrow(TypeError);
    expect(() => uuidV7TimeMs('not-a-uuid')).toThrow(TypeError);
  });
});

describe('deterministicId (UUID v5)', () => {
  // Vectors from RFC 9562 appendix A.4 and Python's uuid.uuid5.
  it.each<[string, string, string]>([
    [DNS_NAMESPACE, 'www.example.com', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    [DNS_NAMESPACE, 'python.org', '886313e1-3b8a-5372-9b90-0c9aee199e5d'],
    [URL_NAMESPACE, 'https://www.rfc-editor.org/rfc/rfc9562', '3349c653-56d8-5f05-8876-e348e193dc56'],
    [OID_NAMESPACE, '1.3.6.1', '1447fa61-5277-5fef-a9b3-fbc6e44f4af3'],
    [DNS_NAMESPACE, 'ünïcode.example', '3d837e74-1721-52e6-ad1a-012927263205'],
  ])('v5(%s, %p) = %s', (namespace, name, expected) => {
    expect(deterministicId(namespace, name)).toBe(expected);
  });

  it('accepts an upper-case namespace', () => {
    expect(deterministicId(DNS_NAMESPACE.toUpperCase(), 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('derives the registry root namespace from the URL namespace', () => {
    expect(deterministicId(URL_NAMESPACE, 'urn:rcc-registry:ids')).toBe(REGISTRY_ID_NAMESPACE);
  });

  it('turns a plain-text namespace into a UUID under the registry namespace', () => {
    const purchaseId = '4f1c2d3e-0000-7000-8000-000000000001';
    expect(deterministicId('site-funds-proceeds', purchaseId)).toBe('6ac1b411-8d9c-547d-b24b-f929331f4a3a');
    expect(deterministicId('site-funds-proceeds', purchaseId)).toBe(
      deterministicId(deterministicId(REGISTRY_ID_NAMESPACE, 'site-funds-proceeds'), purchaseId),
    );
  });

  it('is stable, versioned 5, and separates namespaces and names', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (namespace, name, otherName) => {
        const id = deterministicId(namespace, name);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(deterministicId(namespace, name)).toBe(id);
        if (otherName !== name) expect(deterministicId(namespace, otherName)).not.toBe(id);
      }),
    );
  });
});

describe('isUuid', () => {
  it.each([
    ['2ed6657d-e927-568b-95e1-2665a8aea6a2', true],
    ['2ED6657D-E927-568B-95E1-2665A8AEA6A2', true],
    ['00000000-0000-0000-0000-000000000000', true],
    ['2ed6657de927568b95e12665a8aea6a2', false],
    ['{2ed6657d-e927-568b-95e1-2665a8aea6a2}', false],
    ['2ed6657d-e927-568b-95e1-2665a8aea6a2 ', false],
    ['2ed6657d-e927-568b-95e1-2665a8aea6ag', false],
    ['', false],
    [42, false],
  ])('%p → %p', (text, expected) => {
    expect(isUuid(text)).toBe(expected);
  });
});
