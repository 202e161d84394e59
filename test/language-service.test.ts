/**
 * The language service called directly (no protocol): findings as the CLI gives them, updated
 * across files as buffers change; hover, definition, references; and quick fixes — every "did you
 * mean" of every rule fixture offers one, and applying it removes the finding.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { RULES } from '../rules/index.js';
import { applyEdits, brief, languageService, positionOf, rangeOf } from './helpers/language.js';
import { lintJson } from './helpers/cli.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-language-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a fixture folder to change on disk. */
function copy(fixture: string): string {
  const target = mkdtempSync(path.join(scratch, 'ws-'));
  cpSync(fixture, target, { recursive: true });
  return target;
}

const SHOP = path.resolve('test/fixtures/language/shop');
const GRAPH = path.resolve('test/fixtures/resolve/service-graph');

describe('doValidation', () => {
  test('gives the findings the CLI gives, file by file', async () => {
    for (const folder of [path.resolve('examples/shop'), GRAPH]) {
      const service = languageService(folder);
      const published = service.doValidation();
      const { results } = await lintJson(['.'], { cwd: folder });
      for (const result of results) {
        const shown = (published.get(result.filePath) ?? []).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code} ${d.message}`);
        expect(shown, result.filePath).toEqual(result.messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`));
      }
      expect([...published.keys()].sort()).toEqual(results.filter((r) => r.messages.length > 0).map((r) => r.filePath).sort());
    }
  });

  test('a kustomize tree is linted file by file, as the CLI lints it without --render, even when the configuration asks for render', async () => {
    const folder = copy(path.resolve('test/fixtures/render/kustomize'));
    const shown = (service: ReturnType<typeof languageService>) =>
      [...service.doValidation()].flatMap(([file, list]) => list.map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`)).sort();
    const { results } = await lintJson(['.'], { cwd: folder });
    const cli = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column} ${m.ruleId}`)).sort();
    expect(cli.length).toBeGreaterThan(0);
    expect(shown(languageService(folder))).toEqual(cli);
    writeFileSync(path.join(folder, '.k8s-svc-lint.yaml'), 'render: true\nhelmValues: [missing-values.yaml]\n');
    const warnings: string[] = [];
    expect(shown(languageService(folder, {}, (text) => warnings.push(text)))).toEqual(cli);
    expect(warnings.join('\n')).toContain('render: true is for the command line');
  });

  test('an edit in one file updates the findings of another, and only changed files are returned', () => {
    const service = languageService(SHOP);
    expect(service.doValidation().size).toBe(0);
    const deploy = readFileSync(path.join(SHOP, 'deploy.yaml'), 'utf8');
    // the pod template's label no longer matches the Service's selector
    service.workspace.change('deploy.yaml', deploy.replace('      labels:\n        app: web', '      labels:\n        app: webb'));
    const changed = service.doValidation();
    expect([...changed.keys()].sort()).toEqual(['deploy.yaml', 'svc.yaml']);
    expect(brief(changed.get('svc.yaml')!)).toEqual(['8:3 service-selector-no-match']);
    expect(changed.get('svc.yaml')![0]!.message).toContain('did you mean app=webb?');
    expect(brief(changed.get('deploy.yaml')!)).toEqual(['8:3 workload-selector-mismatch']);
    // nothing changed since: nothing to publish
    expect(service.doValidation().size).toBe(0);
    // closing the buffer falls back to the file on disk: both files are clean again
    service.workspace.close('deploy.yaml');
    const cleared = service.doValidation();
    expect([...cleared.entries()].map(([file, list]) => `${file} ${list.length}`).sort()).toEqual(['deploy.yaml 0', 'svc.yaml 0']);
  });

  test('an unsaved new buffer is linted; closing it drops it', () => {
    const service = languageService(SHOP);
    service.doValidation();
    service.workspace.open('new.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n');
    expect(brief(service.doValidation().get('new.yaml')!)).toEqual(['7:3 service-selector-no-match']);
    service.workspace.close('new.yaml');
    expect(service.doValidation().get('new.yaml')).toEqual([]);
  });

  test('files created, changed and deleted on disk are read again', () => {
    const root = copy(SHOP);
    const service = languageService(root);
    expect(service.doValidation().size).toBe(0);
    writeFileSync(path.join(root, 'extra.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\n  namespace: shop\nspec:\n  selector:\n    app: extra\n  ports:\n    - port: 80\n');
    service.workspace.filesChanged([{ absolute: path.join(root, 'extra.yaml'), kind: 'created' }]);
    expect(brief(service.doValidation().get('extra.yaml')!)).toEqual(['7:3 service-selector-no-match']);
    const cart = path.join(root, 'cart.yaml');
    writeFileSync(cart, readFileSync(cart, 'utf8').replace('        app: cart\n    spec:', '        app: carts\n    spec:'));
    service.workspace.filesChanged([{ absolute: cart, kind: 'changed' }]);
    expect(brief(service.doValidation().get('cart.yaml')!).sort()).toEqual(['18:3 workload-selector-mismatch', '7:3 service-selector-no-match']);
    rmSync(path.join(root, 'extra.yaml'));
    service.workspace.filesChanged([{ absolute: path.join(root, 'extra.yaml'), kind: 'deleted' }]);
    expect(service.doValidation().get('extra.yaml')).toEqual([]);
  });

  test('files the CLI would leave out (.k8s-svc-lintignore, a Helm chart) are left out', () => {
    const root = copy(SHOP);
    writeFileSync(path.join(root, '.k8s-svc-lintignore'), 'cart.yaml\n');
    const service = languageService(root);
    service.doValidation();
    expect(service.workspace.includes('cart.yaml')).toBe(false);
    expect(service.workspace.includes('svc.yaml')).toBe(true);
    // the cart Service is gone, so the env value that calls it is a finding now
    expect(brief(service.diagnosticsOf('deploy.yaml'))).toEqual(['21:22 service-reference-unknown']);
  });
});

