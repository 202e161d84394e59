/**
 * Pod templates: where the pods a Service can select come from. Every workload kind and bare
 * Pods, each with its labels, containers and ports as the kubelet and the EndpointSlice
 * controller see them. Compact: kept for the whole run, built while the file is read.
 */
import type { Container, ContainerPort } from 'kubernetes-types/core/v1.js';
import type { Path, PathSegment } from '../load/positions.js';
import type { K8sObject, NodeRef, ObjectRef } from './object.js';
import { readProbes, type ProbeProblem } from './probes.js';
import { collectCandidates, parseReferences, type ReferenceCandidate, type ServiceReference } from './references.js';
import { newMapping } from '../load/values.js';
import type { PodGroup } from './operators.js';
import { asInteger, asLabelMap, asList, asMap, asString, dig, isPlaceholder, NO_LABELS } from './values.js';

/** Where the pod template sits, by kind, and the API groups that served that kind. */
const TEMPLATE_PATHS = new Map<string, { path: Path; groups: readonly string[] }>([
  ['Pod', { path: [], groups: [''] }],
  ['Deployment', { path: ['spec', 'template'], groups: ['apps', 'extensions'] }],
  ['ReplicaSet', { path: ['spec', 'template'], groups: ['apps', 'extensions'] }],
  ['StatefulSet', { path: ['spec', 'template'], groups: ['apps'] }],
  ['DaemonSet', { path: ['spec', 'template'], groups: ['apps', 'extensions'] }],
  ['ReplicationController', { path: ['spec', 'template'], groups: [''] }],
  ['Job', { path: ['spec', 'template'], groups: ['batch'] }],
  ['CronJob', { path: ['spec', 'jobTemplate', 'spec', 'template'], groups: ['batch'] }],
]);

/**
 * What follows from a pod spec the API server rejects, for the end of a finding's message: the
 * object itself is rejected ('') — except a StatefulSet, whose pod spec is not validated when it
 * is created (ValidatePodTemplateSpecForStatefulSet checks only the template's labels and
 * annotations): the StatefulSet is created, and each pod it makes is then rejected.
 */
export function podSpecRejection(kind: string): string {
  return kind === 'StatefulSet' ? '; the StatefulSet is still created (its pod spec is not validated then), but the API server rejects every pod it makes' : '';
}

/** Where an object's pod template is ([] for a Pod), or undefined when it has none. */
export function templatePathOf(object: { readonly kind: string; readonly group: string }): Path | undefined {
  const known = TEMPLATE_PATHS.get(object.kind);
  return known && known.groups.includes(object.group) ? known.path : undefined;
}

export type ContainerRole = 'app' | 'init' | 'sidecar';

export interface ContainerPortView {
  readonly index: number;
  readonly name: string | undefined;
  readonly containerPort: number | undefined;
  /** As written, `TCP` when absent. */
  readonly protocol: string;
}

export interface ContainerView {
  readonly name: string;
  /** `sidecar`: an init container with `restartPolicy: Always` (its ports serve Services). */
  readonly role: ContainerRole;
  /** Index in `containers` (app) or `initContainers` (init, sidecar). */
  readonly index: number;
  readonly ports: readonly ContainerPortView[];
  readonly hasReadinessProbe: boolean;
  /** Probes whose port cannot work (`probe-port-no-match`); probes that can are not kept. */
  readonly probeProblems: readonly ProbeProblem[];
}

export interface ReadinessBlocker extends ProbeProblem {
  readonly container: ContainerView;
}

/** What an operator adds to the pods of a custom resource's template (see operators.ts). */
export interface MadeByOperator extends PodGroup {
  /** The operator may add containers or ports the template does not show. */
  readonly openPorts: boolean;
}

