/**
 * The fast YAML parser must give exactly what the complete parser gives, values and
 * positions, on every document it accepts; here on the shared corpora, the fixtures and
 * hand-picked edge cases.
 */
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, test } from 'vitest';
import { generateCorpus } from '../bench/generate.js';
import { spanAt, type NodePos, type Path } from '../src/load/positions.js';
import { locateYamlFast, parseYamlFast } from '../src/load/yaml-fast.js';
import { parseYamlPrecise } from '../src/load/yaml-precise.js';

/** Both trees, compared with spans of empty values ignored (they locate through their key). */
function comparablePositions(pos: NodePos | undefined): unknown {
  if (!pos) return undefined;
  if (pos.kind === 'scalar') return pos.empty ? 'empty' : [pos.span.start, pos.span.end];
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

const corpusFiles = fg.sync(['../shared/corpora/**/*.{yaml,yml}', 'fixtures/**/*.{yaml,yml}', 'examples/**/*.{yaml,yml}'], { dot: false });

describe('fast YAML parser agrees with the complete parser', () => {
  test('on the shared corpora and fixtures', () => {
    let accepted = 0;
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (const file of corpusFiles) {
      let text: string;
      try {
        text = utf8.decode(readFileSync(file)).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
      } catch {
        continue; // not UTF-8 (the binary and UTF-16 fixtures): not YAML text to compare
      }
      if (text.includes('\0')) continue;
      try {
        if (expectSameAsPrecise(text)) accepted++;
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).message}`);
      }
    }
    // The fast path must carry most real files, or it buys nothing.
    expect(accepted / corpusFiles.length).toBeGreaterThan(0.8);
  });

  const edgeCases: Record<string, string> = {
    'empty stream': '',
    'comments only': '# a\n# b\n',
    'lone marker': '---\n',
    'two empty documents': '---\n---\n',
    'document then marker': 'a: 1\n---\n',
    'end marker': '---\na: 1\n...\n---\nb: 2\n',
    'comment-only document': '---\n# c\n---\nb: 1\n',
    'YAML 1.1 scalars': 'a: yes\nb: off\nc: 0777\nd: 0x1F\ne: 1_000\nf: 1e3\ng: .5\nh: ~\ni: Null\nj: 08\nk: +12\nl: -0b101\nm: 1:20\nn: .inf\no: 2024-01-01\np: y\nq: "yes"\n',
    'keys typed then stringified': '80: a\ntrue: b\n~: c\n"q": d\n\'s\': e\n',
    'sequences at mapping indent': 'a:\n- x\n- y\nb: 1\n',
    'compact mappings in sequences': 'c:\n  - name: a\n    ports:\n    - 80\n    env: x\n  -   name: b\n      image: c\n',
    'empty values': 'a:\nb:\n  -\n  - x\nc: # comment\nd: 1\n',
    'quoted scalars': 'a: "x\\ty\\u00e9\\"" # c\nb: \'it\'\'s\'\nc: ""\nd: \'\'\n',
    'block scalars': 'a: |\n  l1\n\n  l2\n\n\nb: |-\n  z\nc: >\n  f\n  g\n\n  h\nd: >-\n  x\ne: |\n  last',
    'block scalar with a comment-like line': 'a: |\n  #!/bin/sh\n  echo hi # not a comment\nb: 1\n',
    'empty block scalar': 'a: |\nb: 1\n',
    'flow collections': 'a: []\nb: {}\nc: [x, "y", 1, true]\nd: {k: v, "q": 2}\ne: [[1, 2], {a: b}]\nf: {"json":"style","n":1}\n',
    'comments everywhere': '# head\na: 1 # tail\n  # indented comment\nb:\n  # inside\n  c: 2\n',
    'plain scalars with colons and hashes': 'a: http://x:80/p#frag\nb: a:b\nc: x#y\n',
    'deeply nested': 'a:\n  b:\n    c:\n      - d:\n          e: [1]\n',
    'windows-less trailing spaces': 'a: x   \nb: "y"   \n',
    'sequence of sequences via block': 'a:\n-\n  - 1\n  - 2\n',
    'proto key': '__proto__: x\nconstructor: y\n',
  };
  for (const [name, text] of Object.entries(edgeCases)) {
    test(name, () => {
      expect(expectSameAsPrecise(text)).toBe(true);
    });
  }

  describe('locating one path agrees with the full positions', () => {
    test('on the shared corpora and fixtures', () => {
      let checked = 0;
      for (const file of corpusFiles) {
        const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
        try {
          checked += expectLocatorAgrees(text);
        } catch (error) {
          throw new Error(`${file}: ${(error as Error).message}`);
        }
      }
      expect(checked).toBeGreaterThan(500);
    });

    test('on a generated corpus', () => {
      const corpus = generateCorpus({ apps: 150, seed: 11 });
      const checked = corpus.files.reduce((sum, file) => sum + expectLocatorAgrees(file.text), 0);
      expect(checked).toBeGreaterThan(300);
    });

    for (const [name, text] of Object.entries(edgeCases)) {
      test(name, () => {
        expectLocatorAgrees(text);
      });
    }
  });

  const givesUp: Record<string, string> = {
    anchors: 'a: &x 1\nb: *x\n',
    tags: 'a: !!str 1\n',
    'multi-line plain': 'a: one\n  two\n',
    'multi-line quoted': 'a: "one\n  two"\n',
    'duplicate keys': 'a: 1\na: 2\n',
    'nested mapping on one line': 'a: b: c\n',
    'merge keys': 'a: {x: 1}\nb:\n  <<: {y: 2}\n',
    'tab indentation': 'a:\n\tb: 1\n',
    directive: '%YAML 1.1\n---\na: 1\n',
    'multi-line flow': 'a: [1,\n  2]\n',
    'keep chomping': 'a: |+\n  x\n\n',
    'more-indented folded lines': 'a: >\n  x\n    y\n',
    'bad indentation': 'a: 1\n  b: 2\n',
  };
  for (const [name, text] of Object.entries(givesUp)) {
    test(`gives up on ${name}`, () => {
      expect(parseYamlFast(text, false)).toBeUndefined();
    });
  }
});