describe('hostile buffers', () => {
  test('text that does not parse, an alias bomb, binary text: findings, no failure; hover and definition answer nothing', () => {
    const service = languageService(SHOP);
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
    service.workspace.open('broken.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n');
    service.workspace.open('bomb.yaml', bomb);
    service.workspace.open('nul.yaml', 'kind: Service\u0000\napiVersion: v1\n');
    const published = service.doValidation();
    expect(brief(published.get('broken.yaml')!)).toEqual([expect.stringMatching(/ yaml-syntax$/)]);
    expect(brief(published.get('bomb.yaml')!)).toEqual([expect.stringMatching(/ yaml-syntax$/)]);
    for (const file of ['broken.yaml', 'bomb.yaml', 'nul.yaml']) {
      for (const position of [{ line: 0, character: 0 }, { line: 3, character: 9 }, { line: 999, character: 999 }]) {
        expect(service.doHover(file, position)).toBeUndefined();
        expect(service.findDefinition(file, position)).toEqual([]);
        expect(service.findReferences(file, position)).toEqual([]);
      }
    }
  });
});

describe('doHover', () => {
  const service = languageService(SHOP);
  const svc = readFileSync(path.join(SHOP, 'svc.yaml'), 'utf8');
  const deploy = readFileSync(path.join(SHOP, 'deploy.yaml'), 'utf8');

  test("on a Service's name or selector: the workloads and ports it reaches, as resolve shows them", () => {
    const hover = service.doHover('svc.yaml', positionOf(svc, 'name: web', 7))!;
    expect(hover.contents).toBe(
      ['```text', 'Service shop/web (ClusterIP)  svc.yaml:2', '  selector: app=web', '  http 80/TCP → http', '    Deployment/web  web:8080', '```'].join('\n'),
    );
    expect(hover.range).toEqual({ start: positionOf(svc, 'web'), end: positionOf(svc, 'web', 3) });
    expect(service.doHover('svc.yaml', positionOf(svc, 'app: web'))!.contents).toBe(hover.contents);
  });

  test('on a port: that port', () => {
    expect(service.doHover('svc.yaml', positionOf(svc, 'targetPort: http', 13))!.contents).toContain('http 80/TCP → http\n    Deployment/web  web:8080');
  });

  test("on a workload's pod labels: the Services that select it, and what reaches it through them", () => {
    const hover = service.doHover('deploy.yaml', positionOf(deploy, 'app: web', 0, 2))!;
    expect(hover.contents).toContain('Deployment/web in shop\n  selected by:\n    Service web  http 80/TCP → web:8080  svc.yaml:2');
  });

  test('on an env value calling a Service: that Service and the port called', () => {
    const hover = service.doHover('deploy.yaml', positionOf(deploy, 'http://cart', 8))!;
    expect(hover.contents).toContain('Service shop/cart (ClusterIP)  cart.yaml:1');
    expect(hover.contents).toContain('8080/TCP → 8080\n    Deployment/cart  cart:8080');
    expect(hover.contents).toContain('called by:\n    Deployment/web  web: env CART_URL "http://cart:8080"  deploy.yaml:21');
  });

  test('on an Ingress backend: its Service', () => {
    expect(service.doHover('svc.yaml', positionOf(svc, 'name: web', 7, 3))!.contents).toContain('Service shop/web (ClusterIP)');
  });

  test('elsewhere: nothing', () => {
    expect(service.doHover('deploy.yaml', positionOf(deploy, 'image:'))).toBeUndefined();
    expect(service.doHover('no-such.yaml', { line: 0, character: 0 })).toBeUndefined();
  });
});