export class PodSource {
  /** The pods' labels: the template's, and for a custom resource its operator's. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Label keys an operator sets to a value known only at run time (a hash, an ordinal, a role):
   * the pods have the key, with some value, so a selector on it matches them.
   */
  readonly anyValueLabels: ReadonlySet<string> | undefined;
  /**
   * Label keys whose value is a template placeholder (`${APP}`, `{{ .Values.app }}`): unknown
   * until rendered. They select nothing for sure, but a selector that misses may be matched by
   * them once rendered (see ModelIndex.whyNoPods).
   */
  readonly placeholderLabels: ReadonlySet<string> | undefined;
  /** Which of a custom resource's pods these are, when it makes several (`head`, `workers`). */
  readonly part: string | undefined;
  /** Made by an operator that may add containers or ports: a port it lacks is unknown, not missing. */
  readonly openPorts: boolean;
  /** Why the pods may have ports the template does not show (for `resolve`). */
  readonly openPortsWhy: string | undefined;
  /** The object that makes these pods when it is not the one holding the template (a Rollout's workloadRef). */
  madeBy: ObjectRef | undefined = undefined;
  /** `anyValueLabels` as the object alone gives them (a Rollout adds its hash label). */
  private readonly ownAnyValueLabels: ReadonlySet<string> | undefined;
  /** App containers in order, then init containers (sidecars and plain ones) in order. */
  readonly containers: readonly ContainerView[];
  /** Containers whose ports a Service can reach: app containers, then native sidecars. */
  readonly servingContainers: readonly ContainerView[];
  /** The declared replica count where the kind has one (absent: not given or not a number). */
  readonly replicas?: number;
  /** StatefulSet `spec.ordinals.start`. */
  readonly ordinalsStart?: number;
  /** StatefulSet `spec.serviceName`: the Service that gives its pods their DNS names. */
  readonly serviceName?: string;
  /** Services its containers call by name (env values, args, command). */
  readonly references: readonly ServiceReference[];

  private constructor(
    readonly ref: ObjectRef,
    /** The pod template's path inside the object ([] for a Pod); undefined when an operator builds the pods itself. */
    readonly templatePath: Path | undefined,
    raw: unknown,
    clusterDomain: string,
    operator?: MadeByOperator,
  ) {
    const template = templatePath ? dig(raw, ...templatePath) : undefined;
    const written = asLabelMap(dig(template, 'metadata', 'labels')) ?? NO_LABELS;
    let anyValue: Set<string> | undefined;
    let placeholders: Set<string> | undefined;
    for (const key in written) if (isPlaceholder(written[key]!)) (placeholders ??= new Set()).add(key);
    if (operator) {
      // (a prototype-less copy, as parsed label maps are: its keys are manifest text)
      this.labels = Object.assign(newMapping(), written, operator.labels) as Record<string, string>;
      for (const key of operator.anyValue ?? []) if (!Object.hasOwn(operator.labels, key)) (anyValue ??= new Set()).add(key);
    } else {
      this.labels = written;
    }
    // (every field assigned, undefined or not: one object shape for all pod sources)
    this.anyValueLabels = anyValue;
    this.ownAnyValueLabels = anyValue;
    this.placeholderLabels = placeholders;
    this.part = operator?.part;
    const candidates: ReferenceCandidate[] = [];
    const containers = templatePath ? [...readContainers(template, templatePath, false, candidates), ...readContainers(template, templatePath, true, candidates)] : [];
    // an operator, or a kustomize patch of this object, may add containers and ports; a port
    // named by a placeholder may be any
    this.openPortsWhy =
      operator?.openPorts ? 'its operator adds containers'
      : ref.partial ? 'a kustomize patch, merged into its base'
      : isPatched(ref) ? 'a kustomize patch changes it'
      : containers.some(hasPlaceholderPortName) ? 'a port name is a placeholder'
      : undefined;
    this.openPorts = this.openPortsWhy !== undefined;
    this.references = candidates.length === 0 ? NO_REFERENCES : parseReferences(candidates, clusterDomain);
    this.containers = containers;
    this.servingContainers = containers.some((c) => c.role === 'init') ? containers.filter((c) => c.role !== 'init') : containers;
    const replicas = asInteger(dig(raw, 'spec', 'replicas'));
    if (replicas !== undefined) this.replicas = replicas;
    if (ref.kind === 'StatefulSet') {
      const ordinalsStart = asInteger(dig(raw, 'spec', 'ordinals', 'start'));
      if (ordinalsStart !== undefined) this.ordinalsStart = ordinalsStart;
      const serviceName = asString(dig(raw, 'spec', 'serviceName'));
      if (serviceName) this.serviceName = serviceName;
    }
  }

  static from(object: K8sObject, clusterDomain: string): PodSource | undefined {
    const path = templatePathOf(object);
    return path ? new PodSource(object.ref, path, object.raw, clusterDomain) : undefined;
  }

  /** The pods of a custom resource: one of its templates (or none), with what its operator adds. */
  static fromOperator(object: K8sObject, clusterDomain: string, operator: MadeByOperator): PodSource {
    return new PodSource(object.ref, operator.templatePath, object.raw, clusterDomain, operator);
  }

  /**
   * The Rollout whose `workloadRef` names this Deployment: its pods are this template's, hashed
   * (undefined: none, or no longer — the model is assembled again when files change).
   */
  madeByRollout(rollout: ObjectRef | undefined): void {
    if (this.madeBy === rollout) return;
    this.madeBy = rollout;
    (this as { anyValueLabels?: ReadonlySet<string> }).anyValueLabels = rollout
      ? new Set([...(this.ownAnyValueLabels ?? []), 'rollouts-pod-template-hash'])
      : this.ownAnyValueLabels;
  }

