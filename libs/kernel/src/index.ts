// Public API of @lib/kernel. Test helpers live in @lib/kernel/testing (they use Jest).
export * from './domain-error';
export * from './kernel.errors';
export * from './currency';
export * from './round-half-even';
export * from './decimal-amount';
export * from './money';
export * from './quantity';
export * from './purchase-amount';
export * from './serial-ranges';
export * from './serial-number';
export * from './ids';
export * from './clock';
export * from './decider';
export * from './persistent-map';
export * from './abortable-sleep';
