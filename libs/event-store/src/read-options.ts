// Checks shared by every adapter's reads, so they refuse the same arguments the same way.

/** `maxCount` of readStream: absent (every event) or a positive safe integer. */
export function assertMaxCount(maxCount: number | undefined): void {
  if (maxCount === undefined) return;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1) throw new RangeError(`maxCount must be a positive integer, got ${maxCount}`);
}
