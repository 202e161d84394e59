/**
 * editors/vscode, the VS Code extension: packaged to a .vsix with @vscode/vsce (installed in
 * editors/vscode by `npm test`, with its own lock file, like test/consumers), and the way it
 * finds the k8s-svc-lint to start.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { runCommand } from './helpers/process.js';

const EXTENSION = path.resolve('editors/vscode');
const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-vscode-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The files of a zip archive (a .vsix is one), by name. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = archive.readUInt16LE(offset + 10);
    const size = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const local = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    const data = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const stored = archive.subarray(data, data + size);
    files.set(name, method === 8 ? inflateRawSync(stored) : stored);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

describe('editors/vscode', () => {
  test('packages to a .vsix with @vscode/vsce: the bundled client, its manifest and README, no node_modules', { timeout: 300_000 }, async () => {
    let vsce: string;
    try {
      vsce = createRequire(path.join(EXTENSION, 'package.json')).resolve('@vscode/vsce/vsce');
    } catch {
      throw new Error('@vscode/vsce is not installed: run npm install --prefix editors/vscode (npm test does)');
    }
    const vsix = path.join(scratch, 'k8s-svc-lint.vsix');
    const packaged = await runCommand(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', vsix], { cwd: EXTENSION });
    expect(packaged.status, packaged.output).toBe(0);
    const files = unzip(readFileSync(vsix));
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/dist/extension.js',
      'extension/package.json',
      'extension/readme.md',
    ]);
    const manifest = JSON.parse(files.get('extension/package.json')!.toString()) as { main: string; engines: { vscode: string }; activationEvents: string[] };
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.activationEvents).toEqual(['onLanguage:yaml', 'onLanguage:json']);
    const bundle = files.get('extension/dist/extension.js')!.toString();
    // the language client is inside; vscode is the editor's
    expect(bundle).toContain('k8sSvcLint');
    expect(bundle).toMatch(/require\("vscode"\)/);
    expect(bundle).not.toMatch(/require\("vscode-languageclient/);
    expect(files.get('extension.vsixmanifest')!.toString()).toContain('Id="k8s-svc-lint"');
  });

  test("starts the workspace's own k8s-svc-lint, else the setting's, else the one on the PATH", () => {
    const { serverCommand } = createRequire(import.meta.url)(path.join(EXTENSION, 'server-command.js')) as {
      serverCommand: (options: { setting?: string; folders: readonly string[] }) => { module: string } | { command: string };
    };
    const folder = path.join(scratch, 'project');
    const bin = path.join(folder, 'node_modules', 'k8s-svc-lint', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, 'k8s-svc-lint.js'), '');
    expect(serverCommand({ folders: [path.join(scratch, 'other'), folder] })).toEqual({ module: path.join(bin, 'k8s-svc-lint.js') });
    expect(serverCommand({ setting: '/opt/k8s-svc-lint/bin/k8s-svc-lint.js', folders: [folder] })).toEqual({ module: '/opt/k8s-svc-lint/bin/k8s-svc-lint.js' });
    expect(serverCommand({ setting: 'k8s-svc-lint-wrapper', folders: [folder] })).toEqual({ command: 'k8s-svc-lint-wrapper' });
    expect(serverCommand({ folders: [path.join(scratch, 'other')] })).toEqual({ command: 'k8s-svc-lint' });
  });
});
