// Injection tokens of the access context.

/** AccessConfig (access-config.ts). */
export const ACCESS_CONFIG = Symbol('ACCESS_CONFIG');
/** Clock (@lib/kernel) for event times, key expiry and request timestamps: an AppClock. */
export const CLOCK = Symbol('CLOCK');
