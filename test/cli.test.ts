/** The command line: exit statuses, options, stdin, notices; and the built binary itself. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RULES } from '../rules/index.js';
import { main } from '../src/cli/main.js';
import { defineRule } from '../src/engine/rule.js';
import { lintJson, runCli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = path.join(tmp, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const CLEAN = 'fixtures/service-selector-no-match/good/matching.yaml';
const BROKEN = 'fixtures/service-selector-no-match/bad/label-typo.yaml';
const WARNS = 'fixtures/service-target-port-undeclared/bad/undeclared.yaml';

describe('exit status', () => {
  test('0 without findings, 1 with errors', async () => {
    expect((await runCli([CLEAN])).code).toBe(0);
    expect((await runCli([BROKEN])).code).toBe(1);
  });

  test('warnings alone exit 0, unless over --max-warnings', async () => {
    expect((await runCli([WARNS])).code).toBe(0);
    expect((await runCli([WARNS, '--max-warnings', '3'])).code).toBe(0);
    expect((await runCli([WARNS, '--max-warnings', '2'])).code).toBe(1);
  });

  test('2 for usage errors, with a message naming the problem', async () => {
    for (const args of [
      ['--rule', 'no-such-rule=off', CLEAN],
      ['--rule', 'service-selector-no-match=loud', CLEAN],
      ['--kube-version', 'latest', CLEAN],
      ['--node-port-range', '40000-30000', CLEAN],
      ['--format', 'xml', CLEAN],
      ['--max-warnings', 'many', CLEAN],
      ['--no-such-option', CLEAN],
    ]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).not.toBe('');
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  test('a missing path is exit 2, and the other inputs are still linted', async () => {
    const run = await lintJson(['no/such/dir', BROKEN]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file or directory: no/such/dir');
    expect(run.results.flatMap((r) => r.messages.map((m) => m.ruleId))).toEqual(['service-selector-no-match']);
  });

  test('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: k8s-svc-lint');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; config: { schemaSource: string } };
    expect(version.stdout.trim()).toBe(
      `${pkg.version} (API versions up to Kubernetes 1.36; schemas of Kubernetes 1.36 from ${pkg.config.schemaSource})`,
    );
  });
});

describe('options', () => {
  test('--quiet drops warnings; --rule changes severities', async () => {
    expect((await lintJson([WARNS, '--quiet'])).results[0]!.messages).toEqual([]);
    const asErrors = await lintJson([WARNS, '--rule', 'service-target-port-undeclared=error']);
    expect(asErrors.code).toBe(1);
    expect(asErrors.results[0]!.errorCount).toBe(3);
    expect((await lintJson([BROKEN, '--rule', 'service-selector-no-match=off'])).results[0]!.messages).toEqual([]);
  });

  test('--namespace places objects that name none', async () => {
    const file = write('ns/app.yaml', readFileSync('fixtures/service-selector-no-match/bad/other-namespace.yaml', 'utf8').replace('  namespace: shop\n', ''));
    expect((await lintJson([file, '--namespace', 'data'])).results[0]!.messages).toEqual([]);
    expect((await lintJson([file])).results[0]!.messages.map((m) => m.ruleId)).toEqual(['service-selector-no-match']);
  });

  test('-o writes the report to a file, and nothing to stdout', async () => {
    const run = await runCli(['-f', 'json', '-o', 'report.json', path.resolve(BROKEN)], { cwd: tmp });
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(tmp, 'report.json'), 'utf8'))[0].errorCount).toBe(1);
  });

  test('colour: only when asked for or on a terminal; NO_COLOR and --no-color turn it off', async () => {
    const ansi = /\x1b\[/;
    expect((await runCli([BROKEN])).stdout).not.toMatch(ansi);
    expect((await runCli([BROKEN], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
    expect((await runCli([BROKEN, '--color'])).stdout).toMatch(ansi);
    expect((await runCli([BROKEN, '--color', '--no-color'])).stdout).not.toMatch(ansi);
  });

  test('TIMING=1 adds phase and rule timings to stderr, not to the report; TIMING=all lists every rule that ran', async () => {
    const plain = await runCli(['-f', 'json', BROKEN]);
    const timed = await runCli(['-f', 'json', BROKEN], { env: { TIMING: '1' } });
    expect(timed.stdout).toBe(plain.stdout);
    const phases = ['read and parse files, build views', 'per-file rules', 'index, resolve Services', 'cross-object rules', 'positions, suppressions and results'];
    // (the benchmark reads the resolver's figure from the index line)
    for (const phase of phases) expect(timed.stderr).toMatch(new RegExp(`\\d+\\.\\d ms {2}${phase}\\n`));
    const ruleLines = (stderr: string) => stderr.slice(stderr.indexOf('Rule timings:')).trim().split('\n').filter((line) => line.startsWith(' ')).length;
    expect(ruleLines(timed.stderr)).toBe(10);
    expect(ruleLines((await runCli(['-f', 'json', BROKEN], { env: { TIMING: 'all' } })).stderr)).toBeGreaterThan(10);
  });

  test('every file read is in the JSON output, in path order', async () => {
    const run = await lintJson(['fixtures/service-node-port-range']);
    const paths = run.results.map((r) => r.filePath);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('fixtures/service-node-port-range/good/in-range.yaml');
  });
});

describe('a rule that throws', () => {
  test('is an internal error naming the rule and the object; every other finding still comes out; exit 2', async () => {
    const throwing = defineRule({
      meta: { id: 'throws-on-web', severity: 'error', description: 'a broken rule' },
      create: () => ({
        service(service) {
          if (service.name === 'checkout') throw new Error('boom');
        },
      }),
    });
    let stdout = '';
    let stderr = '';
    const code = await main(
      ['-f', 'json', BROKEN],
      { cwd: process.cwd(), env: {}, stdoutIsTTY: false, write: (t) => (stdout += t), writeError: (t) => (stderr += t), readStdin: () => Buffer.alloc(0), writeFile: () => {} },
      [...RULES, throwing],
    );
    expect(code).toBe(2);
    expect(stderr).toContain('internal error in rule throws-on-web on Service/checkout in fixtures/service-selector-no-match/bad/label-typo.yaml: boom');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect((JSON.parse(stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toEqual(['service-selector-no-match']);
  });
});

describe('suppressions', () => {
  test('stale ones are warnings unless unused-suppression is off; suppressed findings are gone', async () => {
    const file = 'fixtures/unused-suppression/bad/unused.yaml';
    const warned = await lintJson([file]);
    expect(warned.code).toBe(0);
    expect(warned.results[0]!.messages.map((m) => m.ruleId)).toEqual(Array(4).fill('unused-suppression'));
    expect((await lintJson([file, '--rule', 'unused-suppression=off'])).results[0]!.messages).toEqual([]);
    expect((await lintJson([file, '--rule', 'unused-suppression=error'])).code).toBe(1);
    const used = await lintJson(['fixtures/unused-suppression/good/used.yaml']);
    expect(used.results[0]!.messages).toEqual([]);
  });
});

describe('inputs', () => {
  test('stdin as YAML, and as JSON when named .json', async () => {
    const yaml = readFileSync(BROKEN, 'utf8');
    const fromStdin = await lintJson(['-'], { stdin: yaml });
    expect(fromStdin.results[0]!.filePath).toBe('<stdin>');
    expect(fromStdin.results[0]!.messages[0]!.line).toBe(6);
    const named = await lintJson(['-', '--stdin-filename', 'k8s/all.json'], { stdin: '{\n\t"apiVersion": "v1",\n\t"kind": "ConfigMap"\n}' });
    expect(named.results[0]!.filePath).toBe('k8s/all.json');
    expect(named.results[0]!.messages.map((m) => m.ruleId)).toEqual(['manifest-invalid']);
  });

  test('kubectl JSON dumps on stdin are read as JSON', async () => {
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'x' }, spec: { rules: [{ host: 'x.example.com' }] } }] }, null, '\t');
    const run = await lintJson(['-'], { stdin: list });
    expect(run.results[0]!.messages.map((m) => m.ruleId)).toEqual(['api-version-kind']);
  });

  test('Helm charts are skipped with a notice; .gitignore, node_modules and non-manifests are skipped', async () => {
    const root = path.join(tmp, 'repo');
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/.gitignore', 'generated/\n');
    write('repo/chart/Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 1.0.0\n');
    write('repo/chart/templates/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n');
    write('repo/generated/broken.yaml', 'kind: Service\n');
    write('repo/node_modules/pkg/broken.yaml', 'kind: Service\n');
    write('repo/.github/workflows/ci.yml', 'on: [push]\njobs: {}\n');
    write('repo/compose.yaml', 'services:\n  web:\n    image: nginx\n');
    write('repo/k8s/app.yaml', readFileSync(BROKEN, 'utf8'));
    const run = await lintJson(['.'], { cwd: root });
    expect(run.stderr).toContain('chart: skipped a Helm chart');
    expect(run.stderr).toContain('helm template chart | k8s-svc-lint -');
    expect(run.results.map((r) => r.filePath)).toEqual(['compose.yaml', 'k8s/app.yaml']);
    expect(run.code).toBe(1);
  });
});

test('the built binary runs (bin/k8s-svc-lint.js)', () => {
  const run = spawnSync(process.execPath, ['bin/k8s-svc-lint.js', '-f', 'json', 'examples/shop'], { encoding: 'utf8' });
  expect(run.status).toBe(1);
  const results = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
  expect(results.flatMap((r) => r.messages.map((m) => m.ruleId)).sort()).toEqual([
    'api-version-kind',
    'service-node-port-range',
    'service-selector-no-match',
    'service-target-port-no-match',
  ]);
});

describe('saying what happened', () => {
  test('stderr says how many objects and files were linted', async () => {
    const run = await runCli(['-f', 'json', 'examples/shop']);
    expect(run.stderr).toBe('k8s-svc-lint: 7 Kubernetes objects in 3 files linted\n');
  });

  test('an input with no manifests is a warning, or an error with --no-manifests error (also in the config file)', async () => {
    const empty = write('nothing/empty/.keep', '');
    const folder = path.dirname(empty);
    write('nothing/other/compose.yaml', 'services:\n  web:\n    image: nginx\n');
    const warned = await runCli(['-f', 'json', folder]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`k8s-svc-lint: warning: 0 Kubernetes manifests found in ${folder}\n`);
    const other = await runCli(['-f', 'json', path.join(tmp, 'nothing/other')]);
    expect(other.stderr).toContain('0 Kubernetes objects in 0 files linted; 1 other YAML/JSON file held none');
    const failed = await runCli(['-f', 'json', '--no-manifests', 'error', folder, BROKEN]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(`k8s-svc-lint: error: 0 Kubernetes manifests found in ${folder}\n`);
    expect((await runCli(['-f', 'json', '--no-manifests=off', folder])).stderr).not.toContain('0 Kubernetes manifests');
    write('nothing/.k8s-svc-lint.yaml', 'noManifests: error\n');
    expect((await runCli(['-f', 'json', 'empty'], { cwd: path.join(tmp, 'nothing') })).code).toBe(2);
    // the command line wins over the configuration file
    expect((await runCli(['-f', 'json', '--no-manifests', 'warn', 'empty'], { cwd: path.join(tmp, 'nothing') })).code).toBe(0);
  });

  test('files named on the command line that are not manifests count only when nothing else is (the pre-commit case)', async () => {
    const workflow = write('named/ci.yml', 'on: [push]\njobs: {}\n');
    const mixed = await runCli(['-f', 'json', '--no-manifests', 'error', workflow, CLEAN]);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).not.toContain('0 Kubernetes manifests');
    const alone = await runCli(['-f', 'json', '--no-manifests', 'error', workflow]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(`0 Kubernetes manifests found in ${workflow}`);
    expect((await runCli(['-f', 'json', '--no-manifests', 'error', '-'], { stdin: 'a: b\n' })).stderr).toContain('0 Kubernetes manifests found in stdin');
  });

  test('--max-warnings exceeded says so', async () => {
    const run = await runCli([WARNS, '--max-warnings', '2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('k8s-svc-lint: 3 warnings exceed --max-warnings 2\n');
    expect((await runCli([WARNS, '--max-warnings', '3'])).stderr).not.toContain('exceed');
  });
});

describe('CLI habits', () => {
  test('-o creates the folders it writes into; an impossible path is a usage error naming it', async () => {
    const run = await runCli(['-f', 'sarif', '-o', 'reports/deep/lint.sarif', path.resolve(BROKEN)], { cwd: tmp });
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(tmp, 'reports/deep/lint.sarif'), 'utf8')).version).toBe('2.1.0');
    write('blocker', 'a file where a folder would go\n');
    const blocked = await runCli(['-o', 'blocker/lint.txt', path.resolve(BROKEN)], { cwd: tmp });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('k8s-svc-lint: -o blocker/lint.txt: cannot write the report: a file is in the way of the folder it goes into');
    expect(blocked.stderr).not.toContain('internal error');
  });

  test('--help at the top shows the commands and the lint options', async () => {
    const help = (await runCli(['--help'])).stdout;
    expect(help).toMatch(/^Usage: k8s-svc-lint \[lint\] \[options\] \[paths\.\.\.\]/);
    for (const text of ['Commands:', 'resolve [options] [paths...]', '--format <format>', '--max-warnings <n>', '--no-manifests <level>', '--ignore-pattern']) expect(help).toContain(text);
    expect((await runCli(['-h'])).stdout).toBe(help);
  });

  test('a --kube-version newer than the data is a clear warning; one that is no version is a usage error', async () => {
    const run = await runCli(['--kube-version', '1.99', CLEAN]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('k8s-svc-lint: warning: Kubernetes 1.99 is newer than this release knows (its API data ends at 1.36)');
    expect((await runCli(['--kube-version', '2.1', CLEAN])).code).toBe(2);
  });

  test('a config kubeVersion written as a number suggests the quoted text as written', async () => {
    write('kube/.k8s-svc-lint.yaml', 'kubeVersion: 1.30\n');
    const run = await runCli([path.resolve(CLEAN)], { cwd: path.join(tmp, 'kube') });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('kubeVersion: must be string, got 1.3 (write it in quotes: "1.30"; unquoted, 1.30 is read as the number 1.3)');
  });

  test('TERM=dumb means no colour, unless forced', async () => {
    const ansi = /\x1b\[/;
    expect((await runCli([BROKEN], { columns: 100, env: { TERM: 'dumb' } })).stdout).not.toMatch(ansi);
    expect((await runCli([BROKEN], { columns: 100, env: { TERM: 'xterm' } })).stdout).toMatch(ansi);
    expect((await runCli([BROKEN], { columns: 100, env: { TERM: 'dumb', FORCE_COLOR: '1' } })).stdout).toMatch(ansi);
  });

  test('on a terminal, long messages wrap at word boundaries with a hanging indent; not when piped', async () => {
    const wrapped = (await runCli(['examples/shop/web.yaml', '--no-color'], { columns: 90 })).stdout.split('\n');
    for (const line of wrapped) expect(line.length, line).toBeLessThanOrEqual(90);
    const first = wrapped.findIndex((line) => line.includes('targetPort "http"'));
    expect(wrapped[first]).toMatch(/^ {2}14:19 {2}error {4}targetPort "http"/);
    const indent = wrapped[first]!.indexOf('targetPort');
    expect(wrapped[first + 1]!.slice(0, indent).trim()).toBe('');
    expect(wrapped[first + 1]![indent]).not.toBe(' ');
    const joined = wrapped.slice(first, first + 6).map((line, i) => (i === 0 ? line.slice(indent) : line.trim())).join(' ').replace(/\s+/g, ' ');
    expect(joined).toContain('so its pods get no traffic on port 80; it resolves only in Deployment/web');
    const piped = (await runCli(['examples/shop/web.yaml'])).stdout;
    expect(piped.split('\n').some((line) => line.length > 90)).toBe(true);
  });
});