describe('findDefinition and findReferences', () => {
  const service = languageService(SHOP);
  const svc = readFileSync(path.join(SHOP, 'svc.yaml'), 'utf8');
  const deploy = readFileSync(path.join(SHOP, 'deploy.yaml'), 'utf8');
  const where = (ranges: { file: string; range: { start: { line: number; character: number } } }[]) => ranges.map((r) => `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}`);

  test('selector → the pod template labels it selects', () => {
    expect(where(service.findDefinition('svc.yaml', positionOf(svc, 'app: web')))).toEqual(['deploy.yaml:13:7']);
  });

  test('named targetPort → the container port', () => {
    expect(where(service.findDefinition('svc.yaml', positionOf(svc, 'targetPort: http', 13)))).toEqual(['deploy.yaml:23:21']);
  });

  test('Ingress backend → the Service, and its port name → the Service port', () => {
    expect(where(service.findDefinition('svc.yaml', positionOf(svc, 'name: web', 7, 3)))).toEqual(['svc.yaml:5:9']);
    expect(where(service.findDefinition('svc.yaml', positionOf(svc, 'name: http', 7, 2)))).toEqual(['svc.yaml:11:7']);
  });

  test('env value → the Service and the port it calls', () => {
    expect(where(service.findDefinition('deploy.yaml', positionOf(deploy, 'http://cart', 8)))).toEqual(['cart.yaml:4:9', 'cart.yaml:10:7']);
  });

  test("a Service's name → everything that calls or routes to it", () => {
    const cart = readFileSync(path.join(SHOP, 'cart.yaml'), 'utf8');
    expect(where(service.findReferences('cart.yaml', positionOf(cart, 'cart', 0)))).toEqual(['deploy.yaml:21:22']);
    expect(where(service.findReferences('svc.yaml', positionOf(svc, 'name: web', 7)))).toEqual(['svc.yaml:28:23']);
    expect(where(service.findReferences('svc.yaml', positionOf(svc, 'name: web', 7), true))[0]).toBe('svc.yaml:5:9');
  });

  test('pod template labels → the selectors that select them', () => {
    expect(where(service.findReferences('deploy.yaml', positionOf(deploy, 'app: web', 0, 2)))).toEqual(['svc.yaml:9:5']);
  });

  test('routes, monitors, Istio and Rollouts lead to their Services, and back', () => {
    const graph = languageService(GRAPH);
    const traffic = readFileSync(path.join(GRAPH, 'traffic.yaml'), 'utf8');
    const app = readFileSync(path.join(GRAPH, 'app.yaml'), 'utf8');
    expect(where(graph.findDefinition('traffic.yaml', positionOf(traffic, 'name: tracker', 6)))).toEqual(['app.yaml:27:9']);
    expect(where(graph.findDefinition('traffic.yaml', positionOf(traffic, 'monitored: "yes"')))).toEqual(['app.yaml:27:9']);
    const references = where(graph.findReferences('app.yaml', positionOf(app, 'name: tracker', 6, 3)));
    const kinds = references.map((r) => {
      const [file, line] = r.split(':');
      const text = readFileSync(path.join(GRAPH, file!), 'utf8').split('\n');
      for (let i = Number(line) - 1; i >= 0; i--) if (text[i]!.startsWith('kind: ')) return text[i]!.slice(6);
      return '?';
    });
    expect([...new Set(kinds)].sort()).toEqual(['DestinationRule', 'GRPCRoute', 'HTTPRoute', 'Rollout', 'ServiceMonitor', 'VirtualService']);
  });
});

