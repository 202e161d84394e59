/**
 * `--render`: kustomization roots built by the real `kubectl kustomize` (these tests fail with a
 * clear message when kubectl is missing), Helm charts by a stand-in `helm` that prints recorded
 * `helm template` output (test/fixtures/render/fake-helm); findings at the author's lines, one
 * environment per root or chart.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { ResolveReport } from '../src/report/resolve.js';
import { lintJson, runCli, type JsonMessage, type JsonResult } from './helpers/cli.js';
import { renderEnv, requireKubectl } from './helpers/tools.js';

const TREE = 'test/fixtures/render/kustomize';
const CHARTS = 'test/fixtures/render/charts';
const FAKE_HELM = path.resolve('test/fixtures/render/fake-helm');
const RECORDED = 'test/fixtures/render/helm-recorded/web.default.yaml';

const tmp = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-render-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Finding = JsonMessage & { filePath: string; environments?: string[] };

function findings(results: JsonResult[]): Finding[] {
  return results.flatMap((r) => r.messages.map((m) => ({ ...m, filePath: r.filePath })));
}

/** `file:line rule`, the file relative to `base`. */
function where(list: readonly Finding[], base: string): string[] {
  return list.map((f) => `${path.posix.relative(base, f.filePath)}:${f.line} ${f.ruleId}`).sort();
}

async function renderTree(extra: string[] = [], env = renderEnv()) {
  requireKubectl();
  return lintJson(['--render', ...extra, TREE], { env });
}

