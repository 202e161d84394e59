/**
 * What real trees hold besides final manifests (issue 15): templates, placeholders, custom
 * resources that make pods, kustomize trees. The rules' fixtures show the findings; these tests
 * pin the pieces underneath.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readKustomizeTrees } from '../src/load/kustomize.js';
import { maskTemplateMarkers } from '../src/load/templates.js';
import { walkInputs } from '../src/load/walk.js';
import { templatesByShape } from '../src/model/custom-resources.js';
import { isManifestLike } from '../src/model/object.js';
import { operatorKinds } from '../src/model/operators.js';
import { fillPlaceholderDefaults } from '../src/model/placeholders.js';
import { analyzePaths } from './helpers/analysis.js';

describe('templates', () => {
  test('markers are masked in place: control lines become comments, values underscores, nested markers too', () => {
    const text = ['{{- if .Values.enabled }}', 'image: {{ .Values.image }}', 'uri: {{f "a/{{ .Tag }}/b" .Tag }}', '  {{ $key }}: |', '{{ end }}'].join('\n');
    const masked = maskTemplateMarkers(text)!;
    expect(masked.length).toBe(text.length);
    expect(masked.split('\n')).toEqual(['#                        ', 'image: ___________________', 'uri: ____________________________', '  __________: |', '#        ']);
    expect(maskTemplateMarkers('kind: Service')).toBeUndefined();
  });

  test('${VAR:-default} takes its default (typed as a plain scalar, its pointer noted); other placeholders stay', () => {
    const typeUnknown = new Set<string>();
    const value = fillPlaceholderDefaults({ spec: { replicas: '${R:-3}', image: 'app:${TAG:-1.0}', name: '${NAME}', args: ['${A-x}'] } }, typeUnknown);
    expect(value).toEqual({ spec: { replicas: 3, image: 'app:1.0', name: '${NAME}', args: ['x'] } });
    expect([...typeUnknown].sort()).toEqual(['/spec/args/0', '/spec/replicas']);
  });
});

describe('what is a Kubernetes document', () => {
  test.each([
    [{ apiVersion: 'v1', kind: 'Service' }, true],
    [{ apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster' }, true],
    [{ kind: 'ConfigMap', metadata: { name: 'x' } }, true], // no apiVersion: manifest-invalid says so
    [{ apiVersion: 'apps/v1', metadata: { name: 'x' } }, true], // lost its kind
    [{ apiVersion: 1, datasources: [] }, false], // Grafana provisioning
    [{ apiVersion: 'v2', name: 'chart', version: '1.0.0' }, false], // Helm Chart.yaml
    [{ apiVersion: ['v1'], kind: 'ConfigMap' }, false],
  ])('%j → %s', (map, expected) => expect(isManifestLike(map)).toBe(expected));
});

describe('custom resources', () => {
  test('pod templates are found by shape at any depth, in lists too', () => {
    expect(
      templatesByShape({
        replicatedJobs: [{ name: 'workers', template: { spec: { template: { spec: { containers: [{ name: 'w' }] } } } } }],
        jobTargetRef: { template: { spec: { containers: [] } } },
        leaderWorkerTemplate: { workerTemplate: { spec: { containers: [{ name: 'x' }] } } },
        volumeClaimTemplate: { spec: { resources: {} } },
        podTemplate: { metadata: { labels: { a: 'b' } } },
      }),
    ).toEqual([
      ['spec', 'replicatedJobs', 0, 'template', 'spec', 'template'],
      ['spec', 'jobTargetRef', 'template'],
      ['spec', 'leaderWorkerTemplate', 'workerTemplate'],
    ]);
  });

  test('every operator entry cites its source and is listed once', () => {
    const kinds = operatorKinds();
    for (const kind of kinds) expect(kind.source.length, `${kind.group}/${kind.kind}`).toBeGreaterThan(20);
    expect(new Set(kinds.map((k) => `${k.group}/${k.kind}`)).size).toBe(kinds.length);
  });

  test('pods, labels and kept views of a tree mixing operators', () => {
    const { model } = analyzePaths(['fixtures/service-selector-no-match/good/operator-pods']);
    const sources = model.podSources.map((s) => `${s.displayName} ${s.openPorts ? 'open' : 'exact'}`).sort();
    expect(sources).toEqual([
      'Elasticsearch/hulk (data) open',
      'Elasticsearch/hulk (masters) open',
      'LeaderWorkerSet/vllm (leader) exact',
      'LeaderWorkerSet/vllm (workers) exact',
      'Cluster/orders-db open',
      'Prometheus/k8s open',
      'RayCluster/raycluster (gpu-group) open',
      'RayCluster/raycluster (head) open',
      'Rollout/checkout exact',
      'Rollout/checkout (experiment preview) exact',
    ].sort());
    const leader = model.podSources.find((s) => s.displayName === 'LeaderWorkerSet/vllm (leader)')!;
    expect(leader.labels).toMatchObject({ role: 'leader', 'leaderworkerset.sigs.k8s.io/name': 'vllm', 'leaderworkerset.sigs.k8s.io/worker-index': '0' });
    expect(model.customResources.map((c) => c.description).sort()).toContain('Cluster/orders-db (postgresql.cnpg.io/v1)');
  });
});

describe('kustomize trees', () => {
  function tree(files: Record<string, string>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'kustomize-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  test('resources, listed patches, unlisted files and patch folders; roots and the namespaces they give', () => {
    const root = tree({
      'base/kustomization.yaml': 'resources: [app.yaml]\n',
      'base/app.yaml': 'kind: ConfigMap\n',
      'base/patches/extra.yaml': 'kind: ConfigMap\n',
      'overlays/prod/kustomization.yaml': 'namespace: prod\nresources: [../../base, extra.yaml]\npatches:\n  - path: replicas.yaml\npatchesStrategicMerge: [limits.yaml]\n',
      'overlays/prod/extra.yaml': 'kind: ConfigMap\n',
      'overlays/prod/replicas.yaml': 'kind: Deployment\nmetadata: {name: app}\n',
      'overlays/prod/limits.yaml': 'kind: Deployment\n',
      'overlays/prod/unlisted.yaml': 'kind: ConfigMap\n',
      'overlays/dev/kustomization.yaml': 'namespace: dev\nresources: [../../base]\n',
      'plain/app.yaml': 'kind: ConfigMap\n',
    });
    const walked = walkInputs([root], { cwd: root });
    const trees = readKustomizeTrees(walked.entries, root);
    expect(trees.roots).toEqual(['overlays/dev', 'overlays/prod']);
    const placement = (file: string) => {
      const p = trees.placements.get(path.join(root, file));
      return p && `${p.role} [${p.roots.join(',')}] ${p.namespace ?? '-'}`;
    };
    expect(placement('base/app.yaml')).toBe('resource [overlays/dev,overlays/prod] -');
    expect(placement('base/patches/extra.yaml')).toBe('patch [] -');
    expect(placement('overlays/prod/extra.yaml')).toBe('resource [overlays/prod] prod');
    expect(placement('overlays/prod/replicas.yaml')).toBe('patch [overlays/prod] prod');
    expect(placement('overlays/prod/limits.yaml')).toBe('patch [overlays/prod] prod');
    expect(placement('overlays/prod/unlisted.yaml')).toBe('unlisted [] -');
    expect(placement('plain/app.yaml')).toBeUndefined();
    expect(trees.placements.get(path.join(root, 'overlays/prod/replicas.yaml'))!.patchTargets).toEqual([{ kind: 'Deployment', name: 'app' }, { kind: 'Deployment' }]);
  });

  test('sibling overlays are alternatives; roots that share no object are applied together', () => {
    const overlays = analyzePaths(['fixtures/service-selector-no-match/bad/kustomize-siblings']);
    const file = (suffix: string) => overlays.model.files.find((f) => f.path.endsWith(suffix))!;
    expect(overlays.model.builds.together(file('blue/api-next.yaml'), file('green/preview-service.yaml'))).toBe(false);
    expect(overlays.model.builds.together(file('base/deployment.yaml'), file('green/preview-service.yaml'))).toBe(true);
    const apps = tree({
      'apps/frontend/kustomization.yaml': 'resources: [web.yaml]\n',
      'apps/frontend/web.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n',
      'apps/backend/kustomization.yaml': 'resources: [api.yaml]\n',
      'apps/backend/api.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api}\n',
    });
    const { model } = analyzePathsIn(apps);
    expect(model.builds.together(model.files.find((f) => f.path.endsWith('web.yaml'))!, model.files.find((f) => f.path.endsWith('api.yaml'))!)).toBe(true);
  });
});

function analyzePathsIn(dir: string) {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return analyzePaths(['.']);
  } finally {
    process.chdir(cwd);
  }
}
