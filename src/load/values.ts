/** Helpers for building plain values from parsed text. */

/** Sets an own property, also for the key `__proto__` (which plain assignment would not). */
export function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}
