/**
 * Text from the manifests reaches terminals, CI logs and files: every string the report layer
 * hands to a formatter goes through `safeText`, so no format can carry a raw control character.
 */

/**
 * C0 controls (newlines and tabs included), DEL, C1 controls, the line and paragraph separators,
 * and the bidirectional marks, embeddings, overrides and isolates ("Trojan Source"): they clear
 * screens, rewrite CI logs, split a problem-matcher line, or make text read differently than
 * it is stored.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

const NAMED: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

function escapeOne(character: string): string {
  return NAMED.get(character) ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character written as an escape (`\r`, `\u001b`, `\u202e`), as JSON writes them. */
export function safeText(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeOne) : text;
}

/** A copy of plain data (a report) with every string made safe, keys included. */
export function safeStrings<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map(safeStrings) as T;
  if (value !== null && typeof value === 'object') {
    const copy = {};
    // (defined, not assigned: a label key "__proto__" stays a key)
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(copy, safeText(key), { value: safeStrings(item), enumerable: true, writable: true, configurable: true });
    }
    return copy as T;
  }
  return value;
}
