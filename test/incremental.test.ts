/**
 * The language server's incremental analysis never disagrees with a whole run: after every
 * edit of a random sequence (values changed, lines and documents deleted, files emptied, new
 * files added before the others, buffers closed), the findings of the workspace kept across the
 * edits equal those of a workspace read afresh with the same buffers — on the examples, the
 * rule fixtures, the shared corpora and a generated corpus.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
// (the corpus generator's mulberry32: the same edits every run)
import { generateCorpus, random, writeCorpus } from '../bench/generate.js';
import type { Workspace } from '../src/language/workspace.js';
import { buildResolveReport } from '../src/report/resolve.js';
import { languageService } from './helpers/language.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-incremental-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One random edit of the workspace's buffers; returns what it did, for the failure message. */
function edit(workspace: Workspace, buffers: Map<string, string>, files: readonly string[], rng: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const file = pick(files);
  const text = buffers.get(file) ?? workspace.text(file) ?? '';
  const lines = text.split('\n');
  const set = (next: string, what: string) => {
    buffers.set(file, next);
    workspace.change(file, next);
    return `${what} in ${file}`;
  };
  const kind = rng();
  if (kind < 0.45) {
    // a value changed: a label, a port name, a selector, a name
    const values = lines.flatMap((line, i) => (/^\s*(- )?[\w./-]+: [\w.-]+\s*$/.test(line) ? [i] : []));
    if (values.length === 0) return 'nothing';
    const i = pick(values);
    const next = [...lines];
    next[i] = `${next[i]!.trimEnd()}${rng() < 0.5 ? 'x' : '-2'}`;
    return set(next.join('\n'), `line ${i + 1} changed`);
  }
  if (kind < 0.6) {
    const i = Math.floor(rng() * lines.length);
    return set([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), `line ${i + 1} deleted`);
  }
  if (kind < 0.68) {
    const documents = text.split(/^---$/m);
    if (documents.length < 2) return set('', 'emptied');
    const i = Math.floor(rng() * documents.length);
    return set([...documents.slice(0, i), ...documents.slice(i + 1)].join('---'), `document ${i + 1} deleted`);
  }
  if (kind < 0.78) {
    // a new file that sorts before the others, copied from one of them
    const name = `0-new-${Math.floor(rng() * 1000)}.yaml`;
    buffers.set(name, text);
    workspace.open(name, text);
    return `${name} added as a copy of ${file}`;
  }
  if (kind < 0.83) {
    // objects moved to another namespace of the workspace (or to the default one): the
    // resolutions of both namespaces are stale
    const namespaces = [...new Set([...text.matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1]!))];
    const other = pick([...namespaces.map((n) => `${n}-2`), 'default', 'team-0', 'team-1', 'prod', 'staging']);
    const all = rng() < 0.6; // every object of the file, or the first
    const where = all ? 'every object' : 'the first object';
    if (/^ {2}namespace: /m.test(text) && rng() < 0.7) {
      return set(text.replace(all ? /^ {2}namespace: \S+$/gm : /^ {2}namespace: \S+$/m, `  namespace: ${other}`), `${where} moved to namespace ${other}`);
    }
    return set(text.replace(all ? /^metadata:\n(?! {2}namespace:)/gm : /^metadata:\n/m, `metadata:\n  namespace: ${other}\n`), `namespace ${other} set on ${where}`);
  }
  if (kind < 0.9 && buffers.size > 0) {
    const open = pick([...buffers.keys()]);
    buffers.delete(open);
    workspace.close(open);
    return `${open} closed`;
  }
  return set(text.replace(/\bapp(\.kubernetes\.io\/name)?: /, (m) => `${m}z`), 'a label value changed');
}

/** Findings of a workspace, as the editor and the CLI would see them, and what `resolve` would show. */
function findings(workspace: Workspace): string {
  const { results, model, index } = workspace.analysis;
  return JSON.stringify({ results, resolve: buildResolveReport(model, index) });
}

/** Every kustomization under a folder, relative to it. */
function kustomizations(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => /(^|\/)kustomization\.ya?ml$/.test(file));
}

/**
 * A kustomization changed on disk (the folder is a scratch copy): a resource or patch dropped,
 * its namespace changed or dropped; the editor's watcher reports it.
 */
function editKustomization(workspace: Workspace, root: string, rng: () => number): string {
  const files = kustomizations(root);
  const file = files[Math.floor(rng() * files.length)]!;
  const absolute = path.join(root, file);
  const text = readFileSync(absolute, 'utf8');
  const kind = rng();
  let next: string;
  if (kind < 0.4 && /^namespace: /m.test(text)) next = text.replace(/^namespace: (\S+)$/m, (_, n: string) => (rng() < 0.5 ? '' : `namespace: ${n}-2`));
  else if (kind < 0.6) next = text.replace(/^kind: Kustomization$/m, `kind: Kustomization\nnamespace: ${rng() < 0.5 ? 'default' : 'prod'}`);
  else {
    const items = [...text.matchAll(/^ {2}- .*$/gm)];
    if (items.length === 0) return 'nothing';
    const item = items[Math.floor(rng() * items.length)]!;
    next = text.slice(0, item.index) + text.slice(item.index + item[0].length + 1);
  }
  writeFileSync(absolute, next);
  workspace.filesChanged([{ absolute, kind: 'changed' }]);
  return `${file} changed on disk`;
}

