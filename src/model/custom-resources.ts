/**
 * Custom resources that make pods and Services at run time: an operator's `Cluster`, a
 * `RayCluster`, an Argo `Rollout`. Their pod templates become ordinary pod sources; the rest of
 * what they may make (pods whose labels the operator chooses, Services named after them) is
 * kept so that a selector or a Service name that resolves to nothing is judged "unknown"
 * rather than wrong when such a resource is there.
 */
import type { Path } from '../load/positions.js';
import type { K8sObject, ObjectRef } from './object.js';
import { operatorKind, type OperatorKind, type PodGroup } from './operators.js';
import { asList, asMap, type PlainMap } from './values.js';

/**
 * Fields in `spec` (or one level below it, as in `spec.redis.replicas`) that only resources
 * making pods have. A `Certificate`, an `ExternalSecret` or a `ServiceMonitor` has none.
 */
const POD_LIKE_FIELDS = new Set(['replicas', 'instances', 'podTemplate', 'podMetadata', 'containers', 'image', 'template', 'numberOfInstances']);

/** How deep below `spec` pod templates are looked for (`spec.replicatedJobs[0].template.spec.template` is 6). */
const MAX_TEMPLATE_DEPTH = 8;

/** A custom resource as far as pods and Services are concerned; kept for the whole run. */
export class CustomResourceView {
  constructor(
    readonly ref: ObjectRef,
    /** Its operator's table entry, when the kind is a known one. */
    readonly operator: OperatorKind | undefined,
    /** It may make pods (a known kind, a pod template, or pod-like fields). */
    readonly makesPods: boolean,
    /** Its pods' labels are known in full (a known kind): a selector that misses them is wrong, not unknown. */
    readonly podLabelsKnown: boolean,
    /** Services its operator makes, when the kind is known. */
    readonly serviceNames: readonly string[],
    /** Those are all the Services it makes (a known kind): another name is not its. */
    readonly servicesKnown: boolean,
    /** The namespace its pods and Services are made in (its own, or a Helm release's target). */
    readonly namespace: string = ref.namespace,
  ) {}

  /**
   * Whether a Service name follows the pattern its operator names Services by, for another
   * object of this kind (`other-head-svc` next to a RayCluster): one the input does not hold.
   */
  namesLikeItsServices(name: string): boolean {
    const own = this.ref.name;
    return this.serviceNames.some((s) => s.startsWith(own) && s.length > own.length && name.endsWith(s.slice(own.length)) && name.length > s.length - own.length);
  }

  /**
   * Everything it makes is known: pods from its templates with the labels listed, containers as
   * written, and no Services (an Argo Rollout, a KEDA ScaledJob).
   */
  get fullyKnown(): boolean {
    const operator = this.operator;
    return operator !== undefined && operator.containersExact && operator.labelsComplete && operator.servicesComplete && this.serviceNames.length === 0;
  }

  /** `Cluster/pg (postgresql.cnpg.io/v1)`, as findings name it. */
  get description(): string {
    return `${this.ref.kind}/${this.ref.name} (${this.ref.apiVersion})`;
  }

  /**
   * Whether a name (a label value, a Service name) is one this resource's operator would make:
   * its own name, or its name followed by a suffix (`pg-rw`, `hulk-es-http`).
   */
  namesAlike(value: string): boolean {
    const name = this.ref.name;
    if (name === '' || !value.startsWith(name)) return false;
    if (value.length === name.length) return true;
    const next = value.charCodeAt(name.length);
    return next === 45 /* - */ || next === 46 /* . */ || next === 95 /* _ */;
  }
}

/** The pod templates of a custom resource and what its operator adds to their pods. */
export interface CustomPods {
  readonly view: CustomResourceView;
  /** Pod templates (or template-less pod kinds of a known operator) with the operator's labels. */
  readonly groups: readonly PodGroup[];
}

/** What a custom resource makes; undefined for built-in objects (callers check the group first). */
export function customPodsOf(object: K8sObject): CustomPods {
  const spec = asMap(object.raw['spec']);
  const operator = operatorKind(object.group, object.kind);
  const groups = operator ? operator.pods(object.name, spec) : templatesByShape(spec).map((templatePath) => ({ templatePath, part: partName(templatePath), labels: {} }));
  const makesPods = operator !== undefined || groups.length > 0 || hasPodLikeFields(spec) || (spec !== undefined && hasContainers(spec, CONTAINERS_DEPTH));
  const view = new CustomResourceView(object.ref, operator, makesPods, operator?.labelsComplete === true, operator?.services?.(object.name, spec) ?? [], operator?.servicesComplete === true, operator?.madeIn?.(spec) ?? object.namespace);
  // a template that is not written makes no pods, unless the operator has defaults for it (ECK)
  return { view, groups: groups.filter((g) => g.templatePath === undefined || !operator?.containersExact || templateAt(object.raw, g.templatePath) !== undefined) };
}

function templateAt(raw: PlainMap, path: Path): PlainMap | undefined {
  let value: unknown = raw;
  for (const segment of path) value = typeof segment === 'number' ? asList(value)?.[segment] : asMap(value)?.[segment];
  return asMap(value);
}

/**
 * Pod templates found by their shape: a `template` or `*Template` mapping whose `spec.containers`
 * is a list, at any depth custom resources use (`spec.template`, `spec.jobTargetRef.template`,
 * `spec.leaderWorkerTemplate.workerTemplate`, `spec.nodeSets[0].podTemplate`).
 */
export function templatesByShape(spec: PlainMap | undefined): Path[] {
  const found: Path[] = [];
  if (spec) walk(spec, ['spec'], 0, found);
  return found;
}

function walk(value: unknown, path: Path, depth: number, found: Path[]): void {
  if (depth > MAX_TEMPLATE_DEPTH) return;
  const items = asList(value);
  if (items) {
    items.forEach((item, i) => walk(item, [...path, i], depth + 1, found));
    return;
  }
  const map = asMap(value);
  if (!map) return;
  for (const key in map) {
    const child = map[key];
    if ((key === 'template' || key.endsWith('Template')) && asList(asMap(asMap(child)?.['spec'])?.['containers'])) {
      found.push([...path, key]);
      continue;
    }
    if (key === 'metadata') continue;
    walk(child, [...path, key], depth + 1, found);
  }
}

/** `workerGroupSpecs[1].template` → `workerGroupSpecs[1]`; `spec.template` → undefined. */
function partName(path: Path): string | undefined {
  const inner = path.slice(1, -1);
  if (inner.length === 0) return path.length > 2 ? String(path[path.length - 1]) : undefined;
  return inner.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** How deep under `spec` a `containers` list is looked for (`spec.driver.containers`, `spec.headGroupSpec.template.spec.containers`). */
const CONTAINERS_DEPTH = 5;

function hasContainers(map: PlainMap, depth: number): boolean {
  if (Array.isArray(map['containers'])) return true;
  if (depth === 0) return false;
  for (const key in map) {
    const value = map[key];
    const child = asMap(value) ?? asMap(asList(value)?.[0]);
    if (child && hasContainers(child, depth - 1)) return true;
  }
  return false;
}

function hasPodLikeFields(spec: PlainMap | undefined): boolean {
  if (!spec) return false;
  for (const key in spec) {
    if (POD_LIKE_FIELDS.has(key)) return true;
    const child = asMap(spec[key]);
    if (child) for (const inner in child) if (POD_LIKE_FIELDS.has(inner)) return true;
  }
  return false;
}
