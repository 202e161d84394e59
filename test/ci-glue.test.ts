/**
 * The CI glue as written: the composite action's lint step (run here with the variables
 * GitHub Actions sets), and `rules` / `--help` matching what the README documents.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { RULES } from '../rules/index.js';
import { runCli } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-ci-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Step {
  readonly id?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
}

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as { runs: { steps: Step[] } };
  const lintStep = action.runs.steps.find((step) => step.id === 'lint')!;

  function runStep(mode: string): { status: number | null; stdout: string; output: string; summary: string } {
    const output = path.join(tmp, `output-${mode}`);
    const summary = path.join(tmp, `summary-${mode}`);
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const run = spawnSync('bash', ['-e', '-c', lintStep.run!], {
      cwd: tmp,
      encoding: 'utf8',
      env: {
        ...process.env,
        GITHUB_ACTION_PATH: process.cwd(),
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        LINT_PATHS: path.resolve('examples/shop'),
        LINT_MODE: mode,
        LINT_ARGS: '--kube-version 1.30',
        LINT_SUMMARY: 'true',
      },
    });
    return { status: run.status, stdout: run.stdout, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
  }

  test('annotate mode writes annotations, the summary and the exit code; the step itself succeeds', () => {
    const result = runStep('annotate');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^::error file=.*examples\/shop\/web\.yaml,line=14,col=19,.*title=service-target-port-no-match::/m);
    expect(result.summary).toContain('### Services that reach nothing');
    expect(result.output).toBe('exit-code=1\n');
  });

  test('sarif mode writes k8s-svc-lint.sarif for the upload step', () => {
    const result = runStep('sarif');
    expect(result.output).toBe('exit-code=1\n');
    const log = JSON.parse(readFileSync(path.join(tmp, 'k8s-svc-lint.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results).toHaveLength(4);
  });

  test('the upload step reads the file the lint step writes', () => {
    const upload = action.runs.steps.find((step) => (step as { uses?: string }).uses?.startsWith('github/codeql-action/upload-sarif')) as { with: { sarif_file: string } };
    expect(upload.with.sarif_file).toBe('k8s-svc-lint.sarif');
  });
});

describe('documented commands', () => {
  test('rules lists every rule with its default severity and description, as text and JSON', async () => {
    const json = JSON.parse((await runCli(['rules', '-f', 'json'])).stdout) as { id: string; severity: string; description: string }[];
    expect(json).toEqual(RULES.map((r) => ({ id: r.meta.id, severity: r.meta.severity, description: r.meta.description })));
    const text = (await runCli(['rules'])).stdout;
    for (const rule of RULES) expect(text).toMatch(new RegExp(`^${rule.meta.id}\\s+${rule.meta.severity}\\s+`, 'm'));
  });

  test('every option in --help is in the README, and every rule is in its rules table', async () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const command of ['lint', 'resolve', 'lsp']) {
      const help = (await runCli([command, '--help'])).stdout;
      for (const option of help.match(/--[a-z][a-z-]+/g) ?? []) expect(readme, `${command} ${option}`).toMatch(new RegExp(`\`[^\`]*${option}\\b`));
    }
    for (const rule of RULES) expect(readme).toContain(`[\`${rule.meta.id}\`](rules/${rule.meta.id}.md)`);
  });
});