describe('kustomize: each root rendered by kubectl kustomize, findings at the author\'s lines', () => {
  test('what each overlay gets wrong, where it was written', async () => {
    const run = await renderTree();
    expect(run.code).toBe(1);
    const all = findings(run.results);
    expect(where(all, TREE)).toEqual([
      // the base's Ingress names a port its Service does not have: in every overlay, reported once
      'base/ingress.yaml:16 ingress-backend-no-match',
      // prod's patch renames the container port: its own line is wrong (over 15 characters)…
      'overlays/prod/deployment-tls.yaml:12 container-port-invalid',
      // …and the base's Service and probe, right elsewhere, miss it in prod only
      'base/deployment.yaml:26 probe-port-no-match',
      'base/service.yaml:11 service-target-port-no-match',
      // a JSON 6902 patch written inline in staging's kustomization sets a targetPort no container has
      'overlays/staging/kustomization.yaml:14 service-target-port-no-match',
      // a kustomization that does not build: kustomize's own message at the entry that failed
      'overlays/broken/kustomization.yaml:5 render-failed',
    ].sort());
    const byRule = (rule: string, file: string) => all.find((f) => f.ruleId === rule && f.filePath.endsWith(file))!;

    const renamed = byRule('container-port-invalid', 'deployment-tls.yaml');
    expect(renamed.message).toMatch(/^in overlay test\/fixtures\/render\/kustomize\/overlays\/prod: container "app" .*"https-frontend-tls": must be no more than 15 characters/);
    expect(renamed.environments).toEqual([`${TREE}/overlays/prod`]);

    const target = byRule('service-target-port-no-match', 'base/service.yaml');
    expect(target.message).toContain('in overlay test/fixtures/render/kustomize/overlays/prod: targetPort "http" (TCP) of Service "prod-web"');
    expect(target.object).toEqual({ apiVersion: 'v1', kind: 'Service', namespace: 'shop-prod', name: 'prod-web' });

    // one finding for three overlays, in the names the author wrote (prod-web, web-staging → web)
    const shared = byRule('ingress-backend-no-match', 'ingress.yaml');
    expect(shared.environments).toEqual(['dev', 'prod', 'staging'].map((o) => `${TREE}/overlays/${o}`));
    expect(shared.message).toBe(
      `in overlays ${TREE}/overlays/dev, ${TREE}/overlays/prod, ${TREE}/overlays/staging: Service "web" has no port named "web"; it exposes http 80`,
    );
    expect(shared.column).toBe(25);

    const inline = byRule('service-target-port-no-match', 'staging/kustomization.yaml');
    expect(inline.column).toBe(16);
    expect(inline.message).toContain('in overlay test/fixtures/render/kustomize/overlays/staging: targetPort "web" (TCP) of Service "web-staging"');

    const broken = byRule('render-failed', 'broken/kustomization.yaml');
    expect(broken.message).toMatch(/^kubectl kustomize test\/fixtures\/render\/kustomize\/overlays\/broken failed: accumulating resources: .*canary-deployment\.yaml/);
    expect(broken.column).toBe(5);
  });

  test('labels with includeSelectors, a component and a generator give dev nothing of its own', async () => {
    const run = await renderTree();
    const dev = findings(run.results).filter((f) => f.environments?.includes(`${TREE}/overlays/dev`));
    expect(dev.map((f) => f.ruleId)).toEqual(['ingress-backend-no-match']);
  });

  test('variants (secure and insecure bases of one Deployment) are alternatives: their Services never claim a nodePort of each other; side-by-side apps do', async () => {
    // (kuberay's apiserver/deploy: local/secure and local/insecure make the same Deployment from different bases)
    const variants = 'test/fixtures/render/variants';
    for (const render of [['--render'], []]) {
      requireKubectl();
      const run = await lintJson([...render, variants], { env: renderEnv() });
      expect(where(findings(run.results), variants)).toEqual([
        'apps/backend/app.yaml:33 service-node-port-conflict',
        'apps/frontend/app.yaml:33 service-node-port-conflict',
      ]);
    }
  });

  test('rendered files are not linted twice: no finding from the files as written', async () => {
    const run = await renderTree();
    // (nor from base/legacy-service.yaml, which the base does not list: no build applies it)
    const plain = findings(run.results).filter((f) => f.ruleId !== 'render-failed' && !f.environments);
    expect(plain).toEqual([]);
    // every file read is listed, the rendered output is not (it is no file of the user's)
    expect(run.results.map((r) => r.filePath)).toContain(`${TREE}/overlays/prod/deployment-tls.yaml`);
    expect(run.results.some((r) => r.filePath.includes('kubectl kustomize'))).toBe(false);
  });

  test('resolve --render: each Service labelled with its overlay; namePrefix, namespace and labels followed; overlays never mixed', async () => {
    requireKubectl();
    const run = await runCli(['resolve', '-f', 'json', '--render', TREE], { env: renderEnv() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ResolveReport;
    const services = report.services.map((s) => ({
      service: `${s.namespace}/${s.name}`,
      environment: path.posix.relative(TREE, s.environment!),
      file: path.posix.relative(TREE, s.file),
      selector: s.selector,
      workloads: s.workloads.map((w) => `${w.kind}/${w.name} ${path.posix.relative(TREE, w.environment!)}`),
    }));
    expect(services).toEqual([
      { service: 'default/web', environment: 'overlays/dev', file: 'base/service.yaml', selector: { app: 'web', env: 'dev' }, workloads: ['Deployment/web overlays/dev'] },
      { service: 'default/web-metrics', environment: 'overlays/dev', file: 'components/metrics/service.yaml', selector: { app: 'web', env: 'dev' }, workloads: ['Deployment/web overlays/dev'] },
      { service: 'shop-prod/prod-web', environment: 'overlays/prod', file: 'base/service.yaml', selector: { app: 'web' }, workloads: ['Deployment/prod-web overlays/prod'] },
      // same namespace and labels as dev's Deployment, which it never selects: another environment
      { service: 'default/web-staging', environment: 'overlays/staging', file: 'base/service.yaml', selector: { app: 'web' }, workloads: ['Deployment/web-staging overlays/staging'] },
    ]);
    // the component's JSON 6902 patch added the exporter's port
    const metrics = report.services.find((s) => s.name === 'web-metrics')!;
    expect(metrics.ports[0]!.targets).toEqual([{ workload: 'Deployment/web', container: 'exporter', containerPort: 9090, resolved: true, ready: true }]);
    const table = await runCli(['resolve', '--render', TREE], { env: renderEnv() });
    expect(table.stdout).toContain(`Service shop-prod/prod-web (ClusterIP) in overlay ${TREE}/overlays/prod  ${TREE}/base/service.yaml:1`);
  });

  test('K8S_SVC_LINT_PRECISE=1 gives the same output', async () => {
    const fast = await renderTree();
    const precise = await renderTree([], renderEnv({ K8S_SVC_LINT_PRECISE: '1' }));
    expect(precise.results).toEqual(fast.results);
  });

  test('a suppression comment in a base file suppresses the finding of every overlay', async () => {
    requireKubectl();
    const copy = path.join(tmp, 'suppressed');
    cpSync(TREE, copy, { recursive: true });
    const ingress = path.join(copy, 'base/ingress.yaml');
    // the port name of the backend (line 16), not the names of the Ingress and Service above it
    writeFileSync(ingress, readFileSync(ingress, 'utf8').replace('                  name: web\n', '                  name: web # k8s-svc-lint-disable-line ingress-backend-no-match\n'));
    expect(readFileSync(ingress, 'utf8')).toContain('k8s-svc-lint-disable-line');
    const run = await lintJson(['--render', '--rule', 'unused-suppression=error', '.'], { cwd: copy, env: renderEnv() });
    const rules = findings(run.results).map((f) => f.ruleId);
    expect(rules).not.toContain('ingress-backend-no-match');
    expect(rules).not.toContain('unused-suppression');
  });

  test('without kustomize or kubectl on PATH: one notice per root with the command, and the files linted as they are', async () => {
    const run = await lintJson(['--render', TREE], { env: { PATH: path.join(tmp, 'empty-bin') } });
    for (const root of ['overlays/broken', 'overlays/dev', 'overlays/prod', 'overlays/staging']) {
      expect(run.stderr).toContain(`${TREE}/${root}: not rendered (neither kustomize nor kubectl is on PATH), linted file by file instead; to render it: kubectl kustomize ${TREE}/${root}`);
    }
    expect(where(findings(run.results), TREE)).toEqual([
      'base/ingress.yaml:16 ingress-backend-no-match',
      // a file its kustomization does not list is judged by what it holds
      'base/legacy-service.yaml:7 service-selector-no-match',
      'overlays/prod/deployment-tls.yaml:12 container-port-invalid',
    ]);
    for (const finding of findings(run.results)) expect(finding.message).not.toMatch(/^in overlay/);
  });

  test('--kustomize-command chooses the tool; one that is not there is a notice', async () => {
    const chosen = await renderTree(['--kustomize-command', 'kubectl']);
    expect(where(findings(chosen.results), TREE)).toContain('overlays/prod/deployment-tls.yaml:12 container-port-invalid');
    expect(findings(chosen.results).find((f) => f.ruleId === 'render-failed')!.message).toMatch(/^kubectl kustomize /);
    const missing = await renderTree(['--kustomize-command', 'no-such-kustomize build']);
    expect(missing.stderr).toContain('not rendered (no-such-kustomize is not on PATH)');
  });

  test('render: true in the configuration file', async () => {
    requireKubectl();
    const project = path.join(tmp, 'configured');
    cpSync(TREE, project, { recursive: true });
    writeFileSync(path.join(project, '.k8s-svc-lint.yaml'), 'render: true\nkustomizeCommand: kubectl kustomize\n');
    const run = await lintJson(['.'], { cwd: project, env: renderEnv() });
    expect(where(findings(run.results), '.')).toContain('overlays/prod/deployment-tls.yaml:12 container-port-invalid');
    expect(findings(run.results).some((f) => f.environments)).toBe(true);
    writeFileSync(path.join(project, '.k8s-svc-lint.yaml'), 'render: "yes"\n');
    const bad = await runCli(['.'], { cwd: project, env: renderEnv() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('render: must be boolean');
  });

  test('a patch written inline as a strategic merge patch, and a generated ConfigMap, point into the kustomization', async () => {
    requireKubectl();
    const dir = path.join(tmp, 'inline');
    mkdirSync(path.join(dir, 'app'), { recursive: true });
    writeFileSync(
      path.join(dir, 'app/kustomization.yaml'),
      [
        'resources:',
        '  - ' + path.relative(path.join(dir, 'app'), path.resolve(TREE, 'base')).split(path.sep).join('/'),
        'patches:',
        '  - patch: |-',
        '      apiVersion: apps/v1',
        '      kind: Deployment',
        '      metadata:',
        '        name: web',
        '      spec:',
        '        replicas: "3"',
        'configMapGenerator:',
        '  - name: web-config',
        '    literals:',
        '      - LOG_LEVEL=debug',
        '    options:',
        '      labels:',
        '        part of: shop',
        '',
      ].join('\n'),
    );
    const run = await lintJson(['--render', 'app'], { cwd: dir, env: renderEnv() });
    const own = findings(run.results).filter((f) => f.filePath === 'app/kustomization.yaml');
    // the value inside the inline patch's text; the generated ConfigMap at its generator's name
    expect(own.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['10:19 manifest-schema', '12:11 label-syntax']);
    expect(run.stderr).not.toContain('0 Kubernetes manifests');
  });
});

describe('Helm: charts rendered by helm template, findings naming the template', () => {
  const helmEnv = () => ({ PATH: `${FAKE_HELM}${path.delimiter}${process.env['PATH']}` });

  test('default values: the finding at the values file line that set the value, naming the template and the rendered line', async () => {
    const run = await lintJson(['--render', CHARTS], { env: helmEnv() });
    expect(run.code).toBe(1);
    const all = findings(run.results);
    expect(where(all, CHARTS)).toEqual(['web/values.yaml:9 service-target-port-no-match']);
    expect(all[0]!.message).toBe(
      `in chart ${CHARTS}/web, rendered as "targetPort: htpp" by web/templates/service.yaml: targetPort "htpp" (TCP) of Service "release-name-web" matches no container port in Deployment/release-name-web (it has http 8080/TCP), so its pods get no traffic on port 80. Did you mean "http"?`,
    );
    expect(all[0]!.environments).toEqual([`${CHARTS}/web`]);
  });

  test('--helm-values: the values files are passed on, and the chart then resolves', async () => {
    const run = await lintJson(['--render', '--helm-values', `${CHARTS}/values-prod.yaml`, CHARTS], { env: helmEnv() });
    expect(findings(run.results)).toEqual([]);
    const resolved = await runCli(['resolve', '-f', 'json', '--render', '--helm-values', `${CHARTS}/values-prod.yaml`, CHARTS], { env: helmEnv() });
    const report = JSON.parse(resolved.stdout) as ResolveReport;
    expect(report.services.map((s) => [s.name, s.environment, s.file, s.ports.map((p) => p.targets.map((t) => `${t.container}:${t.containerPort}`).join())])).toEqual([
      ['release-name-web', `${CHARTS}/web`, `${CHARTS}/web/templates/service.yaml`, ['web:8080', 'web:9090']],
    ]);
    const missing = await runCli(['--render', '--helm-values', 'no/such/values.yaml', CHARTS], { env: helmEnv() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--helm-values: no such file: no/such/values.yaml');
  });

  test('a template the values do not write: the template line, found by its text', async () => {
    const dir = path.join(tmp, 'template-line');
    cpSync(CHARTS, dir, { recursive: true });
    // the chart writes the targetPort itself
    const service = path.join(dir, 'web/templates/service.yaml');
    writeFileSync(service, readFileSync(service, 'utf8').replace('targetPort: {{ .Values.service.targetPort }}', 'targetPort: htpp'));
    const run = await lintJson(['--render', '.'], { cwd: dir, env: helmEnv() });
    const all = findings(run.results);
    expect(all.map((f) => `${f.filePath}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(['web/templates/service.yaml:14:7 service-target-port-no-match']);
    expect(all[0]!.message).toMatch(/^in chart web, rendered as "targetPort: htpp": targetPort "htpp"/);
  });

  test('helm output linted as it is (stdin): each finding names its template and keeps the rendered line', async () => {
    const run = await lintJson(['-', '--stdin-filename', 'rendered.yaml'], { stdin: readFileSync(RECORDED, 'utf8') });
    const all = findings(run.results);
    expect(all.map((f) => `${f.filePath}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(['rendered.yaml:18:19 service-target-port-no-match']);
    expect(all[0]!.message).toMatch(/^in template web\/templates\/service\.yaml, rendered as "targetPort: htpp": targetPort "htpp"/);
  });

  test('a template that helm cannot render: render-failed at the template line helm names', async () => {
    const bin = path.join(tmp, 'failing-helm');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'helm'),
      '#!/bin/sh\necho \'Error: template: web/templates/deployment.yaml:8:24: executing "web/templates/deployment.yaml" at <.Values.replicas.count>: nil pointer evaluating interface {}.count\' >&2\nexit 1\n',
    );
    chmodSync(path.join(bin, 'helm'), 0o755);
    const run = await lintJson(['--render', CHARTS], { env: { PATH: bin } });
    const all = findings(run.results);
    expect(all.map((f) => `${path.posix.relative(CHARTS, f.filePath)}:${f.line}:${f.column} ${f.ruleId}`)).toEqual(['web/templates/deployment.yaml:8:24 render-failed']);
    expect(all[0]!.message).toContain('helm template test/fixtures/render/charts/web failed: template: web/templates/deployment.yaml:8:24: executing');
  });

  test('without helm on PATH: one notice per chart with the command, the chart not read', async () => {
    const run = await lintJson(['--render', CHARTS], { env: { PATH: path.join(tmp, 'empty-bin') } });
    expect(run.stderr).toContain(`${CHARTS}/web: a Helm chart, not rendered (helm is not on PATH); to lint it: helm template ${CHARTS}/web | k8s-svc-lint -`);
    expect(findings(run.results)).toEqual([]);
  });
});
