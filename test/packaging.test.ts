/**
 * The package as users get it: `npm pack` installed into an empty folder runs; and the
 * pre-commit hooks work through the real `pre-commit try-repo`.
 */
import { execFileSync, spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const root = process.cwd();
const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/**
 * A command that may take minutes (installing, building), run without blocking this worker:
 * a blocked worker misses vitest's own messages, and the run then fails with an RPC timeout.
 */
function runAsync(command: string, args: readonly string[], options: SpawnOptions): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('package.json', () => {
  test('builds on prepare (npm ci in a clone, git installs), never on install: consumers get no install script', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['prepare']).toBe('npm run build');
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(scripts[hook], hook).toBeUndefined();
  });
});

describe('npm pack', () => {
  // (installs from the registry and builds: minutes on a loaded machine)
  test('the tarball installs into an empty folder and its bin works', { timeout: 600_000 }, async () => {
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    expect(packed).toBe(`k8s-svc-lint-${version}.tgz`);
    const listing = execFileSync('tar', ['tzf', path.join(scratch, packed)], { encoding: 'utf8' }).split('\n');
    // only what runs: no sources, tests or fixtures
    expect(listing.filter((f) => /^package\/(src|test|fixtures|scripts|bench)\//.test(f))).toEqual([]);
    expect(listing).toContain('package/dist/k8s-svc-lint.mjs');
    expect(listing).toContain('package/dist/k8s-svc-lint.cjs');
    expect(listing).toContain('package/dist/k8s-svc-lint.cjs.cache');
    expect(listing).toContain('package/rules/service-selector-no-match.md');

    const project = path.join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}\n');
    const install = await runAsync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(scratch, packed)], { cwd: project });
    expect(install.status, install.stderr).toBe(0);
    const bin = path.join(project, 'node_modules', '.bin', 'k8s-svc-lint');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toContain(`${version} (API versions up to Kubernetes`);
    expect(execFileSync(bin, ['--help'], { encoding: 'utf8' })).toContain('Usage: k8s-svc-lint');
    cpSync(path.join(root, 'examples/shop'), path.join(project, 'k8s'), { recursive: true });
    const run = spawnSync(bin, ['-f', 'json', 'k8s'], { cwd: project, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const rules = (JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules.sort()).toEqual(['api-version-kind', 'service-node-port-range', 'service-selector-no-match', 'service-target-port-no-match']);

    // the README's CI set-ups, as written, in the installed package
    const shell = (command: string) => spawnSync('bash', ['-c', command], { cwd: project, encoding: 'utf8' });
    const gitlab = shell('npx k8s-svc-lint -f junit -o k8s-svc-lint.xml k8s/');
    expect(gitlab.status).toBe(1);
    expect(readFileSync(path.join(project, 'k8s-svc-lint.xml'), 'utf8')).toContain('<testsuites name="k8s-svc-lint" tests="7" failures="3"');
    const matcher = shell('echo "::add-matcher::node_modules/k8s-svc-lint/problem-matcher.json" && test -f node_modules/k8s-svc-lint/problem-matcher.json');
    expect(matcher.status).toBe(0);
    const gcc = shell('npx k8s-svc-lint -f gcc k8s/');
    expect(gcc.stdout).toContain('k8s/web.yaml:15:17: error: nodePort 300080');
    expect(readFileSync(path.join(project, 'node_modules/k8s-svc-lint/schemas/config.schema.json'), 'utf8')).toContain('"rules"');
  });
});

describe('pre-commit', () => {
  const available = spawnSync('pre-commit', ['--version']).status === 0;
  const required = process.env['K8S_SVC_LINT_REQUIRE_PRE_COMMIT'] === '1';

  // pre-commit installs the hooks' environment as from git: npm install (which builds) and npm pack
  test.runIf(available || required)('both hooks run through pre-commit try-repo', { timeout: 900_000 }, async () => {
    const repo = path.join(scratch, 'repo');
    mkdirSync(path.join(repo, 'k8s'), { recursive: true });
    cpSync(path.join(root, 'examples/shop'), path.join(repo, 'k8s'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'manifests');
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(scratch, 'pre-commit-home') };
    const tryRepo = (...args: string[]) => runAsync('pre-commit', ['try-repo', root, ...args], { cwd: repo, env });

    const whole = await tryRepo('k8s-svc-lint', '--all-files');
    expect(whole.status, whole.stdout + whole.stderr).toBe(1);
    expect(whole.stdout).toContain('k8s-svc-lint (whole tree)');
    expect(whole.stdout).toContain('service-selector-no-match');
    expect(whole.stdout).toContain('service-target-port-no-match');

    // only web.yaml is passed: its own findings, and nothing from checkout.yaml
    const staged = await tryRepo('k8s-svc-lint-staged', '--files', 'k8s/web.yaml');
    expect(staged.status, staged.stdout + staged.stderr).toBe(1);
    expect(staged.stdout).toContain('k8s/web.yaml');
    expect(staged.stdout).not.toContain('k8s/checkout.yaml');

    // a commit of only a CI workflow passes, even where the configuration fails runs without manifests
    writeFileSync(path.join(repo, '.k8s-svc-lint.yaml'), 'noManifests: error\n');
    mkdirSync(path.join(repo, 'ci'));
    writeFileSync(path.join(repo, 'ci', 'workflow.yml'), 'on: [push]\njobs: {}\n');
    git('add', '-A');
    const workflowOnly = await tryRepo('k8s-svc-lint-staged', '--files', 'ci/workflow.yml');
    expect(workflowOnly.status, workflowOnly.stdout + workflowOnly.stderr).toBe(0);
  });
});