describe('getCodeActions', () => {
  test('"disable this rule for this line" puts a comment above the line; the finding goes, and no unused suppression comes', () => {
    const service = languageService(path.resolve('examples/shop'));
    const text = readFileSync('examples/shop/web.yaml', 'utf8');
    const finding = service.diagnosticsOf('web.yaml').find((d) => d.code === 'service-node-port-range')!;
    const disable = service.getCodeActions('web.yaml', finding.range).find((a) => a.title === 'Disable service-node-port-range for this line')!;
    expect(disable.edits).toEqual([{ file: 'web.yaml', range: rangeOf({ line: finding.range.start.line, character: 0 }), newText: '      # k8s-svc-lint-disable-next-line service-node-port-range\n' }]);
    const once = applyEdits(text, disable.edits);
    service.workspace.change('web.yaml', once);
    expect(brief(service.diagnosticsOf('web.yaml'))).toEqual(['14:19 service-target-port-no-match']);
    // a second rule on the line after the comment joins it
    const moved = service.diagnosticsOf('web.yaml')[0]!;
    const targetPortLine = once.split('\n')[moved.range.start.line]!;
    expect(targetPortLine).toContain('targetPort: http');
    const reordered = once.replace(`${targetPortLine}\n      # k8s-svc-lint-disable-next-line service-node-port-range\n`, `      # k8s-svc-lint-disable-next-line service-node-port-range -- reviewed\n${targetPortLine}\n`);
    service.workspace.change('web.yaml', reordered);
    const second = service.diagnosticsOf('web.yaml').find((d) => d.code === 'service-target-port-no-match')!;
    const joined = service.getCodeActions('web.yaml', second.range).find((a) => a.title.startsWith('Disable'))!;
    expect(joined.edits[0]!.newText).toBe('      # k8s-svc-lint-disable-next-line service-node-port-range, service-target-port-no-match -- reviewed');
  });

  test('an unused suppression can be removed', () => {
    const service = languageService(SHOP, { args: ['--rule', 'unused-suppression=warn'] });
    const svc = readFileSync(path.join(SHOP, 'svc.yaml'), 'utf8');
    service.workspace.change('svc.yaml', svc.replace('      port: 80\n', '      port: 80 # k8s-svc-lint-disable-line service-port-invalid\n'));
    const unused = service.diagnosticsOf('svc.yaml').find((d) => d.code === 'unused-suppression')!;
    const remove = service.getCodeActions('svc.yaml', unused.range).find((a) => a.title === 'Remove the unused suppression comment')!;
    service.workspace.change('svc.yaml', applyEdits(service.workspace.text('svc.yaml')!, remove.edits));
    expect(service.workspace.text('svc.yaml')).toBe(svc);
    expect(service.diagnosticsOf('svc.yaml')).toEqual([]);
  });

  test('JSON files get no comment', () => {
    const service = languageService(SHOP);
    service.workspace.open('extra.json', '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x", "namespace": "shop"}, "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "htp"}]}}');
    const finding = service.diagnosticsOf('extra.json')[0]!;
    const titles = service.getCodeActions('extra.json', finding.range).map((a) => a.title);
    expect(titles).toEqual(['Change "htp" to "http"']);
  });

  /** Every bad fixture case of every rule. */
  const cases = RULES.flatMap((rule) => {
    const dir = path.join('fixtures', rule.meta.id, 'bad');
    return existsSync(dir) ? readdirSync(dir).filter((name) => !name.endsWith('.golden') && !name.endsWith('.expect')).map((name) => ({ rule: rule.meta, casePath: path.join(dir, name) })) : [];
  });

  let checked = 0;
  test.each(cases.map((c) => [c.casePath, c] as const))('every "did you mean" in %s has its quick fix, and the fix removes the finding', (_, { rule, casePath }) => {
    if (!existsSync(casePath)) return; // a dangling link (file-unreadable's case)
    const folder = statSync(casePath).isDirectory();
    const first = folder ? '' : (readFileSync(casePath, 'utf8').split('\n')[0] ?? '');
    const args = /fixture-options:\s*(.*)$/.exec(first)?.[1]?.trim().split(/\s+/) ?? [];
    const enable = ['--rule', `${rule.id}=${rule.severity === 'off' ? 'error' : rule.severity}`];
    const service = languageService(path.resolve(casePath, folder ? '.' : '..'), { inputs: [folder ? '.' : path.basename(casePath)], args: [...enable, ...args] });
    const published = service.doValidation();
    for (const [file, diagnostics] of published) {
      for (const diagnostic of diagnostics) {
        if (!/did you mean/i.test(diagnostic.message)) continue;
        const fixes = service.getCodeActions(file, diagnostic.range).filter((a) => a.isPreferred && a.diagnostics[0]!.message === diagnostic.message);
        expect(fixes.length, `${file}:${diagnostic.range.start.line + 1} ${diagnostic.code}: ${diagnostic.message}`).toBe(1);
        const fix = fixes[0]!;
        const suggested = /did you mean "?([^"?]+)"?\?/i.exec(diagnostic.message)![1]!;
        expect(suggested.endsWith(fix.edits[0]!.newText), `${diagnostic.message} → ${fix.edits[0]!.newText}`).toBe(true);
        const before = service.workspace.text(file)!;
        service.workspace.change(file, applyEdits(before, fix.edits));
        const after = service.diagnosticsOf(file).filter((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line && d.message === diagnostic.message);
        expect(after, `applying "${fix.title}" in ${file}`).toEqual([]);
        service.workspace.change(file, before);
        checked++;
      }
    }
  });

  test('(the fixtures hold "did you mean" findings of many rules)', () => {
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
