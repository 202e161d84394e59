/**
 * Property: whatever value sits at whatever field, the linter neither throws nor crashes. Objects
 * from the shared corpora and the fixtures get values at random paths replaced by values of
 * every other shape; the run must end with exit 0 or 1 and JSON output that parses. Fixed
 * seed, bounded runs (it is part of .ci/run).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { stringify } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { describeFailure, fuzz } from '../scripts/fuzz.js';
import { parseText } from '../src/load/parse.js';
import { runCli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Value = unknown;

/** Kubernetes objects from the corpora and fixtures to mutate. */
const seeds: Record<string, Value>[] = fg
  .sync(['../shared/corpora/**/*.{yaml,yml}', 'fixtures/**/*.{yaml,yml}'], { onlyFiles: true })
  .sort()
  .flatMap((file) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
    } catch {
      return [];
    }
    return parseText(text.replace(/\r\n/g, '\n'), 'yaml', false).documents.map((d) => d.value);
  })
  .filter((v): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v);

/** Every path in a value, containers included. */
function pathsOf(value: Value, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}

function replaceAt(value: Value, at: (string | number)[], replacement: Value): Value {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at;
  const copy: Record<string | number, Value> = Array.isArray(value) ? [...value] : { ...(value as Record<string, Value>) };
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

/** Values of every shape, including the shapes Kubernetes fields never have. */
const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 80, 65536, 1.5, 1e21, '', 'x', '80', 'TCP', 'None', 'app=x', '{{ .Values.x }}', '$(VAR)'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null, 1, 'a', {}]),
  fc.constant({ a: { b: [1, 'c'] } }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

const mutation = fc
  .record({
    seeds: fc.array(fc.nat({ max: seeds.length - 1 }), { minLength: 1, maxLength: 4 }),
    edits: fc.array(fc.record({ which: fc.nat(), where: fc.nat(), value: anyValue }), { minLength: 1, maxLength: 4 }),
    json: fc.boolean(),
  })
  .map(({ seeds: picked, edits, json }) => {
    const objects = picked.map((i) => seeds[i]!) as Value[];
    for (const edit of edits) {
      const index = edit.which % objects.length;
      const paths = pathsOf(objects[index]);
      objects[index] = replaceAt(objects[index], paths[edit.where % paths.length]!, edit.value);
    }
    return { objects, json };
  });

test('no exception, JSON output that parses, exit 0 or 1', { timeout: 120_000 }, async () => {
  expect(seeds.length).toBeGreaterThan(100);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(mutation, async ({ objects, json }) => {
      const file = path.join(tmp, `case-${run++}.${json ? 'json' : 'yaml'}`);
      writeFileSync(file, json ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }) : objects.map((o) => stringify(o)).join('---\n'));
      const result = await runCli(['lint', '-f', 'json', file]);
      expect(result.stderr).not.toContain('internal error');
      expect([0, 1]).toContain(result.code);
      expect(() => JSON.parse(result.stdout)).not.toThrow();
    }),
    { seed: 20261121, numRuns: 300 },
  );
});

describe('the mutation campaign (npm run fuzz)', () => {
  test('finds nothing wrong in a fixed sample of cases', { timeout: 300_000 }, async () => {
    const { cases, failures } = await fuzz({ runs: 40, seed: 20261130 });
    expect(failures.map(describeFailure)).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(40);
  });

  test('shrinks a failing case to a minimal reproduction and prints it', { timeout: 300_000 }, async () => {
    const lines: string[] = [];
    const { failures } = await fuzz({
      runs: 200,
      seed: 7,
      log: (line) => lines.push(line),
      // a planted defect: any tab
      check: async (text) => {
        if (text.includes('\t')) throw new Error('planted: a tab');
      },
    });
    expect(failures).toHaveLength(1);
    expect(failures[0]!.check).toBe('planted: a tab');
    // shrunk: one seed and the one edit that matters
    expect(failures[0]!.text.length).toBeLessThan(2000);
    expect(lines.join('\n')).toContain('✗ planted: a tab');
    expect(lines.join('\n')).toContain('minimal reproduction');
  });
});
