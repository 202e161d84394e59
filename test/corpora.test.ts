/**
 * The shared corpora: real manifests from public projects with what a correct linter reports
 * on each (../shared/corpora/README.md). No false positives here.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzePaths, errorsOf } from './helpers/analysis.js';

const CORPORA = '../shared/corpora';

/** Every Service selects at least one workload and every port resolves on all of them. */
function expectEveryServiceResolves(paths: string[]): void {
  const analysis = analyzePaths(paths);
  expect(analysis.model.services.length).toBeGreaterThan(0);
  for (const service of analysis.model.services) {
    const resolved = analysis.index.resolver.resolve(service);
    expect(resolved.workloads.length, `Service ${service.name} selects nothing`).toBeGreaterThan(0);
    for (const { port, targets } of resolved.ports) {
      for (const target of targets) expect(target.resolved, `Service ${service.name} port ${port.port} on ${target.source.ref.displayName}`).toBe(true);
    }
  }
}

describe('clean corpora: no errors, every Service reaches its pods', () => {
  for (const folder of ['microservices-demo/kubernetes-manifests', 'microservices-demo/release', 'example-voting-app', 'istio-bookinfo']) {
    test(folder, () => {
      expect(errorsOf(analyzePaths([`${CORPORA}/${folder}`]))).toEqual([]);
      expectEveryServiceResolves([`${CORPORA}/${folder}`]);
    });
  }

  test('example-voting-app: 4 Services reach vote, result, redis and db; worker has no Service', () => {
    const analysis = analyzePaths([`${CORPORA}/example-voting-app`]);
    const reached = new Set(analysis.model.services.flatMap((s) => analysis.index.resolver.resolve(s).workloads.map((w) => w.name)));
    expect(analysis.model.services.length).toBe(4);
    expect([...reached].sort()).toEqual(['db', 'redis', 'result', 'vote']);
    expect(analysis.model.podSources.map((p) => p.name)).toContain('worker');
  });
});

describe('k8s-examples', () => {
  const current = readdirSync(`${CORPORA}/k8s-examples`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== '_archived')
    .map((entry) => `${CORPORA}/k8s-examples/${entry.name}`);

  test('outside _archived: only the two DCGM exporter Services (their pods come from a GPU operator)', () => {
    expect(errorsOf(analyzePaths(current))).toEqual([
      'gpu-dcgm-exporter-service-generic.yaml service-selector-no-match',
      'gpu-dcgm-exporter-service-gke.yaml service-selector-no-match',
    ]);
  });

  test('_archived: the removed APIs are reported, nodePort: 0 is not', () => {
    const analysis = analyzePaths([`${CORPORA}/k8s-examples/_archived`]);
    const removed = analysis.results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'api-version-kind' && m.severity === 2).map((m) => m.message.split(' was removed')[0]));
    const count = (what: string) => removed.filter((m) => m === what).length;
    expect(count('extensions/v1beta1 DaemonSet')).toBe(2);
    expect(count('policy/v1beta1 PodDisruptionBudget')).toBe(1);
    expect(count('policy/v1beta1 PodSecurityPolicy')).toBe(2);
    expect(count('storage.k8s.io/v1beta1 StorageClass')).toBe(6);
    expect(count('admissionregistration.k8s.io/v1alpha1 InitializerConfiguration')).toBe(1);
    const nodePortFindings = analysis.results.flatMap((r) => r.messages.filter((m) => m.ruleId.startsWith('service-node-port')));
    expect(nodePortFindings).toEqual([]);
    // TAB-indented scheduler policy JSON parses as JSON
    expect(errorsOf(analysis).filter((e) => e.includes('.json yaml-syntax'))).toEqual([]);
  });
});