  /** `RayCluster/ray (head)`: the object, and which of its pods when it makes several. */
  get displayName(): string {
    const notes = [this.part, this.madeBy ? `pods of ${this.madeBy.displayName}` : undefined].filter(Boolean);
    return notes.length > 0 ? `${this.ref.displayName} (${notes.join(', ')})` : this.ref.displayName;
  }

  /** Part of a kustomize patch, not a whole object: its pods are its base's, changed. */
  get partial(): boolean {
    return this.ref.partial;
  }

  get namespace(): string {
    return this.ref.namespace;
  }

  get kind(): string {
    return this.ref.kind;
  }

  get name(): string {
    return this.ref.name;
  }

  /**
   * Readiness or startup probes whose port cannot be resolved: the container never becomes
   * ready, so neither does the pod, and no Service sends it traffic.
   */
  readinessBlockers(): ReadinessBlocker[] {
    return this.servingContainers.flatMap((container) =>
      container.probeProblems.flatMap(({ probe, problem }) =>
        probe.field !== 'livenessProbe' && problem.kind !== 'not-tcp' && !(this.openPorts && problem.kind === 'undeclared-name') ? [{ container, probe, problem }] : [],
      ),
    );
  }

  /** The path of a container inside the object. */
  containerPath(container: ContainerView): PathSegment[] {
    return [...(this.templatePath ?? []), 'spec', container.role === 'app' ? 'containers' : 'initContainers', container.index];
  }

  /** A place in the pod template (the object's `spec` when it has none). */
  at(...path: PathSegment[]): NodeRef {
    return this.templatePath ? this.ref.at(...this.templatePath, ...path) : this.ref.keyAt('spec');
  }

  keyAt(...path: PathSegment[]): NodeRef {
    return this.templatePath ? this.ref.keyAt(...this.templatePath, ...path) : this.ref.keyAt('spec');
  }
}

const NO_REFERENCES: readonly ServiceReference[] = [];

function hasPlaceholderPortName(container: ContainerView): boolean {
  for (const port of container.ports) if (port.name !== undefined && isPlaceholder(port.name)) return true;
  return false;
}

/** Whether a kustomization that builds this object patches it (by kind and name, or all of a kind). */
function isPatched(ref: ObjectRef): boolean {
  const targets = ref.file.kustomize?.patchTargets;
  return targets !== undefined && targets.some((t) => (t.kind === undefined || t.kind === ref.kind) && (t.name === undefined || t.name === ref.name));
}

/** The containers of one list, adding the strings that may name Services to `candidates`. */
function readContainers(template: unknown, templatePath: Path, init: boolean, candidates: ReferenceCandidate[]): ContainerView[] {
  const listName = init ? 'initContainers' : 'containers';
  const list = asList(dig(template, 'spec', listName)) ?? [];
  const containers: ContainerView[] = [];
  list.forEach((item, index) => {
    const raw = asMap(item);
    if (!raw) return;
    const name = asString(raw['name']) ?? '';
    collectCandidates(raw, { templatePath, list: listName, containerIndex: index, container: name }, candidates);
    const restartPolicy: Container['restartPolicy'] = asString(raw['restartPolicy']);
    const role: ContainerRole = !init ? 'app' : restartPolicy === 'Always' ? 'sidecar' : 'init';
    const ports = readPorts(raw['ports']);
    const { hasReadinessProbe, problems } = readProbes(raw, ports);
    containers.push({ name, role, index, ports, hasReadinessProbe, probeProblems: problems });
  });
  return containers;
}

function readPorts(value: unknown): ContainerPortView[] {
  const ports: ContainerPortView[] = [];
  (asList(value) ?? []).forEach((item, index) => {
    const raw = asMap(item);
    if (!raw) return;
    const name: ContainerPort['name'] = asString(raw['name']);
    // one literal, no conditional spreads: this runs for every container port
    ports.push({ index, name, containerPort: asInteger(raw['containerPort']), protocol: asString(raw['protocol']) ?? 'TCP' });
  });
  return ports;
}

/** `http 8080/TCP, 9090/UDP` — the serving ports of a pod template, for messages. */
export function describePorts(source: PodSource): string {
  const ports = source.servingContainers.flatMap((container) =>
    container.ports.map((port) => `${port.name ? `${port.name} ` : ''}${port.containerPort ?? '?'}/${port.protocol}`),
  );
  return ports.length > 0 ? ports.join(', ') : 'no ports';
}
