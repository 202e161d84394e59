/**
 * Which files a run reads: .gitignore as git reads it (tracked files are never ignored), with
 * and without git; .k8s-svc-lintignore, the configuration's ignore list and --ignore-pattern;
 * quoted globs; notices for ignored folders named on the command line and for symbolic links.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { lintJson } from './helpers/cli.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-walk-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function configMap(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: b\n`;
}

function tree(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'ignore' });
}

const read = async (cwd: string, args: string[], env: Record<string, string> = {}) => {
  const run = await lintJson(args, { cwd, env });
  return { files: run.results.map((r) => r.filePath), stderr: run.stderr, code: run.code };
};

/** A repository whose .gitignore line meant for a downloaded binary also matches tracked manifests. */
function repository(name: string): string {
  const root = tree(name, {
    '.gitignore': 'kustomization.yaml\ngenerated/\n',
    'k8s/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [app.yaml]\n',
    'k8s/app.yaml': configMap('app'),
    'tools/kustomization.yaml': configMap('downloaded'),
    'generated/tracked.yaml': configMap('tracked'),
    'generated/scratch.yaml': configMap('scratch'),
  });
  git(root, 'init', '-q');
  git(root, 'add', '.gitignore', 'k8s/app.yaml');
  git(root, 'add', '-f', 'k8s/kustomization.yaml', 'generated/tracked.yaml');
  git(root, 'commit', '-qm', 'manifests');
  return root;
}

describe('.gitignore in a git work tree: git decides, and tracked files are never ignored', () => {
  test('tracked manifests matched by a .gitignore pattern are linted; untracked ignored ones are not', async () => {
    const root = repository('tracked');
    const { files } = await read(root, ['.']);
    expect(files).toEqual(['generated/tracked.yaml', 'k8s/app.yaml', 'k8s/kustomization.yaml']);
  });

  test('from a subfolder too, and for a glob', async () => {
    const root = repository('subfolder');
    expect((await read(path.join(root, 'k8s'), ['.'])).files).toEqual(['app.yaml', 'kustomization.yaml']);
    expect((await read(root, ['**/kustomization.yaml'])).files).toEqual(['k8s/kustomization.yaml']);
  });

  test('an ignored folder named on the command line: its tracked files are read, and a notice says what was not', async () => {
    const root = repository('named');
    const run = await read(root, ['generated']);
    expect(run.files).toEqual(['generated/tracked.yaml']);
    expect(run.stderr).toContain('generated: ignored by .gitignore:2 (generated/): 1 file in it not read (1 file tracked by git were read); --no-ignore reads them');
    expect((await read(root, ['generated', '--no-ignore'])).files).toEqual(['generated/scratch.yaml', 'generated/tracked.yaml']);
  });

  test('without git on the PATH, the .gitignore files are read as git reads them for untracked files', async () => {
    const root = repository('no-git');
    const run = await read(root, ['.'], { PATH: '/nonexistent' });
    expect(run.files).toEqual(['k8s/app.yaml']);
    const named = await read(root, ['generated'], { PATH: '/nonexistent' });
    expect(named.files).toEqual([]);
    expect(named.stderr).toContain('generated: ignored by .gitignore:2 (generated/): 2 files in it not read; --no-ignore reads them');
  });

  test('outside a work tree, .gitignore files still apply (a downloaded archive)', async () => {
    const root = tree('archive', { '.gitignore': 'drafts/\n', 'app.yaml': configMap('app'), 'drafts/wip.yaml': configMap('wip') });
    expect((await read(root, ['.'])).files).toEqual(['app.yaml']);
  });
});

describe('the tool\'s own ignore lists', () => {
  const files = {
    '.k8s-svc-lintignore': '# vendored\nvendor/\n',
    'app.yaml': configMap('app'),
    'vendor/lib.yaml': configMap('lib'),
    'charts/x/values.yaml': configMap('values'),
    'sub/.k8s-svc-lintignore': '*.draft.yaml\n',
    'sub/a.draft.yaml': configMap('draft'),
    'sub/b.yaml': configMap('b'),
  };

  test('.k8s-svc-lintignore files apply like .gitignore files, tracked or not', async () => {
    const root = tree('lintignore', files);
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'all');
    expect((await read(root, ['.'])).files).toEqual(['app.yaml', 'charts/x/values.yaml', 'sub/b.yaml']);
  });

  test('--ignore-pattern adds patterns relative to the working directory; --no-ignore turns every list off', async () => {
    const root = tree('patterns', files);
    expect((await read(root, ['.', '--ignore-pattern', 'charts/', '--ignore-pattern', 'app.yaml'])).files).toEqual(['sub/b.yaml']);
    expect((await read(root, ['.', '--no-ignore'])).files).toHaveLength(5);
  });

  test('a file or folder named on the command line that they exclude is not read, with a notice', async () => {
    const root = tree('named-tool', files);
    const run = await read(root, ['vendor', 'sub/a.draft.yaml', 'app.yaml']);
    expect(run.files).toEqual(['app.yaml']);
    expect(run.stderr).toContain('vendor: not read: ignored by .k8s-svc-lintignore:2 (vendor/); --no-ignore reads it');
    expect(run.stderr).toContain('sub/a.draft.yaml: not read: ignored by sub/.k8s-svc-lintignore:1 (*.draft.yaml); --no-ignore reads it');
  });

  test('the configuration file\'s ignore list', async () => {
    const root = tree('config-ignore', { ...files, '.k8s-svc-lint.yaml': 'ignore:\n  - sub/\n' });
    const run = await read(root, ['.', 'sub']);
    expect(run.files).toEqual(['app.yaml', 'charts/x/values.yaml']);
    expect(run.stderr).toContain('sub: not read: ignored by the configuration file (sub/)');
  });
});

describe('quoted globs', () => {
  const root = tree('globs', {
    'k8s/a/app.yaml': configMap('a'),
    'k8s/b/app.yml': configMap('b'),
    'k8s/b/notes.txt': 'not yaml\n',
    'k8s/node_modules/x.yaml': configMap('x'),
    'other/c.yaml': configMap('c'),
  });

  test('are expanded by the tool, manifests only; a folder a glob matches is searched', async () => {
    expect((await read(root, ['k8s/**/*.{yaml,yml}'])).files).toEqual(['k8s/a/app.yaml', 'k8s/b/app.yml']);
    expect((await read(root, ['k8s/*'])).files).toEqual(['k8s/a/app.yaml', 'k8s/b/app.yml']);
  });

  test('a glob matching nothing is a usage error, like a missing path', async () => {
    const run = await read(root, ['nothing/**/*.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file or directory, or no file matches the glob: nothing/**/*.yaml');
  });
});

describe('symbolic links to folders', () => {
  test('an alias of a folder in the input is called so, not a loop; each file is read once, by its real path', async () => {
    const root = tree('alias', { 'v2/app.yaml': configMap('app') });
    symlinkSync('v2', path.join(root, 'current'));
    const run = await read(root, ['.']);
    expect(run.files).toEqual(['v2/app.yaml']);
    expect(run.stderr).toContain('current: a symbolic link to v2, which is also in the input (an alias, not a loop): its files were read once, under v2');
    expect(run.stderr).not.toContain('loop (');
  });

  test('a link to a folder above it is a loop', async () => {
    const root = tree('loop', { 'a/app.yaml': configMap('app') });
    symlinkSync('..', path.join(root, 'a', 'up'));
    const run = await read(root, ['.']);
    expect(run.files).toEqual(['a/app.yaml']);
    expect(run.stderr).toContain('a/up: a symbolic link loop (a link to ., a folder above it): its files were read once, under .');
  });
});