test('k8s-website: the MyApp selectors and the guestbook frontend are reported', () => {
  const errors = errorsOf(analyzePaths([`${CORPORA}/k8s-website`])).filter((e) => e.endsWith('service-selector-no-match'));
  expect(errors).toEqual([
    'dual-stack-default-svc.yaml service-selector-no-match',
    'dual-stack-ipv6-lb-svc.yaml service-selector-no-match',
    'dual-stack-preferred-svc.yaml service-selector-no-match',
    'frontend-service.yaml service-selector-no-match',
    'simple-service.yaml service-selector-no-match',
  ]);
});

describe('kube-score fixtures (each file its own input)', () => {
  const files = readdirSync(`${CORPORA}/kube-score-fixtures`).filter((f) => f.endsWith('.yaml'));
  const selectorErrors = (file: string) => errorsOf(analyzePaths([`${CORPORA}/kube-score-fixtures/${file}`])).filter((e) => e.endsWith('service-selector-no-match'));

  for (const file of files.filter((f) => /^service-target-/.test(f) && !f.endsWith('-different-namespace.yaml'))) {
    test(`${file}: the Service reaches a pod`, () => expect(selectorErrors(file)).toEqual([]));
  }
  for (const file of files.filter((f) => /^service-not-target-/.test(f) || /^service-.*-different-namespace\.yaml$/.test(f))) {
    test(`${file}: exactly one service-selector-no-match`, () => expect(selectorErrors(file)).toEqual([`${file} service-selector-no-match`]));
  }
  test('service-externalname.yaml: nothing', () => {
    expect(errorsOf(analyzePaths([`${CORPORA}/kube-score-fixtures/service-externalname.yaml`]), true)).toEqual([]);
  });
  test('list.yaml: the List’s Service reaches its Deployment', () => expectEveryServiceResolves([`${CORPORA}/kube-score-fixtures/list.yaml`]));
});

test('manifest-schema: k8s-website still uses the removed field spec.ipFamily', () => {
  const messages = analyzePaths([`${CORPORA}/k8s-website`]).results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'manifest-schema').map((m) => `${r.filePath.split('/').pop()} ${m.message}`));
  expect(messages).toEqual(['dual-stack-ipv6-lb-svc.yaml unknown field "ipFamily" in Service spec']);
});

test('manifest-schema: the kube-score v1 Ingresses written with serviceName/servicePort', () => {
  for (const file of ['ingress-v1-invalid-backend.yaml', 'ingress_issue363.yaml']) {
    const messages = analyzePaths([`${CORPORA}/kube-score-fixtures/${file}`]).results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'manifest-schema').map((m) => m.message));
    expect(messages.some((m) => m.startsWith('unknown field "serviceName"')), file).toBe(true);
    expect(messages.some((m) => m.startsWith('unknown field "servicePort"')), file).toBe(true);
  }
});

describe('kube-score fixtures: Ingresses and StatefulSets', () => {
  const rulesOf = (file: string, rule: string) =>
    errorsOf(analyzePaths([`${CORPORA}/kube-score-fixtures/${file}`]), true).filter((e) => e.endsWith(` ${rule}`));
  for (const file of ['ingress-networkingv1-targets-service.yaml', 'ingress-networkingv1beta1-targets-service.yaml', 'ingress-targets-service.yaml']) {
    test(`${file}: the backend resolves`, () => expect(rulesOf(file, 'ingress-backend-no-match')).toEqual([]));
  }
  for (const file of ['ingress-networkingv1-targets-service-no-match.yaml', 'ingress-networkingv1beta1-targets-service-no-match.yaml', 'ingress-targets-service-no-match.yaml']) {
    test(`${file}: ingress-backend-no-match`, () => expect(rulesOf(file, 'ingress-backend-no-match')).toEqual([`${file} ingress-backend-no-match`]));
  }
  test('statefulset-service-name.yaml: nothing', () => {
    expect(errorsOf(analyzePaths([`${CORPORA}/kube-score-fixtures/statefulset-service-name.yaml`]), true)).toEqual([]);
  });
  for (const file of ['statefulset-service-name-different-name.yaml', 'statefulset-service-name-not-headless.yaml', 'statefulset-service-name-different-label.yaml']) {
    test(`${file}: statefulset-service-name`, () => expect(rulesOf(file, 'statefulset-service-name')).toEqual([`${file} statefulset-service-name`]));
  }
});

