/**
 * The quick schema check must answer exactly as the ajv validators do: on every object of the
 * corpora and fixtures, on a generated corpus, and on those objects changed at random
 * (a field replaced by any value, removed, or a field added).
 */
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateCorpus } from '../bench/generate.js';
import { parseText } from '../src/load/parse.js';
import { conforms } from '../src/schema/conformance.js';
import { allowedFields } from '../src/schema/fields.js';
import { validatorFor } from '../src/schema/validators.js';

type Manifest = Record<string, unknown> & { apiVersion: string; kind: string };

function isBuiltIn(value: unknown): value is Manifest {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return typeof apiVersion === 'string' && typeof kind === 'string' && validatorFor(apiVersion, kind) !== undefined;
}

function manifestsIn(text: string, format: 'yaml' | 'json'): Manifest[] {
  return parseText(text, format, false).documents.map((d) => d.value).filter(isBuiltIn);
}

/** ajv's verdict and the quick check's, which must be the same. */
function verdicts(object: Manifest): [boolean | undefined, boolean] {
  return [conforms(object.apiVersion, object.kind, object), validatorFor(object.apiVersion, object.kind)!(object)];
}

const files = fg.sync(['../shared/corpora/**/*.{yaml,yml,json}', 'fixtures/**/*.{yaml,yml,json}', 'examples/**/*.{yaml,yml,json}']);
const realObjects = files.flatMap((file) => {
  try {
    return manifestsIn(readFileSync(file, 'utf8'), file.endsWith('.json') ? 'json' : 'yaml');
  } catch {
    return [];
  }
});
const generatedObjects = generateCorpus({ apps: 40, seed: 5 }).files.flatMap((file) => manifestsIn(file.text, 'yaml'));

describe('the quick schema check agrees with ajv', () => {
  test('on every built-in object of the corpora and fixtures', () => {
    const answers = { valid: 0, invalid: 0 };
    for (const object of realObjects) {
      const [quick, ajv] = verdicts(object);
      expect(quick, `${object.kind} ${JSON.stringify(object).slice(0, 200)}`).toBe(ajv);
      answers[ajv ? 'valid' : 'invalid']++;
    }
    expect(answers.valid).toBeGreaterThan(300);
    expect(answers.invalid).toBeGreaterThan(20);
  });

  test('on a generated corpus', () => {
    for (const object of generatedObjects) expect(verdicts(object)[0]).toBe(verdicts(object)[1]);
  });

  test('on objects changed at random', () => {
    const objects = [...realObjects.filter((o) => verdicts(o)[1]), ...generatedObjects];
    const anyValue = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('TCP', 'UDP', 'ClusterIP', 'NodePort', 'In', 'Exists', 'apps/v1', 'v1', 'Always', ''),
      fc.integer(),
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0),
      fc.boolean(),
      fc.constant(null),
      fc.constant({}),
      fc.constant([]),
      fc.dictionary(fc.constantFrom('name', 'port', 'x', 'key', 'value'), fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)), { maxKeys: 2 }),
      fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant({})), { maxLength: 2 }),
    );
    const change = fc.record({
      object: fc.nat({ max: objects.length - 1 }),
      /** which node to change: an index into the object's nodes in walk order */
      node: fc.nat(),
      action: fc.constantFrom('replace', 'remove', 'add known field', 'add unknown field'),
      value: anyValue,
      pick: fc.nat(),
    });
    const answers = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(change, ({ object: which, node, action, value, pick }) => {
        const object = structuredClone(objects[which]!);
        const nodes = nodesOf(object);
        const [path, target] = nodes[node % nodes.length]!;
        const container = path.length === 0 ? undefined : (nodesOf(object).find(([p]) => same(p, path.slice(0, -1)))![1] as Record<string | number, unknown>);
        const last = path[path.length - 1];
        if (action === 'replace' && container && last !== undefined) container[last] = value;
        else if (action === 'remove' && container && last !== undefined && !Array.isArray(container)) delete container[last];
        else if (target && typeof target === 'object' && !Array.isArray(target)) {
          const known = allowedFields(object.apiVersion, object.kind, path);
          const field = action === 'add known field' && known.length > 0 ? known[pick % known.length]! : `unknownField${pick % 3}`;
          (target as Record<string, unknown>)[field] = value;
        }
        if (!isBuiltIn(object)) return;
        const [quick, ajv] = verdicts(object);
        expect(quick, JSON.stringify(object)).toBe(ajv);
        answers[ajv ? 'valid' : 'invalid']++;
      }),
      { seed: 20261122, numRuns: 4000 },
    );
    // both answers must be common, or the comparison proves little
    expect(answers.valid).toBeGreaterThan(400);
    expect(answers.invalid).toBeGreaterThan(400);
  });
});

type Segment = string | number;

/** Every node of a value with its path, parents before children. */
function nodesOf(value: unknown, path: Segment[] = [], found: [Segment[], unknown][] = []): [Segment[], unknown][] {
  found.push([path, value]);
  if (Array.isArray(value)) value.forEach((item, i) => nodesOf(item, [...path, i], found));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) nodesOf(item, [...path, key], found);
  return found;
}

function same(a: readonly Segment[], b: readonly Segment[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}
