import {
  DOMAIN_ERROR_CODE_PATTERN,
  DomainError,
  DomainErrorKind,
  httpStatusForKind,
  isDomainError,
} from './domain-error';
import {
  CurrencyMismatch,
  InvalidMoney,
  InvalidQuantity,
  InvalidSerial,
  InvalidSerialRange,
  NotEnoughUnits,
  UnitsAlreadyHeld,
  UnitsNotHeld,
} from './kernel.errors';

class ExampleRefusal extends DomainError {
  readonly code = 'REGISTRY.EXAMPLE_REFUSAL';
  readonly kind = 'conflict' as const;
}

describe('DomainError', () => {
  it('carries code, kind, message, details and the subclass name', () => {
    const error = new ExampleRefusal('Batch is closed', { batchId: 'b-1' });

    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
    expect(error.name).toBe('ExampleRefusal');
    expect(error.httpStatus).toBe(409);
    expect(error.toJSON()).toEqual({
      code: 'REGISTRY.EXAMPLE_REFUSAL',
      message: 'Batch is closed',
      details: { batchId: 'b-1' },
    });
  });

  it('leaves details out of the body when there are none', () => {
    expect(new ExampleRefusal('No details').toJSON()).toEqual({
      code: 'REGISTRY.EXAMPLE_REFUSAL',
      message: 'No details',
    });
  });

  it('is not confused with plain errors', () => {
    expect(isDomainError(new Error('boom'))).toBe(false);
    expect(isDomainError({ code: 'MONEY.INVALID', kind: 'validation' })).toBe(false);
  });

  it.each<[DomainErrorKind, number]>([
    ['validation', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['rule', 422],
    ['rate_limited', 429],
  ])('maps kind %s to HTTP %i', (kind, status) => {
    expect(httpStatusForKind(kind)).toBe(status);
  });

  it('gives every kernel refusal a CONTEXT.REASON code and a kind', () => {
    const errors: DomainError[] = [
      new CurrencyMismatch('USD', 'EUR'),
      new InvalidMoney('bad'),
      new InvalidQuantity('quantityKg', -1),
      new InvalidSerial('bad'),
      new InvalidSerialRange('bad'),
      new NotEnoughUnits(5, 3),
      new UnitsNotHeld('1..2'),
      new UnitsAlreadyHeld('1..2'),
    ];
    const codes = errors.map((e) => e.code);

    for (const error of errors) {
      expect(error.code).toMatch(DOMAIN_ERROR_CODE_PATTERN);
      expect([400, 409, 422]).toContain(error.httpStatus);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('rejects codes that are not CONTEXT.REASON', () => {
    for (const bad of ['INSUFFICIENT_UNITS', 'registry.insufficient', 'REGISTRY.', 'A.B.C', 'REGISTRY.BAD-CODE']) {
      expect(bad).not.toMatch(DOMAIN_ERROR_CODE_PATTERN);
    }
  });
});