describe('kube-linter fixtures', () => {
  const findings = (file: string) => analyzePaths([`${CORPORA}/kube-linter-fixtures/${file}`]).results.flatMap((r) => r.messages);

  test('invalid-target-ports.yaml: the 6-digit and 16-character targetPorts and port names; not the 15-character ones', () => {
    const messages = findings('invalid-target-ports.yaml');
    const onLine = (line: number) => messages.filter((m) => m.line === line).map((m) => m.ruleId);
    expect(messages.filter((m) => m.line === 9 && m.column === 19)).toEqual([]); // targetPort: 'n-3456789012345'
    expect(messages.filter((m) => m.line === 10 && m.column === 19).map((m) => m.ruleId)).toEqual(['service-port-invalid']); // 123456
    expect(messages.filter((m) => m.line === 11 && m.column === 19).map((m) => m.ruleId)).toEqual(['service-port-invalid']); // 'n234567890123456'
    expect(onLine(24)).toEqual([]); // name 'n23456789012345'
    expect(onLine(26)).toEqual(['container-port-invalid']); // name 'n234567890123456'
    expect(onLine(28)).toEqual(['container-port-invalid']); // name '123456'
  });

  test('mismatching-selector.yml: workload-selector-mismatch on Deployment app1 only', () => {
    const objects = findings('mismatching-selector.yml').filter((m) => m.ruleId === 'workload-selector-mismatch').map((m) => m.object?.name);
    expect(objects).toEqual(['app1']);
  });

  test('dangling-ingress.yml: ingress-backend-no-match on missing-service and bad-port only', () => {
    const objects = findings('dangling-ingress.yml').filter((m) => m.ruleId === 'ingress-backend-no-match').map((m) => m.object?.name);
    expect(objects.sort()).toEqual(['bad-port', 'missing-service']);
  });

  test('dangling-networkpolicy.yml and dangling-hpa.yml: the matching warnings', () => {
    expect(findings('dangling-networkpolicy.yml').map((m) => `${m.ruleId} ${m.object?.name}`)).toEqual(['networkpolicy-selector-no-match app']);
    expect(findings('dangling-hpa.yml').filter((m) => m.ruleId === 'hpa-target-missing').map((m) => m.object?.name)).toEqual(['hpa1']);
  });
});

test('kube-linter dangling-service.yml: app1 and app2 select nothing (a DeploymentConfig is not a pod source)', () => {
  const analysis = analyzePaths([`${CORPORA}/kube-linter-fixtures/dangling-service.yml`]);
  const objects = analysis.results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'service-selector-no-match').map((m) => m.object?.name));
  expect(objects.sort()).toEqual(['app1', 'app2']);
});

describe('service-reference-unknown: Services called through env', () => {
  const referenceFindings = (folder: string) =>
    analyzePaths([`${CORPORA}/${folder}`]).results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'service-reference-unknown').map((m) => `${r.filePath.split('/').pop()}:${m.line} ${m.message.split(' (')[0]}`),
    );

  test('microservices-demo: only the optional shoppingassistantservice, in both folders', () => {
    expect(referenceFindings('microservices-demo')).toEqual([
      'frontend.yaml:84 "shoppingassistantservice:80"',
      'kubernetes-manifests.yaml:90 "shoppingassistantservice:80"',
    ]);
  });

  test('microservices-demo: the frontend calls the other Services, and they resolve', () => {
    const analysis = analyzePaths([`${CORPORA}/microservices-demo/kubernetes-manifests`]);
    const frontend = analysis.model.podSources.find((p) => p.name === 'frontend')!;
    const called = frontend.references.map((r) => analysis.index.resolveReference(frontend, r).service?.name).filter(Boolean);
    expect(called).toEqual(expect.arrayContaining(['productcatalogservice', 'cartservice', 'checkoutservice', 'adservice']));
  });

  test('bookinfo: mysqldb resolves, mysqldb.vm.svc.cluster.local is in a namespace the input lacks', () => {
    const analysis = analyzePaths([`${CORPORA}/istio-bookinfo`]);
    expect(referenceFindings('istio-bookinfo')).toEqual([]);
    const resolved = analysis.model.podSources.flatMap((source) =>
      source.references.map((r) => {
        const { namespace, inInput, service } = analysis.index.resolveReference(source, r);
        return `${r.text} ${namespace} ${inInput ? 'present' : 'absent'} ${service ? 'found' : 'missing'}`;
      }),
    );
    expect(resolved).toContain('mysqldb default present found');
    expect(resolved).toContain('mysqldb.vm.svc.cluster.local vm absent missing');
  });
});

