/** A Service as the API server defaults it (k8s-semantics.md §1.1). */
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import type { Path } from '../load/positions.js';
import type { K8sObject, NodeRef } from './object.js';
import { asInteger, asLabelMap, asList, asMap, asString, type PlainMap } from './values.js';

export interface ServicePortView {
  readonly index: number;
  readonly path: Path;
  readonly name?: string;
  readonly port?: number;
  /** As written, `TCP` when absent. */
  readonly protocol: string;
  /** `targetPort`, or `port` when omitted, 0 or ""; undefined when of a type that is neither. */
  readonly targetPort?: number | string;
  readonly targetPortGiven: boolean;
  /** Absent when not set or 0 (which means "allocate one"). */
  readonly nodePort?: number;
  readonly raw: PlainMap;
}

export class ServiceView {
  readonly spec: PlainMap;
  /** `spec.type`, `ClusterIP` when absent. */
  readonly type: string;
  readonly headless: boolean;
  /** The selector, or undefined when there is none or it is empty (both select nothing). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePortView[];

  constructor(readonly object: K8sObject) {
    this.spec = asMap(object.raw['spec']) ?? {};
    const type: ServiceSpec['type'] = asString(this.spec['type']);
    this.type = type || 'ClusterIP';
    this.headless = this.spec['clusterIP'] === 'None' || asList(this.spec['clusterIPs'])?.[0] === 'None';
    const selector = asLabelMap(this.spec['selector']);
    if (selector && Object.keys(selector).length > 0) this.selector = selector;
    this.ports = (asList(this.spec['ports']) ?? []).flatMap((item, index) => {
      const raw = asMap(item);
      return raw ? [readPort(raw, index)] : [];
    });
  }

  get namespace(): string {
    return this.object.namespace;
  }

  get name(): string {
    return this.object.name;
  }

  /** Where a port's target is written: `targetPort`, or `port` when targetPort is omitted. */
  targetPortRef(port: ServicePortView): NodeRef {
    return this.object.at(...port.path, port.targetPortGiven ? 'targetPort' : 'port');
  }
}

function readPort(raw: PlainMap, index: number): ServicePortView {
  const name: ServicePort['name'] = asString(raw['name']);
  const port = asInteger(raw['port']);
  const rawTarget = raw['targetPort'];
  const omitted = rawTarget === undefined || rawTarget === null || rawTarget === 0 || rawTarget === '';
  const targetPort = omitted ? port : typeof rawTarget === 'string' || Number.isInteger(rawTarget) ? (rawTarget as string | number) : undefined;
  const nodePort = asInteger(raw['nodePort']);
  return {
    index,
    path: ['spec', 'ports', index],
    ...(name !== undefined ? { name } : {}),
    ...(port !== undefined ? { port } : {}),
    protocol: asString(raw['protocol']) ?? 'TCP',
    ...(targetPort !== undefined ? { targetPort } : {}),
    targetPortGiven: !omitted,
    ...(nodePort ? { nodePort } : {}),
    raw,
  };
}
