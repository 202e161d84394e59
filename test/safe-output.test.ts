/**
 * Text from the manifests never reaches a terminal, log or file raw: every rule's bad fixtures
 * are linted again with terminal escapes, carriage returns, DEL, C1 controls and bidi overrides
 * planted in every string they hold (values, label keys, kinds and apiVersions, file names), and
 * no format — lint or resolve — may carry one of those characters; each comes out escaped.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isMap, isPair, isScalar, parseAllDocuments, visit } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LINT_FORMATS } from '../src/format/index.js';
import { RESOLVE_FORMATS } from '../src/format/resolve/index.js';
import { safeText } from '../src/report/safe-text.js';
import { runCli } from './helpers/cli.js';

/** ESC [2J (clear screen), CR, BEL, DEL, C1 CSI, right-to-left override, left-to-right isolate, line separator. */
const PAYLOAD = '\u001b[2J\r\u0007\u007f\u009b\u202e\u2066\u2028';
/** What no output may hold: every C0 control but the newline that ends lines, DEL, C1, bidi controls, separators. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-safe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Regular files below a folder (symbolic links are left as they are). */
function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    return entry.isDirectory() ? files(file) : entry.isFile() ? [file] : [];
  });
}

/** Keys whose values are fixed words (enums, versions): changing them changes what the object is. */
const WORDS = new Set(['protocol', 'type', 'operator', 'restartPolicy', 'imagePullPolicy', 'kind', 'apiVersion', 'scheme', 'policyTypes', 'pathType']);

/**
 * Every string scalar (and label key) gets the payload appended, the same everywhere, so a
 * selector still matches the labels it matched and a reference still names its Service: the
 * findings stay, now quoting the planted values. `words` plants in kinds and apiVersions too.
 */
function plant(text: string, words: boolean): string {
  const documents = parseAllDocuments(text);
  if (documents.some((d) => d.errors.length > 0)) return text;
  for (const document of documents) {
    visit(document, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        const key = String(pair.key.value);
        if (isMap(pair.value) && /^(labels|matchLabels|selector|annotations)$/.test(key)) {
          for (const item of pair.value.items) if (isScalar(item.key) && typeof item.key.value === 'string') item.key.value += PAYLOAD;
        }
        if (!isScalar(pair.value) || typeof pair.value.value !== 'string') return;
        if (WORDS.has(key) !== words) return;
        // suppressions name rules, and the ignore annotation must keep working
        if (key.startsWith('k8s-svc-lint')) return;
        pair.value.value += PAYLOAD;
      },
      Seq(_, seq) {
        for (const item of seq.items) if (isScalar(item) && typeof item.value === 'string' && !words) item.value += PAYLOAD;
      },
    });
  }
  return documents.map((d) => d.toString({ defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 })).join('');
}

function plantTree(name: string, words: boolean): string {
  const root = path.join(tmp, name);
  cpSync('fixtures', root, { recursive: true });
  for (const file of files(root)) {
    if (!/\/bad\/.*\.(ya?ml|json)$/.test(file)) {
      rmSync(file);
      continue;
    }
    writeFileSync(file, plant(readFileSync(file, 'utf8'), words));
  }
  // and in a file name
  const victim = files(root).find((file) => file.endsWith('label-typo.yaml'))!;
  renameSync(victim, victim.replace('label-typo', `label${PAYLOAD}typo`));
  return root;
}

const trees: Record<string, string> = {};
beforeAll(() => {
  trees['values'] = plantTree('values', false);
  trees['words'] = plantTree('words', true);
});

function checkClean(output: string, where: string): void {
  const found = RAW.exec(output);
  expect(found, `${where}: raw U+${found?.[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(output.slice(Math.max(0, (found?.index ?? 0) - 60), (found?.index ?? 0) + 20))}`).toBeNull();
}

describe.each(['values', 'words'])('payload planted in %s', (kind) => {
  test('every lint format and stderr: no raw control character', { timeout: 120_000 }, async () => {
    for (const format of LINT_FORMATS) {
      const run = await runCli(['lint', '-f', format, '.'], { cwd: trees[kind]! });
      expect(run.code, format).toBe(1);
      checkClean(run.stdout, format);
      checkClean(run.stderr, `${format} stderr`);
      expect(run.stdout, format).toContain(safeText(PAYLOAD).slice(0, 6));
    }
  });

  test('every resolve format: no raw control character', async () => {
    for (const format of RESOLVE_FORMATS) {
      const run = await runCli(['resolve', '-f', format, '.'], { cwd: trees[kind]! });
      checkClean(run.stdout, format);
      checkClean(run.stderr, `${format} stderr`);
    }
  });
});

test('the planted values reach the messages of the rules that quote manifest text, escaped', async () => {
  const quoted = new Set<string>();
  for (const kind of ['values', 'words']) {
    const run = await runCli(['lint', '-f', 'json', '.'], { cwd: trees[kind]! });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string; related: { message: string }[] }[] }[];
    for (const m of results.flatMap((r) => r.messages)) {
      if ([m.message, ...m.related.map((r) => r.message)].some((text) => text.includes('\\u001b[2J'))) quoted.add(m.ruleId);
    }
    expect(results.some((r) => r.filePath.includes('label\\u001b[2J\\r\\u0007\\u007f\\u009b\\u202e\\u2066\\u2028typo.yaml'))).toBe(true);
  }
  // every rule whose messages quote a name, label, port name, type or path; (a planted host
  // name or port name in a reference is no longer valid, so those findings become syntax ones;
  // likewise an Ingress backend's name (ingress-invalid) and a NetworkPolicy selector whose
  // labels break the label rules, which then gets label-syntax's finding only)
  expect([...quoted].sort()).toEqual(
    expect.arrayContaining([
      'container-port-invalid',
      'hpa-target-missing',
      'ingress-invalid',
      'label-syntax',
      'manifest-invalid',
      'manifest-schema',
      'pdb-selector-no-match',
      'probe-invalid',
      'probe-port-no-match',
      'restart-policy-invalid',
      'service-ip-invalid',
      'service-node-port-conflict',
      'service-node-port-range',
      'service-port-invalid',
      'service-selector-missing',
      'service-selector-no-match',
      'service-target-port-undeclared',
      'service-type-invalid',
      'statefulset-service-name',
      'workload-selector-mismatch',
    ]),
  );
});

test('gcc: one line per finding, even with line breaks in values and file names', async () => {
  const run = await runCli(['lint', '-f', 'gcc', '.'], { cwd: trees['values']! });
  const lines = run.stdout.trimEnd().split('\n');
  for (const line of lines) expect(line).toMatch(/^.+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$/);
  const json = JSON.parse((await runCli(['lint', '-f', 'json', '.'], { cwd: trees['values']! })).stdout) as { messages: unknown[] }[];
  expect(lines).toHaveLength(json.flatMap((r) => r.messages).length);
});

test('safeText escapes as JSON writes escapes, and leaves other text alone', () => {
  expect(safeText('a\u001b[2Jb\r\n\t\u007f\u0085\u202e\u2066c')).toBe('a\\u001b[2Jb\\r\\n\\t\\u007f\\u0085\\u202e\\u2066c');
  expect(safeText('Service "web" → ✗ ü 日本')).toBe('Service "web" → ✗ ü 日本');
});
