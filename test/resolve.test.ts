/**
 * `resolve`: what the API server would select (namespaces, named ports with protocol, native
 * sidecars, every workload kind), with golden output in every format.
 */
import { describe, expect, test } from 'vitest';
import type { ResolveReport } from '../src/report/resolve.js';
import { lintJson, runCli } from './helpers/cli.js';

const FIXTURE = 'test/fixtures/resolve/every-kind.yaml';

async function resolveJson(): Promise<ResolveReport> {
  const run = await runCli(['resolve', '-f', 'json', FIXTURE]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ResolveReport;
}

describe('resolve agrees with the API server', () => {
  test('selection follows namespaces, controller labels and every workload kind', async () => {
    const report = await resolveJson();
    const selected = Object.fromEntries(report.services.map((s) => [`${s.namespace}/${s.name}`, s.workloads.map((w) => `${w.kind}/${w.name}`)]));
    expect(selected).toEqual({
      'jobs/batch': ['CronJob/nightly', 'Job/once', 'ReplicationController/legacy'],
      'shop/db-0': ['StatefulSet/db'],
      'shop/dns': ['DaemonSet/dns'],
      'shop/external': [],
      'shop/nowhere': [],
      'shop/web': ['Deployment/web'],
    });
    expect(report.unselectedWorkloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual(['jobs/Pod/debug', 'staging/ReplicaSet/web']);
  });

  test('named ports match name and protocol; sidecars serve; numeric ports pass through', async () => {
    const report = await resolveJson();
    const targets = (service: string, port: string) =>
      report.services.find((s) => `${s.namespace}/${s.name}` === service)!.ports.find((p) => p.name === port)!.targets;
    expect(targets('shop/web', 'envoy')).toEqual([{ workload: 'Deployment/web', container: 'envoy', containerPort: 15001, resolved: true, ready: true }]);
    expect(targets('shop/web', 'metrics')).toEqual([{ workload: 'Deployment/web', container: null, containerPort: 9090, resolved: true, ready: true }]);
    expect(targets('shop/dns', 'dns-udp')).toEqual([{ workload: 'DaemonSet/dns', container: 'coredns', containerPort: 53, resolved: true, ready: true }]);
    expect(targets('shop/dns', 'dns-tcp')).toEqual([{ workload: 'DaemonSet/dns', container: null, containerPort: null, resolved: false, ready: true }]);
    expect(targets('jobs/batch', 'api').map((t) => [t.workload, t.containerPort, t.resolved])).toEqual([
      ['CronJob/nightly', null, false],
      ['Job/once', 8000, true],
      ['ReplicationController/legacy', 8001, true],
    ]);
  });

  test('a readiness probe on an undeclared port name: the target resolves but is never ready', async () => {
    const report = await resolveJson();
    const targets = report.services.find((s) => s.name === 'batch')!.ports[0]!.targets;
    expect(targets.map((t) => [t.workload, t.ready, t.notReadyReason ?? null])).toEqual([
      ['CronJob/nightly', true, null],
      ['Job/once', true, null],
      ['ReplicationController/legacy', false, 'readinessProbe port "health" of container "legacy" is not declared by the container'],
    ]);
  });

  test('called by: the workloads that name a Service in env or args, across namespaces', async () => {
    const report = await resolveJson();
    const callers = Object.fromEntries(
      report.services.filter((s) => s.calledBy.length > 0).map((s) => [`${s.namespace}/${s.name}`, s.calledBy.map((c) => `${c.namespace}/${c.kind}/${c.name} ${c.container} ${c.source} ${c.text} ${c.port}`)]),
    );
    expect(callers).toEqual({
      'shop/db-0': ['shop/Deployment/web web env DB_HOST db-0 null'],
      'shop/web': ['staging/ReplicaSet/web web args http://web.shop.svc.cluster.local 80'],
    });
  });
});

describe('golden output', () => {
  for (const format of ['table', 'json', 'mermaid', 'dot']) {
    test(format, async () => {
      const run = await runCli(['resolve', '-f', format, FIXTURE]);
      expect(run.code).toBe(0);
      await expect(run.stdout).toMatchFileSnapshot(`fixtures/resolve/every-kind.${format}.golden`);
    });
  }
});

describe('resolve shows every edge into a Service: routes, monitors, Istio, Rollouts, KEDA', () => {
  const GRAPH = 'test/fixtures/resolve/service-graph';

  async function graphJson(): Promise<ResolveReport> {
    const run = await runCli(['resolve', '-f', 'json', GRAPH]);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as ResolveReport;
  }

  const brief = (edges: readonly { kind: string; name: string; via: string; port: number | string | null; subset: string | null; broken: boolean }[]) =>
    edges.map((e) => `${e.kind}/${e.name} ${e.via}${e.port !== null ? ` ${e.port}` : ''}${e.subset ? ` ${e.subset}` : ''}${e.broken ? ' broken' : ''}`);

  test('each Service lists what routes to it, monitors it, configures it and switches it', async () => {
    const report = await graphJson();
    const tracker = report.services.find((s) => s.name === 'tracker')!;
    expect(brief(tracker.routedBy)).toEqual([
      'HTTPRoute/tracking backendRef 80',
      'VirtualService/tracker http route v1',
      'VirtualService/tracker http route v2 broken',
      'GRPCRoute/partners backendRef 80',
    ]);
    expect(brief(tracker.monitoredBy)).toEqual(['ServiceMonitor/tracker endpoint metrics', 'ServiceMonitor/tracker endpoint metric broken']);
    expect(brief(tracker.configuredBy)).toEqual(['DestinationRule/tracker subsets v1']);
    expect(brief(tracker.switchedBy)).toEqual(['Rollout/tracker stable Service']);
    const canary = report.services.find((s) => s.name === 'tracker-canary')!;
    expect(brief(canary.routedBy)).toEqual(['HTTPRoute/tracking backendRef 8080 broken']);
    expect(canary.routedBy[0]!.problem).toBe('no port 8080');
    expect(brief(canary.switchedBy)).toEqual(['Rollout/tracker canary Service']);
  });

  test('PodMonitors and ScaledObjects hang on workloads; edges to what the input lacks are listed apart', async () => {
    const report = await graphJson();
    expect(report.workloadEdges.map((w) => [`${w.kind}/${w.name}`, brief(w.monitoredBy), brief(w.scaledBy)])).toEqual([
      ['Deployment/notifier', ['PodMonitor/notifier endpoint prom'], ['ScaledObject/notifier scale target']],
    ]);
    expect(report.danglingEdges.map((e) => `${e.kind}/${e.name} → ${e.target.kind}/${e.target.name}: ${e.problem}`)).toEqual([
      'HTTPRoute/tracking → Service/tracker-shadow: no Service "tracker-shadow" in namespace "parcels"',
      'ScaledObject/tracker → Deployment/trakcer: no Deployment "trakcer"',
    ]);
  });

  test('broken edges are exactly the findings of the rules', async () => {
    const report = await graphJson();
    const { results } = await lintJson([GRAPH]);
    const findings = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}`)).sort();
    const broken = [
      ...report.services.flatMap((s) => [...s.routedBy, ...s.monitoredBy, ...s.configuredBy, ...s.switchedBy]),
      ...report.workloadEdges.flatMap((w) => [...w.monitoredBy, ...w.scaledBy]),
      ...report.danglingEdges,
    ]
      .filter((e) => e.broken)
      .map((e) => `${e.file}:${e.line}`)
      .sort();
    // an edge's line is where its reference starts; the finding points at the wrong field in it
    expect(broken.length).toBe(findings.length);
  });

  for (const format of ['table', 'json', 'mermaid', 'dot']) {
    test(`golden ${format}`, async () => {
      const run = await runCli(['resolve', '-f', format, GRAPH]);
      expect(run.code).toBe(0);
      await expect(run.stdout).toMatchFileSnapshot(`fixtures/resolve/service-graph.${format}.golden`);
    });
  }
});

describe('pods and Services that operators and kustomize make', () => {
  const CUSTOM = 'test/fixtures/resolve/custom-resources.yaml';
  const OVERLAYS = 'test/fixtures/resolve/kustomize-overlays';

  async function resolveOf(input: string): Promise<ResolveReport> {
    const run = await runCli(['resolve', '-f', 'json', input]);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as ResolveReport;
  }

  test('custom resources: templates with their operator labels, template-less pods, a workloadRef, Services they make', async () => {
    const report = await resolveOf(CUSTOM);
    const selected = Object.fromEntries(report.services.map((s) => [s.name, s.workloads.map((w) => `${w.kind}/${w.name}${w.part ? ` (${w.part})` : ''}${w.madeBy ? ` by ${w.madeBy}` : ''}`)]));
    expect(selected).toEqual({
      api: ['Deployment/api by Rollout/api'],
      'pg-primary-lb': ['Cluster/pg'],
      'ray-all': ['RayCluster/raycluster (cpu)', 'RayCluster/raycluster (head)'],
      'ray-dashboard': ['RayCluster/raycluster (head)'],
    });
    // ports an operator adds are unknown, not missing; a port its template declares resolves
    const pg = report.services.find((s) => s.name === 'pg-primary-lb')!.ports[0]!.targets[0]!;
    expect([pg.resolved, pg.unknown]).toEqual([true, 'its operator adds containers']);
    const dashboard = report.services.find((s) => s.name === 'ray-dashboard')!.ports[0]!.targets[0]!;
    expect([dashboard.container, dashboard.containerPort, dashboard.unknown]).toEqual(['ray-head', 8265, undefined]);
    expect(report.providedServices.map((p) => `${p.namespace}/${p.name} ${p.providedBy} ${p.calledBy.map((c) => c.name).join(',')}`)).toEqual([
      'ml/pg-rw Cluster/pg (postgresql.cnpg.io/v1) api',
      'ml/raycluster-head-svc RayCluster/raycluster (ray.io/v1) api',
    ]);
  });

  test('kustomize overlays: a Service reaches only pods its own builds apply; patches are not Services or workloads of their own', async () => {
    const report = await resolveOf(OVERLAYS);
    expect(report.services.map((s) => `${s.namespace}/${s.name} → ${s.workloads.map((w) => `${w.namespace}/${w.name} ${w.file}`).join(', ')}${s.builtInto ? ` [${s.builtInto.join(',')}]` : ''}`)).toEqual([
      `default/web → default/web ${OVERLAYS}/base/web.yaml [prod,staging]`,
      `prod/web-canary → prod/web-canary ${OVERLAYS}/overlays/prod/canary.yaml`,
      `staging/web-canary → staging/web-canary ${OVERLAYS}/overlays/staging/canary.yaml`,
    ]);
    expect(report.unselectedWorkloads).toEqual([]);
  });

  for (const [name, input] of [['custom-resources', CUSTOM], ['kustomize-overlays', OVERLAYS]] as const) {
    for (const format of ['table', 'json']) {
      test(`golden ${name} ${format}`, async () => {
        const run = await runCli(['resolve', '-f', format, input]);
        expect(run.code).toBe(0);
        await expect(run.stdout).toMatchFileSnapshot(`fixtures/resolve/${name}.${format}.golden`);
      });
    }
  }
});

test('resolve never prints null for a defaulted or unknown targetPort', async () => {
  const run = await runCli(['resolve', '-'], {
    stdin: [
      'apiVersion: v1', 'kind: Service', 'metadata: {name: a}', 'spec:', '  selector: {app: a}', '  ports:',
      '    - {name: omitted, port: 80}', '    - {name: empty, port: 81, targetPort: ""}', '    - {name: quoted, port: "82"}', '    - {name: placeholder, port: 84, targetPort: "${PORT}"}',
      '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: a}', 'spec:', '  selector: {matchLabels: {app: a}}', '  template:',
      '    metadata: {labels: {app: a}}', '    spec: {containers: [{name: a, image: x, ports: [{containerPort: 80}]}]}',
    ].join('\n'),
  });
  expect(run.stdout).not.toContain('null');
  expect(run.stdout).toContain('omitted 80/TCP → 80');
  expect(run.stdout).toContain('empty 81/TCP → 81');
  expect(run.stdout).not.toContain('✗');
});
