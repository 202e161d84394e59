/** `.k8s-svc-lint.yaml`: discovery, validation with messages naming the key, precedence, ignore. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RULES } from '../rules/index.js';
import { lintJson, runCli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const UNDECLARED = readFileSync('fixtures/service-target-port-undeclared/bad/undeclared.yaml', 'utf8');
const NODE_PORT = readFileSync('fixtures/service-node-port-range/bad/custom-range.yaml', 'utf8');
const REMOVED = readFileSync('fixtures/api-version-kind/bad/removed.yaml', 'utf8');

describe('discovery and precedence', () => {
  test('found from the working directory upwards; its rules apply; --rule wins over it', async () => {
    const root = project('upward', { '.k8s-svc-lint.yaml': 'rules:\n  service-target-port-undeclared: error\n', 'k8s/app/undeclared.yaml': UNDECLARED });
    const cwd = path.join(root, 'k8s', 'app');
    const fromConfig = await lintJson(['.'], { cwd });
    expect(fromConfig.code).toBe(1);
    expect(fromConfig.results[0]!.errorCount).toBe(3);
    const overridden = await lintJson(['.', '--rule', 'service-target-port-undeclared=off'], { cwd });
    expect(overridden.results[0]!.messages).toEqual([]);
  });

  test('namespace, kubeVersion and nodePortRange come from the config unless given as options', async () => {
    const root = project('settings', {
      '.k8s-svc-lint.yaml': 'kubeVersion: "1.15"\nnodePortRange: 20000-22767\n',
      'ports.yaml': NODE_PORT.replace('# fixture-options: --node-port-range 20000-22767\n', ''),
      'removed.yaml': REMOVED,
    });
    const run = await lintJson(['.'], { cwd: root });
    const rules = run.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}/${m.severity}`));
    // 30080 is outside 20000-22767; at 1.15 extensions/v1beta1 is only deprecated, the others not yet
    expect(rules.sort()).toEqual(['api-version-kind/1', 'service-node-port-range/2']);
    const withOption = await lintJson(['.', '--node-port-range', '30000-32767', '--kube-version', '1.30'], { cwd: root });
    expect(withOption.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}/${m.severity}`)).sort()).toEqual([
      'api-version-kind/2',
      'api-version-kind/2',
      'api-version-kind/2',
    ]);
  });

  test('-c names the file; a missing one is a usage error', async () => {
    const root = project('explicit', { 'conf/lint.yaml': 'rules:\n  service-target-port-undeclared: off\n', 'a.yaml': UNDECLARED });
    expect((await lintJson(['.', '-c', 'conf/lint.yaml'], { cwd: root })).results[0]!.messages).toEqual([]);
    const missing = await runCli(['.', '-c', 'nope.yaml'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('config file not found: nope.yaml');
  });

  test('ignore: .gitignore patterns relative to the config file, for found and named files', async () => {
    const root = project('ignore', { '.k8s-svc-lint.yaml': 'ignore:\n  - generated/\n  - "*.draft.yaml"\n', 'generated/a.yaml': REMOVED, 'b.draft.yaml': REMOVED, 'k8s/c.yaml': UNDECLARED });
    const run = await lintJson(['.'], { cwd: root });
    expect(run.results.map((r) => r.filePath)).toEqual(['k8s/c.yaml']);
    expect((await lintJson(['generated/a.yaml'], { cwd: root })).results).toEqual([]);
  });
});

describe('validation: exit 2 with a message naming the key', () => {
  const cases: Record<string, [string, string]> = {
    'unknown key': ['rulez:\n  a: off\n', 'unknown key "rulez"'],
    'unknown rule': ['rules:\n  service-selector-nomatch: off\n', 'rules: unknown rule "service-selector-nomatch"'],
    'bad severity': ['rules:\n  service-selector-no-match: warning\n', 'rules.service-selector-no-match: must be off, warn, error, got "warning"'],
    'unquoted version': ['kubeVersion: 1.30\n', 'kubeVersion: must be string, got 1.3 (write it in quotes'],
    'bad range': ['nodePortRange: "30000 to 32767"\n', 'nodePortRange: "30000 to 32767" is not valid here'],
    'not YAML': ['rules: [\n', 'not valid YAML'],
  };
  for (const [name, [text, message]] of Object.entries(cases)) {
    test(name, async () => {
      const root = project(`invalid-${name.replace(/\s/g, '-')}`, { '.k8s-svc-lint.yaml': text, 'a.yaml': UNDECLARED });
      const run = await runCli(['.'], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('.k8s-svc-lint.yaml: ');
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    });
  }
});

test('the shipped schema knows every rule (editors complete rule ids from it)', () => {
  const schema = JSON.parse(readFileSync('schemas/config.schema.json', 'utf8')) as { properties: { rules: { propertyNames: { enum: string[] } } } };
  expect([...schema.properties.rules.propertyNames.enum].sort()).toEqual(RULES.map((r) => r.meta.id).sort());
});
