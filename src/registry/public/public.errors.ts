// Refusals of the public routes, each with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

/** No batch with that site, vintage and number, or a unit beyond the batch. */
export class SerialNotFound extends DomainError {
  readonly code = 'REGISTRY.SERIAL_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(serial: string) {
    super('No unit has this serial number', { serial });
  }
}

export class InvalidCertificateNo extends DomainError {
  readonly code = 'REGISTRY.INVALID_CERTIFICATE_NO';
  readonly kind = 'validation' as const;
  constructor() {
    super('A certificate number looks like RCC-RET-KAM-2023-0001-00001');
  }
}

export class CertificateNotFound extends DomainError {
  readonly code = 'REGISTRY.CERTIFICATE_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(certificateNo: string) {
    super('No retirement has this certificate number', { certificateNo });
  }
}
