/** Validator modules load the same with their code cache, with a foreign one, and without one. */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadWithCodeCache } from '../src/util/code-cache.js';

const built = path.resolve('dist/validators/core_v1.cjs');
const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: '80' }] } };

function verdict(file: string): unknown {
  const validate = loadWithCodeCache(file)['Service'] as ((value: unknown) => boolean) & { errors?: unknown };
  return [validate(service), validate.errors];
}

test('with the built cache, a cache V8 rejects, and no cache: the same verdicts', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-cache-'));
  const foreign = path.join(folder, 'foreign.cjs');
  copyFileSync(built, foreign);
  writeFileSync(`${foreign}.cache`, Buffer.from('not a code cache'));
  const uncached = path.join(folder, 'uncached.cjs');
  copyFileSync(built, uncached);
  const expected = verdict(built);
  expect((expected as [boolean])[0]).toBe(false); // port "80" is a string
  expect(verdict(foreign)).toEqual(expected);
  expect(verdict(uncached)).toEqual(expected);
});
