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
import { asInteger, asLabelMap, asList, asMap, asString, dig, NO_LABELS } from './values.js';

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

export class PodSource {
  readonly labels: Readonly<Record<string, string>>;
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
    /** The pod template's path inside the object ([] for a Pod). */
    readonly templatePath: Path,
    raw: unknown,
    clusterDomain: string,
  ) {
    const template = dig(raw, ...templatePath);
    this.labels = asLabelMap(dig(template, 'metadata', 'labels')) ?? NO_LABELS;
    const candidates: ReferenceCandidate[] = [];
    const containers = [...readContainers(template, templatePath, false, candidates), ...readContainers(template, templatePath, true, candidates)];
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
        probe.field !== 'livenessProbe' && problem.kind !== 'not-tcp' ? [{ container, probe, problem }] : [],
      ),
    );
  }

  /** The path of a container inside the object. */
  containerPath(container: ContainerView): PathSegment[] {
    return [...this.templatePath, 'spec', container.role === 'app' ? 'containers' : 'initContainers', container.index];
  }

  /** A place in the pod template. */
  at(...path: PathSegment[]): NodeRef {
    return this.ref.at(...this.templatePath, ...path);
  }

  keyAt(...path: PathSegment[]): NodeRef {
    return this.ref.keyAt(...this.templatePath, ...path);
  }
}

const NO_REFERENCES: readonly ServiceReference[] = [];

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
