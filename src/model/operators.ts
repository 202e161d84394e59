/**
 * Custom resources whose operators make pods and Services: where each kind's pod templates are,
 * the labels its operator gives the pods, and the Services it creates. Each entry cites the
 * operator code or documentation the facts come from. Kinds not listed here are still
 * recognised by shape (see custom-resources.ts); an entry adds what shape cannot tell.
 */
import type { Path } from '../load/positions.js';
import { asList, asMap, asString, dig, type PlainMap } from './values.js';

/** One kind of pod an object makes. */
export interface PodGroup {
  /** Where its pod template is written; absent when the operator builds the pods itself. */
  readonly templatePath?: Path;
  /** Which of the object's pods these are, when it makes several kinds (`workerGroupSpecs[0]`). */
  readonly part?: string;
  /** Labels the operator sets on these pods, over the template's. */
  readonly labels: Readonly<Record<string, string>>;
  /** Label keys it sets to values unknown before it runs (hashes, ordinals, roles that move). */
  readonly anyValue?: readonly string[];
}

export interface OperatorKind {
  readonly group: string;
  readonly kind: string;
  /** Where these facts come from. */
  readonly source: string;
  /** The pods' containers are the template's as written (else the operator adds containers or ports). */
  readonly containersExact: boolean;
  /** The labels listed are all the operator adds: a selector that misses them is wrong, not unknown. */
  readonly labelsComplete: boolean;
  /** The Services listed are all it makes (else a Service named like the object may be its). */
  readonly servicesComplete: boolean;
  /** The pods an object of this kind makes (several groups: head and workers, leader and workers). */
  pods(name: string, spec: PlainMap | undefined): PodGroup[];
  /** The Services it makes, by name. */
  services?(name: string, spec: PlainMap | undefined): string[];
  /** The namespace it makes them in, when not its own (a Helm release's `targetNamespace`). */
  madeIn?(spec: PlainMap | undefined): string | undefined;
}

const list = (value: unknown) => asList(value) ?? [];

/** Everything the input says of its pods is what they get, and it makes no Service of its own. */
const EXACT = { containersExact: true, labelsComplete: true, servicesComplete: true } as const;

/** The operator adds containers, labels and Services the input does not show. */
const OPEN = { containersExact: false, labelsComplete: false, servicesComplete: false } as const;

/** What the Job controller adds to a Job's pods (values known only at run time). */
const JOB_LABELS = ['batch.kubernetes.io/job-name', 'job-name', 'batch.kubernetes.io/controller-uid', 'controller-uid'];

/** `spec.<path>[i]` for each item of a list, with its index. */
function each(spec: PlainMap | undefined, field: string, make: (item: PlainMap, i: number) => PodGroup | undefined): PodGroup[] {
  return list(spec?.[field]).flatMap((item, i) => {
    const map = asMap(item);
    const group = map && make(map, i);
    return group ? [group] : [];
  });
}

const PROMETHEUS_OPERATOR = 'prometheus-operator pkg/prometheus/server/statefulset.go, pkg/alertmanager/statefulset.go (podSelectorLabels)';
const ECK = 'elastic/cloud-on-k8s pkg/controller/*/labels.go and pkg/apis/*/name.go';

/** Labels ECK gives every pod of a resource: its type and `<type>.k8s.elastic.co/name`. */
function eckLabels(type: string, nameKey: string, name: string): Record<string, string> {
  return { 'common.k8s.elastic.co/type': type, [nameKey]: name };
}

/**
 * A Helm chart installed by a controller: any pods and Services, known only once the chart is
 * rendered (its name is usually the release's, or its prefix).
 */
const HELM_RELEASE = { ...OPEN, pods: () => [], madeIn: (spec: PlainMap | undefined) => asString(spec?.['targetNamespace']) || undefined } as const;

