// Refusals of the webhooks slice, each with a stable code (DESIGN §4).
import { DomainError } from '@lib/kernel';

export class InvalidWebhookUrl extends DomainError {
  readonly code = 'WEBHOOKS.INVALID_URL';
  readonly kind = 'validation' as const;
  constructor(reason: string) {
    super(`Invalid webhook url: ${reason}`);
  }
}

/** The URL resolves to an address deliveries may not reach (SSRF protection). */
export class WebhookTargetNotAllowed extends DomainError {
  readonly code = 'WEBHOOKS.TARGET_NOT_ALLOWED';
  readonly kind = 'validation' as const;
  constructor(reason: string) {
    super(`Webhook target not allowed: ${reason}`);
  }
}

export class InvalidWebhookEvents extends DomainError {
  readonly code = 'WEBHOOKS.INVALID_EVENTS';
  readonly kind = 'validation' as const;
  constructor(reason: string) {
    super(`Invalid webhook events: ${reason}`);
  }
}

export class TooManyWebhooks extends DomainError {
  readonly code = 'WEBHOOKS.LIMIT_REACHED';
  readonly kind = 'rule' as const;
  constructor(limit: number) {
    super(`A company may have at most ${limit} webhooks; delete one first`, { limit });
  }
}

/** Absent, or (R11) another company's: the caller cannot tell which. */
export class WebhookNotFound extends DomainError {
  readonly code = 'WEBHOOKS.NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor() {
    super('Webhook not found');
  }
}
