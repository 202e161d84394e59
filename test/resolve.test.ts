/**
 * `resolve`: what the API server would select (namespaces, named ports with protocol, native
 * sidecars, every workload kind), with golden output in every format.
 */
import { describe, expect, test } from 'vitest';
import type { ResolveReport } from '../src/report/resolve.js';
import { runCli } from './helpers/cli.js';

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
