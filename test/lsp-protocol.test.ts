/**
 * `k8s-svc-lint lsp --stdio` driven over a real JSON-RPC connection (vscode-languageserver-protocol),
 * as an editor drives it: initialize, findings pushed for the workspace, open and change a
 * buffer, findings of another file updated, hover, definition, references, a quick fix applied,
 * close (back to the disk copy), files changed on disk, a broken configuration, shutdown.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CodeAction, Hover, Location, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../bench/lsp-client.js';
import { lintJson } from './helpers/cli.js';
import { applyEdits, positionOf } from './helpers/language.js';

const BIN = path.resolve('bin/k8s-svc-lint.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-lsp-'));
const root = path.join(scratch, 'shop');
const uri = (file: string) => pathToFileURL(path.join(root, file)).href;
const text = (file: string) => readFileSync(path.join(root, file), 'utf8');
/** `line:column rule` (1-based) of a file's latest diagnostics. */
const findings = (client: LspClient, file: string) => (client.diagnostics.get(uri(file)) ?? []).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

let client: LspClient;

beforeAll(async () => {
  cpSync('test/fixtures/language/shop', root, { recursive: true });
  cpSync('examples/shop/checkout.yaml', path.join(root, 'checkout.yaml'));
  ({ client } = await LspClient.start(process.execPath, [BIN, 'lsp', '--stdio'], root));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('k8s-svc-lint lsp --stdio', () => {
  test('pushes the findings of the workspace that the CLI reports, with related locations and a link to the rule', async () => {
    await client.waitFor(() => client.diagnostics.has(uri('checkout.yaml')));
    const { results } = await lintJson(['.'], { cwd: root });
    for (const result of results.filter((r) => r.messages.length > 0)) {
      expect(findings(client, result.filePath)).toEqual(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`));
    }
    const diagnostic = client.diagnostics.get(uri('checkout.yaml'))![0]!;
    expect(diagnostic).toMatchObject({ severity: 1, source: 'k8s-svc-lint', code: 'service-selector-no-match' });
    expect(diagnostic.codeDescription!.href).toMatch(/\/rules\/service-selector-no-match\.md$/);
    expect(diagnostic.relatedInformation![0]!.location.uri).toBe(uri('checkout.yaml'));
    // the server watches manifests and its settings files
    expect(JSON.stringify(client.registrations)).toContain('workspace/didChangeWatchedFiles');
  });

  test("an edit in a buffer updates another file's findings", async () => {
    const deploy = text('deploy.yaml');
    await client.open(uri('deploy.yaml'), deploy);
    const from = positionOf(deploy, 'app: web', 5, 2);
    await client.change(uri('deploy.yaml'), 'webb', { start: from, end: { line: from.line, character: from.character + 3 } });
    await client.waitFor(() => findings(client, 'svc.yaml').length > 0);
    expect(findings(client, 'svc.yaml')).toEqual(['8:3 service-selector-no-match']);
    expect(findings(client, 'deploy.yaml')).toEqual(['8:3 workload-selector-mismatch']);
  });

  test('closing the buffer falls back to the file on disk', async () => {
    await client.close(uri('deploy.yaml'));
    await client.waitFor(() => findings(client, 'svc.yaml').length === 0 && findings(client, 'deploy.yaml').length === 0);
  });

  test('hover shows what resolve shows', async () => {
    const svc = text('svc.yaml');
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri('svc.yaml') }, position: positionOf(svc, 'name: web', 7) })) as Hover;
    expect(hover.contents).toEqual({ kind: 'markdown', value: expect.stringContaining('Service shop/web (ClusterIP)  svc.yaml:2\n  selector: app=web\n  http 80/TCP → http\n    Deployment/web  web:8080') });
  });

  test('go to definition and find references', async () => {
    const svc = text('svc.yaml');
    const definition = (await client.connection.sendRequest('textDocument/definition', { textDocument: { uri: uri('svc.yaml') }, position: positionOf(svc, 'targetPort: http', 13) })) as Location[];
    expect(definition).toEqual([{ uri: uri('deploy.yaml'), range: { start: { line: 22, character: 20 }, end: { line: 22, character: 24 } } }]);
    const cart = text('cart.yaml');
    const references = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: uri('cart.yaml') },
      position: positionOf(cart, 'cart'),
      context: { includeDeclaration: false },
    })) as Location[];
    expect(references.map((r) => `${r.uri}:${r.range.start.line + 1}`)).toEqual([`${uri('deploy.yaml')}:21`]);
  });

  test('a quick fix applied removes the finding', async () => {
    const checkout = text('checkout.yaml');
    const diagnostic = client.diagnostics.get(uri('checkout.yaml'))![0]!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri('checkout.yaml') },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Change "chekout" to "checkout"', 'Disable service-selector-no-match for this line']);
    const fix = actions[0]!;
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
    const edits = fix.edit!.changes![uri('checkout.yaml')] as TextEdit[];
    await client.open(uri('checkout.yaml'), checkout);
    await client.change(uri('checkout.yaml'), applyEdits(checkout, edits));
    await client.waitFor(() => findings(client, 'checkout.yaml').length === 0);
    await client.close(uri('checkout.yaml'));
    await client.waitFor(() => findings(client, 'checkout.yaml').length === 1);
  });

  test('files created and changed on disk are read again', async () => {
    writeFileSync(path.join(root, 'extra.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\n  namespace: shop\nspec:\n  selector:\n    app: extra\n  ports:\n    - port: 80\n');
    await client.filesChanged([{ uri: uri('extra.yaml'), type: 1 }]);
    await client.waitFor(() => findings(client, 'extra.yaml').length === 1);
    writeFileSync(path.join(root, 'extra.yaml'), text('extra.yaml').replace('app: extra', 'app: cart').replace('port: 80', 'port: 8080'));
    await client.filesChanged([{ uri: uri('extra.yaml'), type: 2 }]);
    await client.waitFor(() => findings(client, 'extra.yaml').length === 0);
  });

  test('a configuration that cannot be used is shown on it; fixing it lints again', async () => {
    writeFileSync(path.join(root, '.k8s-svc-lint.yaml'), 'rules:\n  no-such-rule: off\n');
    await client.filesChanged([{ uri: uri('.k8s-svc-lint.yaml'), type: 1 }]);
    await client.waitFor(() => (client.diagnostics.get(uri('.k8s-svc-lint.yaml')) ?? []).length === 1);
    expect(client.diagnostics.get(uri('.k8s-svc-lint.yaml'))![0]!.message).toContain('unknown rule "no-such-rule"');
    expect(findings(client, 'checkout.yaml')).toEqual([]);
    writeFileSync(path.join(root, '.k8s-svc-lint.yaml'), 'rules:\n  service-selector-no-match: warn\n');
    await client.filesChanged([{ uri: uri('.k8s-svc-lint.yaml'), type: 2 }]);
    await client.waitFor(() => (client.diagnostics.get(uri('checkout.yaml')) ?? [])[0]?.severity === 2);
    expect(client.diagnostics.get(uri('.k8s-svc-lint.yaml'))).toEqual([]);
  });

  test('shuts down and exits 0', async () => {
    expect(await client.stop()).toBe(0);
  });
});
