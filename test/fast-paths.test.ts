/**
 * The fast paths (the fast YAML parser, the positions locator, the quick schema check) must
 * change nothing that is reported: every corpus, the fixtures and a generated corpus give the
 * same output, byte for byte, as with K8S_SVC_LINT_PRECISE=1, which turns them all off.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateCorpus, writeCorpus } from '../bench/generate.js';
import { runCli } from './helpers/cli.js';

const generated = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-fast-paths-'));
afterAll(() => rmSync(generated, { recursive: true, force: true }));
writeCorpus(generated, generateCorpus({ apps: 300, seed: 3 }));

const corpora = readdirSync('../shared/corpora', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => path.join('../shared/corpora', entry.name));
const inputs = [...corpora, 'fixtures', 'examples', generated];

/** Every rule on, the one that is off by default included. */
const ALL_RULES = ['--rule', 'service-backend-no-readiness-probe=warn'];

describe('fast paths report exactly what the precise path reports', () => {
  for (const input of inputs) {
    const name = input === generated ? 'a generated corpus' : input;
    test(name, async () => {
      for (const args of [['-f', 'json', ...ALL_RULES, input], ['resolve', '-f', 'json', input]]) {
        const fast = await runCli(args);
        const precise = await runCli(args, { env: { K8S_SVC_LINT_PRECISE: '1' } });
        expect(fast.stdout.length).toBeGreaterThan(0);
        expect(precise.code).toBe(fast.code);
        expect(precise.stdout).toBe(fast.stdout);
        expect(precise.stderr).toBe(fast.stderr);
      }
    });
  }
});
