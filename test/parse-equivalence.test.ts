/**
 * The fast YAML parser must give exactly what the complete parser gives, values and
 * positions, on every document it accepts; here on the shared corpora, the fixtures and
 * hand-picked edge cases.
 */
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import { describe, expect, test } from 'vitest';
import { generateCorpus } from '../bench/generate.js';
import { parseYamlFast } from '../src/load/yaml-fast.js';
import { expectLocatorAgrees, expectSameAsPrecise } from './helpers/parse-compare.js';

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
    'keys typed then stringified': '80: a\ntrue: b\n1e6: c\n"q": d\n\'s\': e\n0x10: f\n',
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
