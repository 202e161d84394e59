/** Helpers for building plain values from parsed text. */

/**
 * The prototype of every parsed mapping: empty, and with no prototype of its own. A manifest's
 * keys are arbitrary text, so a lookup such as `labels[key]` must find only what the manifest
 * wrote: with Object.prototype behind the mapping, `labels['toString']` would find a function
 * (and `kind: constructor` a constructor). Objects made with a prototype, unlike
 * `Object.create(null)`, keep V8's fast property layout.
 */
const NO_MEMBERS: object = Object.freeze(Object.create(null) as object);

/** A new empty mapping for parsed values (see NO_MEMBERS). */
export function newMapping(): Record<string, unknown> {
  return Object.create(NO_MEMBERS) as Record<string, unknown>;
}

/** Sets an own property, also for the key `__proto__` (which plain assignment would not on an ordinary object). */
export function setKey(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}
