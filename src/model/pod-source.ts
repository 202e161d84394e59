/**
 * Pod templates: where the pods a Service can select come from. Every workload kind and bare
 * Pods, each with its labels, containers and ports as the kubelet and the EndpointSlice
 * controller see them.
 */
import type { Container, ContainerPort } from 'kubernetes-types/core/v1.js';
import type { Path, PathSegment } from '../load/positions.js';
import type { K8sObject, NodeRef } from './object.js';
import { asInteger, asLabelMap, asList, asMap, asString, dig, type PlainMap } from './values.js';

/** Where the pod template sits, by kind, and the API groups that served that kind. */
const TEMPLATE_PATHS: Record<string, { path: Path; groups: readonly string[] }> = {
  Pod: { path: [], groups: [''] },
  Deployment: { path: ['spec', 'template'], groups: ['apps', 'extensions'] },
  ReplicaSet: { path: ['spec', 'template'], groups: ['apps', 'extensions'] },
  StatefulSet: { path: ['spec', 'template'], groups: ['apps'] },
  DaemonSet: { path: ['spec', 'template'], groups: ['apps', 'extensions'] },
  ReplicationController: { path: ['spec', 'template'], groups: [''] },
  Job: { path: ['spec', 'template'], groups: ['batch'] },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template'], groups: ['batch'] },
};

export type ContainerRole = 'app' | 'init' | 'sidecar';

export interface ContainerPortView {
  readonly path: Path;
  readonly name?: string;
  readonly containerPort?: number;
  /** As written, `TCP` when absent. */
  readonly protocol: string;
  readonly raw: PlainMap;
}

export interface ContainerView {
  readonly name: string;
  /** `sidecar`: an init container with `restartPolicy: Always` (its ports serve Services). */
  readonly role: ContainerRole;
  readonly path: Path;
  readonly ports: readonly ContainerPortView[];
  readonly raw: PlainMap;
}

export class PodSource {
  readonly labels: Readonly<Record<string, string>>;
  /** App containers in order, then init containers (sidecars and plain ones) in order. */
  readonly containers: readonly ContainerView[];

  constructor(
    readonly object: K8sObject,
    /** The pod template's path inside the object ([] for a Pod). */
    readonly templatePath: Path,
  ) {
    const template = dig(object.raw, ...templatePath);
    this.labels = asLabelMap(dig(template, 'metadata', 'labels')) ?? {};
    this.containers = [
      ...readContainers(template, [...templatePath, 'spec', 'containers'], false),
      ...readContainers(template, [...templatePath, 'spec', 'initContainers'], true),
    ];
  }

  static from(object: K8sObject): PodSource | undefined {
    const known = TEMPLATE_PATHS[object.kind];
    if (!known || !known.groups.includes(object.group)) return undefined;
    return new PodSource(object, known.path);
  }

  get namespace(): string {
    return this.object.namespace;
  }

  get kind(): string {
    return this.object.kind;
  }

  get name(): string {
    return this.object.name;
  }

  /** Containers whose ports a Service can reach: app containers, then native sidecars. */
  get servingContainers(): readonly ContainerView[] {
    return this.containers.filter((c) => c.role !== 'init');
  }

  /** The declared replica count where the kind has one (`undefined`: not given or not a number). */
  get replicas(): number | undefined {
    return asInteger(dig(this.object.raw, 'spec', 'replicas'));
  }

  /** A place in the pod template. */
  at(...path: PathSegment[]): NodeRef {
    return this.object.at(...this.templatePath, ...path);
  }

  keyAt(...path: PathSegment[]): NodeRef {
    return this.object.keyAt(...this.templatePath, ...path);
  }
}

function readContainers(template: unknown, listPath: Path, init: boolean): ContainerView[] {
  const list = asList(dig(template, 'spec', init ? 'initContainers' : 'containers')) ?? [];
  const containers: ContainerView[] = [];
  list.forEach((item, index) => {
    const raw = asMap(item);
    if (!raw) return;
    const restartPolicy: Container['restartPolicy'] = asString(raw['restartPolicy']);
    const role: ContainerRole = !init ? 'app' : restartPolicy === 'Always' ? 'sidecar' : 'init';
    const path = [...listPath, index];
    containers.push({ name: asString(raw['name']) ?? '', role, path, ports: readPorts(raw, path), raw });
  });
  return containers;
}

function readPorts(container: PlainMap, containerPath: Path): ContainerPortView[] {
  const ports: ContainerPortView[] = [];
  (asList(container['ports']) ?? []).forEach((item, index) => {
    const raw = asMap(item);
    if (!raw) return;
    const name: ContainerPort['name'] = asString(raw['name']);
    const containerPort = asInteger(raw['containerPort']);
    ports.push({
      path: [...containerPath, 'ports', index],
      ...(name !== undefined ? { name } : {}),
      ...(containerPort !== undefined ? { containerPort } : {}),
      protocol: asString(raw['protocol']) ?? 'TCP',
      raw,
    });
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
