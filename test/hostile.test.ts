/**
 * Hostile input: one file of each kind next to a manifest with one real defect. The defect is
 * found, every hostile file gets a finding or a notice, there is no stack trace, and the run
 * ends (within the test's time limit) with exit 1.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCli } from './helpers/cli.js';
import type { JsonResult } from './helpers/cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\n';

/** file → how it must show up: a rule id, or 'notice'. */
const EXPECTED: Record<string, string> = {
  'binary.yaml': 'notice',
  'invalid-utf8.yaml': 'notice',
  'empty.yaml': 'notice',
  'only-markers.yaml': 'notice',
  'only-comments.yaml': 'notice',
  'duplicate-keys.yaml': 'yaml-syntax',
  'trailing-comma.json': 'yaml-syntax',
  'custom-tags.yaml': 'yaml-syntax',
  'alias-bomb.yaml': 'yaml-syntax',
  'deep-block.yaml': 'yaml-syntax',
  'deep-flow.yaml': 'yaml-syntax',
  'deep.json': 'yaml-syntax',
  'long-line.yaml': 'label-syntax',
  'huge.yaml': 'file-unreadable',
  'dangling-link.yaml': 'file-unreadable',
  'self-link.yaml': 'file-unreadable',
  'fifo.yaml': 'file-unreadable',
  'loop/inside.yaml': 'notice',
};

beforeAll(() => {
  const write = (name: string, content: string | Buffer) => writeFileSync(path.join(root, name), content);
  write('binary.yaml', Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x00, 0x01, 0x02, 0xff]));
  write('invalid-utf8.yaml', Buffer.concat([Buffer.from(HEAD), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])]));
  write('empty.yaml', '');
  write('only-markers.yaml', '---\n...\n---\n');
  write('only-comments.yaml', '# nothing here\n# at all\n');
  write('duplicate-keys.yaml', `${HEAD}  name: again\n`);
  write('trailing-comma.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x",}}');
  write('custom-tags.yaml', `${HEAD}data:\n  bucket: !Ref Bucket\n  pickle: !!python/object:os.system {cmd: ls}\n`);
  const bomb = [`${HEAD}data:`, '  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) bomb.push(`  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  write('alias-bomb.yaml', `${bomb.join('\n')}\n`);
  write('deep-block.yaml', `${HEAD}data:\n${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n')}\n`);
  write('deep-flow.yaml', `${HEAD}data: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
  write('deep.json', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":${'['.repeat(50000)}${']'.repeat(50000)}}`);
  write('long-line.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long, labels: {big: "${'x'.repeat(6_000_000)}"}}\n`);
  execFileSync('truncate', ['-s', '100M', path.join(root, 'huge.yaml')]);
  symlinkSync('nowhere.yaml', path.join(root, 'dangling-link.yaml'));
  symlinkSync('self-link.yaml', path.join(root, 'self-link.yaml'));
  execFileSync('mkfifo', [path.join(root, 'fifo.yaml')]);
  mkdirSync(path.join(root, 'folder.yaml'));
  writeFileSync(path.join(root, 'folder.yaml', 'in-folder.yaml'), `${HEAD}data:\n  a: b\n`);
  mkdirSync(path.join(root, 'loop'));
  writeFileSync(path.join(root, 'loop', 'inside.yaml'), `${HEAD.replace('hostile', 'inside')}data:\n  a: b\n`);
  symlinkSync('..', path.join(root, 'loop', 'back'));
  write(
    'real.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n    - port: 80\n---\n' +
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n      ports:\n        - containerPort: 80\n',
  );
});

// A hang fails through the test's time limit; speed itself is the benchmark's business.
test('one real defect, a finding or notice per hostile file, no stack trace, exit 1', { timeout: 30_000 }, async () => {
  const run = await runCli(['lint', '-f', 'json', '.'], { cwd: root });
  expect(run.code).toBe(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain('internal error');
  const results = JSON.parse(run.stdout) as JsonResult[];
  const rulesOf = (file: string) => results.find((r) => r.filePath === file)?.messages.map((m) => m.ruleId) ?? [];

  expect(rulesOf('real.yaml')).toEqual(['service-selector-no-match']);
  for (const [file, expected] of Object.entries(EXPECTED)) {
    if (expected === 'notice') {
      const noticed = file === 'loop/inside.yaml' ? run.stderr.includes('symbolic link loop') : run.stderr.includes(`${file}: `);
      expect(noticed, `a notice for ${file}`).toBe(true);
    } else {
      expect(rulesOf(file), file).toContain(expected);
    }
  }
  // the folder named like a manifest is searched, and the loop does not repeat files
  expect(rulesOf('folder.yaml/in-folder.yaml')).toEqual([]);
  expect(results.filter((r) => r.filePath.endsWith('inside.yaml'))).toHaveLength(1);
  // no message carries the 6 MB value
  expect(Math.max(...results.flatMap((r) => r.messages.map((m) => m.message.length)))).toBeLessThanOrEqual(1001);
});

test('files named on the command line: a FIFO and a huge file are refused without blocking, the rest is read', { timeout: 30_000 }, async () => {
  const run = await runCli(['lint', '-f', 'json', 'fifo.yaml', 'huge.yaml', 'real.yaml'], { cwd: root });
  expect(run.code).toBe(1);
  const results = JSON.parse(run.stdout) as JsonResult[];
  const messagesOf = (file: string) => results.find((r) => r.filePath === file)?.messages.map((m) => `${m.ruleId}: ${m.message}`) ?? [];
  expect(messagesOf('fifo.yaml')).toEqual(['file-unreadable: not a regular file (a FIFO, socket or device): not read']);
  expect(messagesOf('huge.yaml')).toEqual(['file-unreadable: file is 100 MiB, over the 64 MiB limit: not read']);
  expect(messagesOf('real.yaml').map((m) => m.split(':')[0])).toEqual(['service-selector-no-match']);
});
