/**
 * A real editor end to end: Neovim, headless, with its built-in LSP client attached to
 * `k8s-svc-lint lsp --stdio` (test/fixtures/neovim/lsp-session.lua). The findings it received
 * must be the CLI's; a hover and a quick fix go through it too. Needs `nvim` (Debian's neovim
 * package; .ci/run installs it): without it the test fails and says so.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { lintJson } from './helpers/cli.js';
import { runCommand } from './helpers/process.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-nvim-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('Neovim receives the findings the CLI reports, hovers and applies a quick fix', { timeout: 120_000 }, async () => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new Error('nvim is not installed: this test needs Neovim (apt-get install neovim; .ci/run installs it)');
  }
  const root = path.join(scratch, 'shop');
  const out = path.join(scratch, 'out');
  cpSync('examples/shop', root, { recursive: true });
  mkdirSync(out);
  const { results } = await lintJson(['.'], { cwd: root });
  const cli = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort();
  expect(cli.length).toBeGreaterThan(2);

  const session = await runCommand('nvim', ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${path.resolve('test/fixtures/neovim/lsp-session.lua')}`], {
    env: {
      ...process.env,
      NODE: process.execPath,
      K8S_SVC_LINT: path.resolve('bin/k8s-svc-lint.js'),
      ROOT: root,
      OUT: out,
      EXPECTED: String(cli.length),
    },
  });
  const error = existsSync(path.join(out, 'error.txt')) ? readFileSync(path.join(out, 'error.txt'), 'utf8') : '';
  expect(session.status, `nvim failed: ${error}${session.output}`).toBe(0);
  const lines = (name: string) => readFileSync(path.join(out, name), 'utf8').trimEnd().split('\n');

  // every finding, at the CLI's line and column, with its rule and message
  expect(lines('findings.txt')).toEqual(cli);
  expect(lines('hover.txt').join('\n')).toContain('Service shop/checkout (ClusterIP)  checkout.yaml:1\n  selector: app.kubernetes.io/name=chekout\n  ✗ selects no pods');
  expect(lines('actions.txt')).toEqual(['Change "chekout" to "checkout"', 'Disable service-selector-no-match for this line']);
  // the fix, applied in the editor's buffer, cleared that finding and left the others
  expect(lines('fixed.txt')).toEqual(cli.filter((line) => !line.startsWith('checkout.yaml:')));
});