describe('probe-port-no-match', () => {
  /** `container severity` for each probe finding. */
  const probeFindings = (paths: string[]) =>
    analyzePaths(paths).results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'probe-port-no-match').map((m) => `${/of container "([^"]+)"/.exec(m.message)?.[1]} ${m.severity === 2 ? 'error' : 'warning'}`),
    );

  // kube-linter also fires on fire-deployment-int and fire-deployment-grpc: numeric probe ports
  // that no containerPort declares. The kubelet probes a number as is, so those are not findings.
  test('kube-linter readiness-port.yml: the undeclared name; the UDP-only name as a warning', () => {
    expect(probeFindings([`${CORPORA}/kube-linter-fixtures/readiness-port.yml`])).toEqual(['fire-deployment-name error', 'fire-deployment-udp warning']);
  });

  test('kube-linter liveness-port.yml: both undeclared names; the UDP-only name as a warning', () => {
    expect(probeFindings([`${CORPORA}/kube-linter-fixtures/liveness-port.yml`])).toEqual([
      'fire-deployment-name error',
      'fire-deployment-udp warning',
      'fire-stateful-name error',
    ]);
  });

  test('clean corpora: no probe findings', () => {
    const clean = ['microservices-demo', 'example-voting-app', 'istio-bookinfo', 'k8s-examples', 'k8s-website'].map((f) => `${CORPORA}/${f}`);
    expect(probeFindings(clean)).toEqual([]);
  });
});

describe('the Service graph of custom resources', () => {
  const graphRules = new Set([
    'gateway-backend-no-match',
    'gateway-backend-not-granted',
    'gateway-parent-no-match',
    'servicemonitor-no-match',
    'podmonitor-no-match',
    'virtualservice-destination-no-match',
    'destinationrule-no-match',
    'rollout-service-no-match',
    'scaledobject-target-missing',
  ]);
  const graphFindings = (paths: string[]) =>
    analyzePaths(paths).results.flatMap((r) =>
      r.messages.filter((m) => graphRules.has(m.ruleId)).map((m) => `${r.filePath.split('/').pop()}:${m.line} ${m.ruleId} ${m.object?.name}`),
    );

  // kube-linter also fires on the two monitors of namespace test2 (which the input holds
  // nothing of: unknown) and not on the first "dont-fire", which has no namespaceSelector and
  // so, as the operator reads it, looks only in its own namespace, where nothing matches
  test('kube-linter dangling-servicemonitor.yml: the monitors that select nothing in their own namespace', () => {
    expect(graphFindings([`${CORPORA}/kube-linter-fixtures/dangling-servicemonitor.yml`])).toEqual([
      'dangling-servicemonitor.yml:14 servicemonitor-no-match dont-fire',
      'dangling-servicemonitor.yml:51 servicemonitor-no-match app1',
      'dangling-servicemonitor.yml:67 servicemonitor-no-match app2',
    ]);
  });

  test('clean corpora, with the vLLM ServiceMonitors and bookinfo: nothing', () => {
    const clean = ['microservices-demo', 'example-voting-app', 'istio-bookinfo', 'k8s-examples', 'k8s-website', 'kube-score-fixtures'].map((f) => `${CORPORA}/${f}`);
    expect(graphFindings(clean)).toEqual([]);
  });
});
