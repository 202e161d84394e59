/**
 * The fast YAML parser against the complete one, without a test framework (the tests and
 * `npm run fuzz` both use it): values, positions and document spans where the fast parser
 * answers, and its locator against the full positions for every path.
 */
import { spanAt, type NodePos, type Path } from '../src/load/positions.js';
import { locateYamlFast, parseYamlFast } from '../src/load/yaml-fast.js';
import { parseYamlPrecise } from '../src/load/yaml-precise.js';

/** Both trees as plain data (an empty value is where its `key:` or `-` ends: collections end there too). */
function comparablePositions(pos: NodePos | undefined): unknown {
  if (!pos) return undefined;
  if (pos.kind === 'scalar') return pos.empty ? ['empty', pos.span.start] : [pos.span.start, pos.span.end];
  if (pos.kind === 'seq') return { span: [pos.span.start, pos.span.end], items: pos.items.map(comparablePositions) };
  const entries: Record<string, unknown> = {};
  for (const [key, entry] of pos.entries) entries[key] = { key: [entry.key.start, entry.key.end], value: comparablePositions(entry.value) };
  return { span: [pos.span.start, pos.span.end], entries };
}

/** The first path where two plain trees differ, for readable failures. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * Where the fast parser's answer differs from the complete parser's (undefined when they agree),
 * and whether it answered at all.
 */
export function fastParserDifference(text: string): { answered: boolean; difference?: string } {
  const fast = parseYamlFast(text, true);
  if (!fast) return { answered: false };
  const precise = parseYamlPrecise(text, true);
  if (precise.errors.length > 0) return { answered: true, difference: `the complete parser fails: ${precise.errors[0]!.message}` };
  const compare = (what: string, a: unknown, b: unknown) => {
    const difference = firstDifference(a, b);
    return difference ? `${what} differ (fast vs complete) at ${difference}` : undefined;
  };
  const difference =
    compare('values', fast.map((d) => d.value), precise.documents.map((d) => d.value)) ??
    compare('positions', fast.map((d) => comparablePositions(d.positions)), precise.documents.map((d) => comparablePositions(d.positions))) ??
    compare('document spans', fast.map((d) => d.span), precise.documents.map((d) => d.span)) ??
    // without positions the values are the same too
    compare('values without positions', parseYamlFast(text, false)?.map((d) => d.value), fast.map((d) => d.value));
  return difference ? { answered: true, difference } : { answered: true };
}

/** Every path in a positions tree, and one past each end (a missing key, an item too far, a field of a scalar). */
function pathsIn(pos: NodePos, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (pos.kind === 'map') {
    for (const [key, entry] of pos.entries) paths.push(...pathsIn(entry.value, [...prefix, key]));
    paths.push([...prefix, 'no-such-key'], [...prefix, 0]);
  } else if (pos.kind === 'seq') {
    pos.items.forEach((item, i) => paths.push(...pathsIn(item, [...prefix, i])));
    paths.push([...prefix, pos.items.length], [...prefix, 'name']);
  } else {
    paths.push([...prefix, 'name', 0]);
  }
  return paths;
}

/**
 * The locator, which parses only along a path, must find for every path of every document
 * exactly the span that the document's full positions give: the first path where it does not,
 * and how many documents were checked.
 */
export function locatorDifference(text: string): { checked: number; difference?: string } {
  const documents = parseYamlFast(text, true);
  if (!documents) return { checked: 0 };
  let checked = 0;
  for (const [index, document] of documents.entries()) {
    if (!document.positions || !document.extent) continue;
    const { start, end } = document.extent;
    const alone = text.slice(start, end);
    for (const path of pathsIn(document.positions)) {
      for (const target of ['key', 'value'] as const) {
        const expected = spanAt(document.positions, path, target)!;
        const found = locateYamlFast(alone, path, target);
        if (!found || found.start + start !== expected.start || found.end + start !== expected.end) {
          const got = found ? JSON.stringify({ start: found.start + start, end: found.end + start }) : 'gave up';
          return { checked, difference: `document ${index}, ${JSON.stringify(path)} (${target}): ${got}, expected ${JSON.stringify(expected)}` };
        }
      }
    }
    checked++;
  }
  return { checked };
}