function check(root: string, steps: number, seed: number, args: readonly string[] = [], onDisk = false): void {
  const kept = languageService(root, { args });
  const files = kept.workspace.analysis.model.files.map((f) => f.path);
  const rng = random(seed);
  const buffers = new Map<string, string>();
  const done: string[] = [];
  for (let step = 0; step < steps; step++) {
    done.push(onDisk && rng() < 0.3 ? editKustomization(kept.workspace, root, rng) : edit(kept.workspace, buffers, files, rng));
    const fresh = languageService(root, { args });
    for (const [file, text] of buffers) fresh.workspace.open(file, text);
    expect(findings(kept.workspace), `after: ${done.join('; ')}`).toBe(findings(fresh.workspace));
  }
}

describe('the analysis kept across edits equals one made afresh', () => {
  test('examples/shop and the Service graph fixture', () => {
    check(path.resolve('examples/shop'), 40, 1);
    check(path.resolve('test/fixtures/resolve/service-graph'), 40, 2);
  });

  test("a Rollout's workloadRef in one file, the Deployment it names in another", () => {
    const root = path.resolve('test/fixtures/resolve/service-graph');
    const kept = languageService(root);
    const traffic = kept.workspace.text('traffic.yaml')!;
    const compare = (buffers: Record<string, string>) => {
      const fresh = languageService(root);
      for (const [file, text] of Object.entries(buffers)) fresh.workspace.open(file, text);
      expect(findings(kept.workspace)).toBe(findings(fresh.workspace));
    };
    expect(findings(kept.workspace)).toContain('Deployment/tracker (pods of Rollout/tracker)');
    const unnamed = traffic.replace('    kind: Deployment\n    name: tracker\n', '    kind: Deployment\n    name: tracker-v2\n');
    kept.workspace.change('traffic.yaml', unnamed);
    compare({ 'traffic.yaml': unnamed });
    expect(findings(kept.workspace)).not.toContain('(pods of Rollout/tracker)');
    kept.workspace.close('traffic.yaml');
    compare({});
  });

  test('the rule fixtures, all in one workspace', { timeout: 120_000 }, () => {
    check(path.resolve('fixtures'), 25, 3);
  });

  test('the shared corpora', { timeout: 120_000 }, () => {
    for (const [corpus, seed] of [
      ['microservices-demo', 4],
      ['istio-bookinfo', 5],
      ['k8s-examples', 6],
    ] as const) {
      check(path.resolve('../shared/corpora', corpus), 12, seed);
    }
  });

  test('kustomize trees (overlays, a namespace moved by a build, patches) beside plain manifests, kustomizations edited on disk', { timeout: 120_000 }, () => {
    const root = path.join(scratch, 'kustomize');
    cpSync(path.resolve('test/fixtures/resolve/kustomize-overlays'), path.join(root, 'overlays'), { recursive: true });
    cpSync(path.resolve('fixtures/service-selector-no-match/good/kustomize-namespace'), path.join(root, 'operator'), { recursive: true });
    cpSync(path.resolve('fixtures/service-selector-no-match/bad/kustomize-siblings'), path.join(root, 'siblings'), { recursive: true });
    cpSync(path.resolve('fixtures/workload-selector-mismatch/good/kustomize-patches'), path.join(root, 'patches'), { recursive: true });
    // plain manifests in the namespaces the builds use: pods a built Service may select
    cpSync(path.resolve('examples/shop'), path.join(root, 'plain'), { recursive: true });
    expect(kustomizations(root).length).toBeGreaterThan(5);
    // the Service (namespace shop-operator-system) selects the Deployment (namespace system) only
    // because config/default moves both: an edit of the Deployment changes the Service's resolution
    const kept = languageService(root);
    const manager = 'operator/config/manager/manager.yaml';
    const broken = kept.workspace.text(manager)!.replaceAll('control-plane: controller-manager', 'control-plane: manager');
    const unmatched = String.raw`Service \"webhook-service\" selects no pods`;
    expect(findings(kept.workspace)).not.toContain(unmatched);
    kept.workspace.change(manager, broken);
    const fresh = languageService(root);
    fresh.workspace.open(manager, broken);
    expect(findings(fresh.workspace)).toContain(unmatched);
    expect(findings(kept.workspace)).toBe(findings(fresh.workspace));
    check(root, 60, 9, [], true);
  });

  test('roots that stop being alternatives when an object of another namespace is renamed', () => {
    const root = path.join(scratch, 'alternatives');
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    const settings = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: config\ndata:\n  a: b\n`;
    write('blue/kustomization.yaml', 'resources:\n  - settings.yaml\n  - service.yaml\n');
    write('blue/settings.yaml', settings('settings'));
    write('blue/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n');
    write('green/kustomization.yaml', 'resources:\n  - settings.yaml\n  - web.yaml\n');
    write('green/settings.yaml', settings('settings'));
    write(
      'green/web.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n',
    );
    // both builds make ConfigMap config/settings: alternatives, so the Service (in blue) selects no pods (in green)
    const kept = languageService(root);
    const otherBuild = 'selects no pods of its kustomize build';
    expect(findings(kept.workspace)).toContain(otherBuild);
    kept.workspace.change('green/settings.yaml', settings('green-settings'));
    const fresh = languageService(root);
    fresh.workspace.open('green/settings.yaml', settings('green-settings'));
    expect(findings(fresh.workspace)).not.toContain(otherBuild);
    expect(findings(kept.workspace)).toBe(findings(fresh.workspace));
  });

  test('a generated corpus of 300 apps', { timeout: 120_000 }, () => {
    const root = path.join(scratch, 'generated');
    writeCorpus(root, generateCorpus({ apps: 300, seed: 7 }));
    check(root, 15, 8);
  });
});
