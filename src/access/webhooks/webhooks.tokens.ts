// Injection tokens of the webhooks slice.

/** WebhooksConfig (webhooks-config.ts). */
export const WEBHOOKS_CONFIG = Symbol('WEBHOOKS_CONFIG');
