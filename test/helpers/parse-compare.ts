/** Comparing the fast YAML parser with the complete one: values, positions, and the locator. */
import { expect } from 'vitest';
import { spanAt, type NodePos, type Path } from '../../src/load/positions.js';
import { locateYamlFast, parseYamlFast } from '../../src/load/yaml-fast.js';
import { parseYamlPrecise } from '../../src/load/yaml-precise.js';

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
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
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

function expectSameTree(fast: unknown, precise: unknown, what: string): void {
  const difference = firstDifference(fast, precise);
  if (difference) throw new Error(`${what} differ (fast vs complete) at ${difference}`);
}

export function expectSameAsPrecise(text: string): boolean {
  const fast = parseYamlFast(text, true);
  if (!fast) return false;
  const precise = parseYamlPrecise(text, true);
  expect(precise.errors).toEqual([]);
  expectSameTree(fast.map((d) => d.value), precise.documents.map((d) => d.value), 'values');
  expectSameTree(fast.map((d) => comparablePositions(d.positions)), precise.documents.map((d) => comparablePositions(d.positions)), 'positions');
  expectSameTree(fast.map((d) => d.span), precise.documents.map((d) => d.span), 'document spans');
  // without positions the values are the same too
  expect(parseYamlFast(text, false)!.map((d) => d.value)).toEqual(fast.map((d) => d.value));
  return true;
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
 * exactly the span that the document's full positions give. Returns the documents checked.
 */
export function expectLocatorAgrees(text: string): number {
  const documents = parseYamlFast(text, true);
  if (!documents) return 0;
  let checked = 0;
  for (const [index, document] of documents.entries()) {
    if (!document.positions || !document.extent) continue;
    const { start, end } = document.extent;
    const alone = text.slice(start, end);
    for (const path of pathsIn(document.positions)) {
      for (const target of ['key', 'value'] as const) {
        const expected = spanAt(document.positions, path, target)!;
        const found = locateYamlFast(alone, path, target);
        // (compared by hand: an expect() per path would be most of the test's time)
        if (!found || found.start + start !== expected.start || found.end + start !== expected.end) {
          const got = found ? JSON.stringify({ start: found.start + start, end: found.end + start }) : 'gave up';
          throw new Error(`document ${index}, ${JSON.stringify(path)} (${target}): ${got}, expected ${JSON.stringify(expected)}`);
        }
      }
    }
    checked++;
  }
  return checked;
}