const OPERATORS: readonly OperatorKind[] = [
  {
    group: 'helm.toolkit.fluxcd.io',
    kind: 'HelmRelease',
    source: 'fluxcd/helm-controller api/v2/helmrelease_types.go (spec.targetNamespace, else the HelmRelease\'s namespace); the chart decides what is made',
    ...HELM_RELEASE,
  },
  {
    group: 'helm.cattle.io',
    kind: 'HelmChart',
    source: 'k3s-io/helm-controller pkg/apis/helm.cattle.io/v1/types.go (spec.targetNamespace); the chart decides what is made',
    ...HELM_RELEASE,
  },
  {
    group: 'argoproj.io',
    kind: 'Rollout',
    source: 'argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/types.go (DefaultRolloutUniqueLabelKey, RolloutExperimentTemplate.metadata); a workloadRef Rollout uses the Deployment\'s template',
    ...EXACT,
    pods: (_name, spec) => {
      if (!asMap(spec?.['template'])) return [];
      const hash = ['rollouts-pod-template-hash'];
      // a canary step's experiment runs the same template with the labels it gives (a preview stack)
      const experiments = list(dig(spec, 'strategy', 'canary', 'steps')).flatMap((step) =>
        list(dig(step, 'experiment', 'templates')).flatMap((template, i): PodGroup[] => {
          const labels = labelMap(dig(template, 'metadata', 'labels'));
          return Object.keys(labels).length > 0 ? [{ templatePath: ['spec', 'template'], part: `experiment ${asString(dig(template, 'name')) ?? i}`, labels, anyValue: hash }] : [];
        }),
      );
      return [{ templatePath: ['spec', 'template'], labels: {}, anyValue: hash }, ...experiments];
    },
  },
  {
    group: 'argoproj.io',
    kind: 'Experiment',
    source: 'argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/experiment_types.go (templates[].template)',
    ...EXACT,
    pods: (_name, spec) =>
      each(spec, 'templates', (item, i) =>
        asMap(item['template']) ? { templatePath: ['spec', 'templates', i, 'template'], part: asString(item['name']) ?? `templates[${i}]`, labels: {}, anyValue: ['rollouts-pod-template-hash'] } : undefined,
      ),
  },
  ...['AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun'].map(
    (kind): OperatorKind => ({
      group: 'argoproj.io',
      kind,
      source: 'argoproj/argo-rollouts pkg/apis/rollouts/v1alpha1/analysis_types.go (JobMetric: a Job per measurement, from metrics[].provider.job); no Services',
      ...EXACT,
      pods: (_name, spec) =>
        each(spec, 'metrics', (metric, i) =>
          asMap(dig(metric, 'provider', 'job', 'spec', 'template'))
            ? {
                templatePath: ['spec', 'metrics', i, 'provider', 'job', 'spec', 'template'],
                part: asString(metric['name']) ?? `metrics[${i}]`,
                labels: {},
                anyValue: JOB_LABELS,
              }
            : undefined,
        ),
    }),
  ),
  ...['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'].map(
    (kind): OperatorKind => ({
      group: 'argoproj.io',
      kind,
      source: 'argoproj/argo-workflows pkg/apis/workflow/v1alpha1/workflow_types.go (a pod per step, from templates[].container or script); no Services',
      containersExact: false,
      labelsComplete: false,
      servicesComplete: true,
      pods: () => [],
    }),
  ),
  {
    group: 'leaderworkerset.x-k8s.io',
    kind: 'LeaderWorkerSet',
    source: 'kubernetes-sigs/lws api/leaderworkerset/v1/leaderworkerset_types.go (SetNameLabelKey, WorkerIndexLabelKey…); without leaderTemplate the leader uses workerTemplate',
    ...EXACT,
    pods: (name, spec) => {
      const base = ['spec', 'leaderWorkerTemplate'];
      const hasLeader = asMap(dig(spec, 'leaderWorkerTemplate', 'leaderTemplate')) !== undefined;
      const common = { 'leaderworkerset.sigs.k8s.io/name': name };
      const anyValue = ['leaderworkerset.sigs.k8s.io/group-index', 'leaderworkerset.sigs.k8s.io/group-key', 'leaderworkerset.sigs.k8s.io/template-revision-hash', 'leaderworkerset.sigs.k8s.io/subgroup-index', 'leaderworkerset.sigs.k8s.io/subgroup-key'];
      return [
        { templatePath: [...base, hasLeader ? 'leaderTemplate' : 'workerTemplate'], part: 'leader', labels: { ...common, 'leaderworkerset.sigs.k8s.io/worker-index': '0' }, anyValue },
        { templatePath: [...base, 'workerTemplate'], part: 'workers', labels: common, anyValue: [...anyValue, 'leaderworkerset.sigs.k8s.io/worker-index'] },
      ];
    },
    // the headless Service that gives the pods their DNS names
    services: (name) => [name],
  },
  ...['RayCluster', 'RayService', 'RayJob'].map(
    (kind): OperatorKind => ({
      group: 'ray.io',
      kind,
      source: 'ray-project/kuberay ray-operator/controllers/ray/common/pod.go (labelPod), utils/constant.go; Services NAME-head-svc, NAME-serve-svc',
      containersExact: false,
      labelsComplete: true,
      servicesComplete: true,
      pods: (name, spec) => {
        // a RayService or RayJob makes a RayCluster named after it with a generated suffix
        const prefix = kind === 'RayCluster' ? [] : [kind === 'RayService' ? 'rayClusterConfig' : 'rayClusterSpec'];
        const clusterSpec = asMap(dig(spec, ...prefix));
        const anyCluster = kind === 'RayCluster' ? [] : ['ray.io/cluster', 'ray.io/identifier'];
        const common = { 'ray.io/is-ray-node': 'yes', 'app.kubernetes.io/name': 'kuberay', 'app.kubernetes.io/created-by': 'kuberay-operator', ...(kind === 'RayCluster' ? { 'ray.io/cluster': name } : {}) };
        const head: PodGroup = {
          templatePath: ['spec', ...prefix, 'headGroupSpec', 'template'],
          part: 'head',
          labels: { ...common, 'ray.io/node-type': 'head', 'ray.io/group': 'headgroup', ...(kind === 'RayCluster' ? { 'ray.io/identifier': `${name}-head` } : {}) },
          anyValue: [...anyCluster, 'ray.io/serve'],
        };
        const workers = each(clusterSpec, 'workerGroupSpecs', (group, i) => ({
          templatePath: ['spec', ...prefix, 'workerGroupSpecs', i, 'template'],
          part: asString(group['groupName']) ?? `workerGroupSpecs[${i}]`,
          labels: { ...common, 'ray.io/node-type': 'worker', ...(asString(group['groupName']) ? { 'ray.io/group': asString(group['groupName'])! } : {}), ...(kind === 'RayCluster' ? { 'ray.io/identifier': `${name}-worker` } : {}) },
          anyValue: [...anyCluster, 'ray.io/serve'],
        }));
        return [head, ...workers];
      },
      services: (name) => [`${name}-head-svc`, `${name}-serve-svc`, `${name}-headless-worker-svc`],
    }),
  ),
  {
    group: 'ray.io',
    kind: 'RayCronJob',
    source: 'ray-project/kuberay ray-operator/apis/ray/v1/raycronjob_types.go (a schedule of RayJobs: jobTemplate)',
    containersExact: false,
    labelsComplete: true,
    servicesComplete: true,
    pods: () => [],
  },
  {
    group: 'elasticsearch.k8s.elastic.co',
    kind: 'Elasticsearch',
    source: ECK,
    ...OPEN,
    pods: (name, spec) =>
      each(spec, 'nodeSets', (set, i) => ({
        templatePath: ['spec', 'nodeSets', i, 'podTemplate'],
        part: asString(set['name']) ?? `nodeSets[${i}]`,
        labels: { ...eckLabels('elasticsearch', 'elasticsearch.k8s.elastic.co/cluster-name', name), 'elasticsearch.k8s.elastic.co/statefulset-name': `${name}-es-${asString(set['name']) ?? ''}` },
        // node roles come from each node set's config (true/false per role)
        anyValue: ['elasticsearch.k8s.elastic.co/node-master', 'elasticsearch.k8s.elastic.co/node-data', 'elasticsearch.k8s.elastic.co/node-ingest', 'elasticsearch.k8s.elastic.co/node-ml', 'elasticsearch.k8s.elastic.co/version', 'elasticsearch.k8s.elastic.co/pod-name'],
      })),
    services: (name) => [`${name}-es-http`, `${name}-es-internal-http`, `${name}-es-transport`],
  },
  ...(
    [
      ['kibana.k8s.elastic.co', 'Kibana', 'kibana', ['kb']],
      ['apm.k8s.elastic.co', 'ApmServer', 'apm-server', ['apm']],
      ['enterprisesearch.k8s.elastic.co', 'EnterpriseSearch', 'enterprise-search', ['ent']],
      ['maps.k8s.elastic.co', 'ElasticMapsServer', 'maps', ['ems']],
      ['logstash.k8s.elastic.co', 'Logstash', 'logstash', ['ls']],
      // an Agent or a Beat runs as a Deployment, a DaemonSet or a StatefulSet, each with its podTemplate
      ['agent.k8s.elastic.co', 'Agent', 'agent', ['agent']],
      ['beat.k8s.elastic.co', 'Beat', 'beat', ['beat']],
    ] as const
  ).map(
    ([group, kind, type, short]): OperatorKind => ({
      group,
      kind,
      source: ECK,
      ...OPEN,
      pods: (name, spec) => {
        const mode = ['deployment', 'daemonSet', 'statefulSet'].find((m) => asMap(spec?.[m]));
        return [{ templatePath: mode ? ['spec', mode, 'podTemplate'] : ['spec', 'podTemplate'], labels: eckLabels(type, `${group.split('.')[0]}.k8s.elastic.co/name`, name) }];
      },
      services: (name) => short.flatMap((s) => [`${name}-${s}-http`, `${name}-${s}-api`]),
    }),
  ),
  {
    group: 'postgresql.cnpg.io',
    kind: 'Cluster',
    source: 'cloudnative-pg pkg/utils/labels_annotations.go (cnpg.io/cluster, role, cnpg.io/instanceRole, cnpg.io/podRole); api/v1/cluster_types.go (Service suffixes -rw, -ro, -r)',
    containersExact: false,
    labelsComplete: false,
    servicesComplete: true,
    pods: (name) => [
      {
        labels: { 'cnpg.io/cluster': name, 'cnpg.io/podRole': 'instance', 'app.kubernetes.io/name': 'postgresql', 'app.kubernetes.io/instance': name, 'app.kubernetes.io/managed-by': 'cloudnative-pg', 'app.kubernetes.io/component': 'database' },
        anyValue: ['role', 'cnpg.io/instanceRole', 'cnpg.io/instanceName', 'app.kubernetes.io/version', 'cnpg.io/majorVersion'],
      },
    ],
    services: (name) => [`${name}-rw`, `${name}-ro`, `${name}-r`],
  },
  {
    group: 'postgresql.cnpg.io',
    kind: 'Pooler',
    source: 'cloudnative-pg pkg/utils/labels_annotations.go (PgbouncerNameLabel cnpg.io/poolerName); the Pooler\'s Service is named after it',
    containersExact: false,
    labelsComplete: false,
    servicesComplete: true,
    pods: (name) => [{ templatePath: ['spec', 'template'], labels: { 'cnpg.io/poolerName': name, 'cnpg.io/podRole': 'pooler' } }],
    services: (name) => [name],
  },
  ...(
    [
      ['Prometheus', 'prometheus', ['operator.prometheus.io/shard'], (name: string) => ({ prometheus: name, 'operator.prometheus.io/name': name }), 'prometheus-operated'],
      ['PrometheusAgent', 'prometheus-agent', ['operator.prometheus.io/shard'], (name: string) => ({ 'operator.prometheus.io/name': name }), 'prometheus-agent-operated'],
      ['Alertmanager', 'alertmanager', [], (name: string) => ({ alertmanager: name }), 'alertmanager-operated'],
      ['ThanosRuler', 'thanos-ruler', [], (name: string) => ({ 'thanos-ruler': name }), 'thanos-ruler-operated'],
    ] as const
  ).map(
    ([kind, appName, anyValue, own, governing]): OperatorKind => ({
      group: 'monitoring.coreos.com',
      kind,
      source: PROMETHEUS_OPERATOR,
      containersExact: false,
      labelsComplete: true,
      servicesComplete: true,
      // the pods get spec.podMetadata.labels, then the operator's own (which win)
      pods: (name, spec) => [
        {
          labels: {
            ...labelMap(dig(spec, 'podMetadata', 'labels')),
            'app.kubernetes.io/name': appName,
            'app.kubernetes.io/managed-by': 'prometheus-operator',
            'app.kubernetes.io/instance': name,
            ...own(name),
          },
          anyValue: [...anyValue, 'app.kubernetes.io/version', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name'],
        },
      ],
      services: () => [governing],
    }),
  ),
  {
    group: 'acid.zalan.do',
    kind: 'postgresql',
    source: 'zalando/postgres-operator docs/reference/operator_parameters.md (cluster_labels application: spilo, cluster_name_label cluster-name, spilo-role); Services NAME, NAME-repl',
    containersExact: false,
    labelsComplete: false,
    servicesComplete: true,
    pods: (name) => [{ labels: { application: 'spilo', 'cluster-name': name }, anyValue: ['spilo-role'] }],
    services: (name) => [name, `${name}-repl`, `${name}-config`],
  },
  {
    group: 'app.redislabs.com',
    kind: 'RedisEnterpriseCluster',
    source: 'RedisLabs/redis-enterprise-k8s-docs (pods labelled app: redis-enterprise, redis.io/cluster: NAME, redis.io/role: node); Services NAME, NAME-ui',
    ...OPEN,
    pods: (name) => [{ labels: { app: 'redis-enterprise', 'redis.io/cluster': name, 'redis.io/role': 'node' }, anyValue: ['redis.io/role-master', 'redis.io/role-slave'] }],
    services: (name) => [name, `${name}-ui`, `${name}-prom`],
  },
  {
    group: 'databases.spotahome.com',
    kind: 'RedisFailover',
    source: 'spotahome/redis-operator operator/redisfailover/service/constants.go and generator.go (app.kubernetes.io/* and redisfailovers-role labels; Services rfr-NAME, rfs-NAME)',
    containersExact: false,
    labelsComplete: false,
    servicesComplete: true,
    pods: (name) =>
      ['redis', 'sentinel'].map((component) => ({
        part: component,
        labels: { 'app.kubernetes.io/component': component, 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'redis-failover', 'redisfailovers.databases.spotahome.com/name': name },
        anyValue: component === 'redis' ? ['redisfailovers-role'] : [],
      })),
    services: (name) => [`rfr-${name}`, `rfs-${name}`],
  },
  {
    group: 'flagger.app',
    kind: 'Canary',
    source: 'fluxcd/flagger docs/gitbook/usage/how-it-works.md (Services NAME, NAME-primary, NAME-canary; primary pods labelled app: NAME-primary)',
    containersExact: false,
    labelsComplete: false,
    servicesComplete: true,
    pods: (name) => [{ part: 'primary', labels: { app: `${name}-primary` } }],
    services: (name) => [name, `${name}-primary`, `${name}-canary`],
  },
  {
    group: 'keda.sh',
    kind: 'ScaledJob',
    source: 'kedacore/keda pkg/scaling/executor/scale_jobs.go (jobTargetRef.template; Jobs labelled scaledjob.keda.sh/name)',
    ...EXACT,
    pods: (name) => [{ templatePath: ['spec', 'jobTargetRef', 'template'], labels: { 'scaledjob.keda.sh/name': name }, anyValue: JOB_LABELS }],
  },
  {
    group: 'serving.knative.dev',
    kind: 'Service',
    source: 'knative/serving pkg/apis/serving/register.go (serving.knative.dev/service, configuration, revision labels); Services NAME, NAME-<revision>',
    ...OPEN,
    pods: (name) => [{ templatePath: ['spec', 'template'], labels: { 'serving.knative.dev/service': name, 'serving.knative.dev/configuration': name }, anyValue: ['serving.knative.dev/revision', 'serving.knative.dev/revisionUID', 'app'] }],
    services: (name) => [name],
  },
  {
    group: 'jobset.x-k8s.io',
    kind: 'JobSet',
    source: 'kubernetes-sigs/jobset api/jobset/v1alpha2/jobset_types.go (JobSetNameKey, ReplicatedJobNameKey); headless Service named after the JobSet',
    ...EXACT,
    pods: (name, spec) =>
      each(spec, 'replicatedJobs', (job, i) => ({
        templatePath: ['spec', 'replicatedJobs', i, 'template', 'spec', 'template'],
        part: asString(job['name']) ?? `replicatedJobs[${i}]`,
        labels: { 'jobset.sigs.k8s.io/jobset-name': name, ...(asString(job['name']) ? { 'jobset.sigs.k8s.io/replicatedjob-name': asString(job['name'])! } : {}) },
        anyValue: ['jobset.sigs.k8s.io/job-index', 'jobset.sigs.k8s.io/job-key', 'jobset.sigs.k8s.io/replicatedjob-replicas', 'batch.kubernetes.io/job-completion-index', ...JOB_LABELS],
      })),
    services: (name) => [name],
  },
];

function labelMap(value: unknown): Record<string, string> {
  const map = asMap(value);
  const labels: Record<string, string> = {};
  for (const key in map) if (typeof map[key] === 'string') labels[key] = map[key] as string;
  return labels;
}

const BY_GROUP_KIND = new Map(OPERATORS.map((o) => [`${o.group}/${o.kind}`, o]));

/** The table entry for a kind, by its API group. */
export function operatorKind(group: string, kind: string): OperatorKind | undefined {
  return BY_GROUP_KIND.get(`${group}/${kind}`);
}

/** Every known kind (for documentation and tests). */
export function operatorKinds(): readonly OperatorKind[] {
  return OPERATORS;
}
