/**
 * The README's limits, each one held: aliases counted before they are expanded, mappings of any
 * size with duplicate keys found, huge one-line flow mappings, stdin's size limit, a stream
 * parsed document by document, findings with thousands of related places, and defects of this
 * tool while building the model contained. The time a test may take is only a hang detector
 * (a hang fails through the time limit); speed is the benchmark's business.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { LIMITS } from '../src/load/document.js';
import { parseText } from '../src/load/parse.js';
import { MAX_FILE_BYTES } from '../src/load/read.js';
import { PodSource } from '../src/model/pod-source.js';
import { MAX_RELATED } from '../src/engine/run.js';
import { lintJson, runCli } from './helpers/cli.js';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n';

describe('aliases', () => {
  test(`are counted before they are expanded: ${LIMITS.aliasNodes} values reached through aliases at most`, { timeout: 120_000 }, async () => {
    // a 400 KB line of 100,001 aliases (minutes before aliases were looked up in a table)
    const over = await lintJson(['-'], { stdin: `${HEAD}data:\n  a: &a v\n  y: [${Array(LIMITS.aliasNodes + 1).fill('*a').join(', ')}]\n` });
    expect(over.results[0]!.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([`yaml-syntax: invalid YAML: aliases expand to more than ${LIMITS.aliasNodes} values`]);
    // an alias of a 999-item list counts 1,000 values: 100 of them are within the limit (data.y is a list, not a string)
    const aliasesOfList = (n: number) => `${HEAD}data:\n  a: &a [${Array(999).fill('x').join(', ')}]\n  y: [${Array(n).fill('*a').join(', ')}]\n`;
    expect((await lintJson(['-'], { stdin: aliasesOfList(99) })).results[0]!.messages.map((m) => m.ruleId)).toEqual(['manifest-schema', 'manifest-schema']);
    expect((await lintJson(['-'], { stdin: aliasesOfList(101) })).results[0]!.messages.map((m) => m.ruleId)).toEqual(['yaml-syntax']);
  });

  test('a billion laughs stops at the limit', () => {
    const lines = [`${HEAD}data:`, '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const parsed = parseText(lines.join('\n'), 'yaml', false);
    expect(parsed.errors.map((e) => e.message)).toEqual([`aliases expand to more than ${LIMITS.aliasNodes} values`]);
  });
});

describe('mappings of any size', () => {
  test('a 40,000-key mapping with an anchor: its duplicate key is found, at its line', { timeout: 120_000 }, async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  k${i}: v${i}`);
    const text = `${HEAD}data:\n  a: &a v\n${keys.join('\n')}\n  k17: again\n`;
    const { results } = await lintJson(['-'], { stdin: text });
    expect(results[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([`${6 + 40_000 + 1}:3 yaml-syntax`]);
  });

  test('a one-line flow mapping of 50,000 entries with an anchor', { timeout: 120_000 }, async () => {
    const entries = Array.from({ length: 50_000 }, (_, i) => `key${i}: value-${i}`);
    const { results } = await lintJson(['-'], { stdin: `${HEAD}data: {a: &a x, b: *a, ${entries.join(', ')}}\n` });
    expect(results[0]!.messages).toEqual([]);
  });
});

describe('stdin', () => {
  test(`over ${MAX_FILE_BYTES / 1024 / 1024} MiB is refused like a file`, { timeout: 120_000 }, async () => {
    const run = await lintJson(['-'], { stdin: `${HEAD}data:\n  a: "${'x'.repeat(MAX_FILE_BYTES)}"\n` });
    expect(run.results[0]!.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual(['file-unreadable: input on stdin is over the 64 MiB limit: not read']);
    expect(run.code).toBe(1);
  });

  test('the real process reads no more than the limit from an endless pipe', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, ['bin/k8s-svc-lint.js', '-f', 'json', '-'], { input: Buffer.alloc(MAX_FILE_BYTES + 4096, 'a'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('over the 64 MiB limit');
  });

  test('a stream is parsed document by document: one outside the fast subset costs only itself', async () => {
    const documents = Array.from({ length: 50 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  a: "${i}"\n`);
    documents[20] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: anchored\ndata:\n  a: &x "1"\n  b: *x\n`;
    documents[30] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: "1"\n  a: "2"\n`;
    const stream = documents.join('---\n');
    for (const precise of [false, true]) {
      const parsed = parseText(stream, 'yaml', false, precise);
      expect(parsed.documents).toHaveLength(50);
      expect(parsed.documents.filter((d) => d.byFastParser).length).toBe(precise ? 0 : 48);
      expect(parsed.errors.map((e) => e.docIndex)).toEqual([30]);
      expect((parsed.documents[20]!.value as { data: unknown }).data).toEqual({ a: '1', b: '1' });
    }
    // positions after the broken document are right
    const { results } = await lintJson(['-'], { stdin: stream.replace('kind: ConfigMap\nmetadata:\n  name: c40', 'kind: ConfigMpa\nmetadata:\n  name: c40') });
    // (documents are 6 lines and a marker, the anchored and the broken one a line longer)
    expect(results[0]!.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual([`${30 * 7 + 1 + 7} yaml-syntax`, `${40 * 7 + 2 + 2} api-version-kind`]);
  });
});

describe('findings about many places', () => {
  const services = (count: number) =>
    Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n`).join('---\n');

  test(`list ${MAX_RELATED} related places and say how many more`, async () => {
    const { results } = await lintJson(['-'], { stdin: services(60) });
    const conflicts = results[0]!.messages.filter((m) => m.ruleId === 'service-node-port-conflict');
    expect(conflicts).toHaveLength(60);
    for (const conflict of conflicts) {
      expect(conflict.related).toHaveLength(MAX_RELATED);
      expect(conflict.message).toMatch(/and 49 more; node ports/);
      expect(conflict.message).toMatch(/\(and 49 more related locations\)$/);
    }
  });

  test('a Service selecting 300 copies of a workload lists 10 of them', async () => {
    const copies = Array.from(
      { length: 300 },
      (_, i) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels: {app: web}\nspec:\n  containers:\n    - name: c\n      image: x\n      ports: [{containerPort: 8080}]\n`,
    );
    const stdin = [...copies, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 9090\n'].join('---\n');
    const { results } = await lintJson(['-'], { stdin });
    const [finding] = results[0]!.messages.filter((m) => m.ruleId === 'service-target-port-undeclared');
    expect(finding!.related).toHaveLength(MAX_RELATED);
    expect(finding!.message).toContain('and 290 more;');
    expect(finding!.message).toMatch(/\(and 290 more related locations\)$/);
  });
});

describe('a defect of this tool while building the model', () => {
  afterEach(() => vi.restoreAllMocks());

  test('is an internal error naming the object and file; everything else is reported', async () => {
    const from = PodSource.from.bind(PodSource);
    vi.spyOn(PodSource, 'from').mockImplementation((object, clusterDomain) => {
      if (object.name === 'boom') throw new Error('planted failure');
      return from(object, clusterDomain);
    });
    const stdin = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: boom\nspec:\n  containers: [{name: c, image: x}]\n',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: wbe}\n  ports: [{port: 80}]\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers: [{name: c, image: x}]\n',
    ].join('---\n');
    const run = await runCli(['lint', '-f', 'json', '--stdin-filename', 'in.yaml', '-'], { stdin });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('internal error while reading Pod/boom in in.yaml: planted failure');
    const results = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
    expect(results[0]!.messages.map((m) => m.ruleId)).toEqual(['service-selector-no-match']);
  });
});
