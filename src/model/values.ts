/**
 * Reading untrusted parsed values: a manifest may hold anything at any field (`ports: {}`,
 * `metadata: []`), so the model reads through these and treats a wrong shape as absent.
 * Wrong shapes are reported by the schema and syntax rules, never thrown.
 */

import { newMapping, setKey } from '../load/values.js';

export type PlainMap = Readonly<Record<string, unknown>>;

export function asMap(value: unknown): PlainMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as PlainMap) : undefined;
}

export function asList(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A field path inside a value, tolerant of any shape on the way. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') current = asList(current)?.[segment];
    else current = asMap(current)?.[segment];
    if (current === undefined) return undefined;
  }
  return current;
}

/** No labels: as prototype-less as parsed mappings, so `NO_LABELS[key]` finds nothing for any key. */
export const NO_LABELS: Readonly<Record<string, string>> = Object.freeze(newMapping()) as Readonly<Record<string, string>>;

/**
 * A label map (labels, Service selectors, matchLabels). Scalar values that are not strings
 * (`enabled: true`) are kept in their text form so matching still works; the schema rule
 * reports them.
 */
export function asLabelMap(value: unknown): Readonly<Record<string, string>> | undefined {
  const map = asMap(value);
  if (!map) return undefined;
  // nearly always all strings: the parsed map itself then serves (no copy per object)
  let allStrings = true;
  for (const key in map) {
    if (typeof map[key] !== 'string') {
      allStrings = false;
      break;
    }
  }
  if (allStrings) return map as Readonly<Record<string, string>>;
  const labels = newMapping() as Record<string, string>;
  for (const [key, label] of Object.entries(map)) {
    if (typeof label === 'string') setKey(labels, key, label);
    else if (typeof label === 'number' || typeof label === 'boolean') setKey(labels, key, String(label));
    else if (label === null) setKey(labels, key, '');
  }
  return labels;
}

/** An upper-case token that a script replaces (`REPLACEME-stable`, `APP_NAME-svc`). */
const SCRIPT_TOKEN = /(?:^|[^A-Za-z0-9_])[A-Z][A-Z0-9_]{3,}(?:$|[^a-z0-9_])/;

/**
 * A value a template fills in later — `${VAR}` (envsubst), `{{ .Values.x }}` (Go, Helm, Jinja),
 * `$(VAR)`, `<% %>`, `%{ }`, or an upper-case token a script replaces (`REPLACEME`): unknown, not
 * wrong, so no syntax check may judge it.
 */
export function isPlaceholder(value: string): boolean {
  for (let i = value.indexOf('{'); i !== -1; i = value.indexOf('{', i + 1)) {
    const before = value.charCodeAt(i - 1);
    if (before === 36 /* $ */ || before === 37 /* % */ || value.charCodeAt(i + 1) === 123 /* { */) return true;
  }
  return value.includes('$(') || value.includes('<%') || SCRIPT_TOKEN.test(value);
}
