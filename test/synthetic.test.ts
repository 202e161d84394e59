/**
 * A generated corpus with seeded defects: every defect is found on the right object and line,
 * and nothing else is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generateCorpus, writeCorpus } from '../bench/generate.js';
import { lintJson } from './helpers/cli.js';

const directory = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-synthetic-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

test('every seeded defect is reported where it was seeded, and nothing else', async () => {
  const corpus = generateCorpus({ apps: 600, seed: 7 });
  writeCorpus(directory, corpus);
  const kinds = new Set(corpus.defects.map((d) => d.kind));
  expect(kinds.size, 'every kind of defect is seeded').toBe(7);
  expect(corpus.defects.length / 600).toBeGreaterThan(0.05);

  const { results } = await lintJson([directory], { cwd: directory });
  const found = results.flatMap((r) =>
    r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.object?.kind}/${m.object?.namespace}/${m.object?.name}`),
  );
  const seeded = corpus.defects.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.object.kind}/${d.object.namespace}/${d.object.name}`);
  expect(found.sort()).toEqual(seeded.sort());
});
