/**
 * Template placeholders in manifests that are filled in before they are applied: envsubst's
 * `${VAR}` and `${VAR:-default}`, Go/Helm/Jinja's `{{ .Values.x }}` and `{{VAR}}`. A value
 * with a default is judged by its default, as envsubst would write it; any other placeholder is
 * unknown, and no finding may rest on it (see `isPlaceholder`).
 */
import type { Path } from '../load/positions.js';
import { resolvePlainScalar } from '../load/scalars.js';
import { asList, asMap, isPlaceholder } from './values.js';

/** `${NAME:-default}`, `${NAME-default}`, `${NAME:=default}`, `${NAME=default}` (POSIX shell, envsubst). */
const WITH_DEFAULT = /\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=]([^}]*)\}/g;

/** Whether a file's text may hold placeholders (so its values are worth a look). */
export function mayHavePlaceholders(text: string): boolean {
  return text.includes('${') || text.includes('{{');
}

/**
 * The value with every `${VAR:-default}` replaced by its default, in place (the parsed values are
 * the model's own). A string that was nothing but such a placeholder is read again as YAML reads
 * a plain scalar (`${PORT:-8080}` becomes the number 8080), as envsubst's output would be when
 * the placeholder is not quoted; whether it was is not known here, so the JSON pointers of those
 * values go into `typeUnknown` (no finding may rest on their type).
 */
export function fillPlaceholderDefaults(value: unknown, typeUnknown: Set<string>, pointer = ''): unknown {
  if (typeof value === 'string') {
    if (!value.includes('${')) return value;
    const whole = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=]([^}]*)\}$/.exec(value);
    if (!whole) return value.replace(WITH_DEFAULT, (_, fallback: string) => fallback);
    typeUnknown.add(pointer);
    return resolvePlainScalar(whole[1]!);
  }
  const list = asList(value) as unknown[] | undefined;
  if (list) {
    for (let i = 0; i < list.length; i++) list[i] = fillPlaceholderDefaults(list[i], typeUnknown, `${pointer}/${i}`);
    return list;
  }
  const map = asMap(value) as Record<string, unknown> | undefined;
  if (map) for (const key in map) map[key] = fillPlaceholderDefaults(map[key], typeUnknown, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  return value;
}

/** Whether a finding at `path` (its value, or its key) would rest on a placeholder. */
export function restsOnPlaceholder(document: unknown, path: Path, target: 'key' | 'value'): boolean {
  let value = document;
  for (const segment of path) {
    value = typeof segment === 'number' ? asList(value)?.[segment] : asMap(value)?.[segment];
    if (value === undefined) return false;
  }
  if (target === 'key') {
    const key = path[path.length - 1];
    return typeof key === 'string' && isPlaceholder(key);
  }
  return typeof value === 'string' && isPlaceholder(value);
}
