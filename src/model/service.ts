/** A Service as the API server defaults it (k8s-semantics.md §1.1). Compact: kept for the whole run. */
import type { ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import type { K8sObject, NodeRef, ObjectRef } from './object.js';
import { asInteger, asLabelMap, asList, asMap, asString, dig, isPlaceholder, type PlainMap } from './values.js';

export interface ServicePortView {
  readonly index: number;
  readonly name?: string;
  readonly port?: number;
  /** As written, `TCP` when absent. */
  readonly protocol: string;
  /** `targetPort`, or `port` when omitted, 0 or ""; undefined when of a type that is neither. */
  readonly targetPort?: number | string;
  readonly targetPortGiven: boolean;
  /** Absent when not set or 0 (which means "allocate one"). */
  readonly nodePort?: number;
}

export class ServiceView {
  /** `spec.type`, `ClusterIP` when absent. */
  readonly type: string;
  readonly headless: boolean;
  /** The selector, or undefined when there is none or it is empty (both select nothing). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePortView[];
  /** `selector: {}`: written, but empty (selects nothing, as no selector). */
  readonly hasEmptySelector: boolean;
  /** `spec.healthCheckNodePort` when set (LoadBalancer with externalTrafficPolicy Local). */
  readonly healthCheckNodePort?: number;
  /** `spec.publishNotReadyAddresses`: endpoints include pods that are not Ready. */
  readonly publishNotReadyAddresses: boolean;
  /** A selector value is a template placeholder (`${APP}`): what it selects is unknown. */
  readonly selectorHasPlaceholders: boolean;
  /** The Service's own labels (what ServiceMonitors select it by). */
  readonly labels: Readonly<Record<string, string>>;

  /**
   * Its position in the model's list of Services, for tables by Service (see Resolver); set when
   * the model is assembled (a file's Services move when another file is added or removed).
   */
  serial = -1;

  constructor(
    readonly ref: ObjectRef,
    raw: PlainMap,
  ) {
    const spec = asMap(raw['spec']) ?? {};
    const type: ServiceSpec['type'] = asString(spec['type']);
    this.type = type || 'ClusterIP';
    this.headless = spec['clusterIP'] === 'None' || asList(spec['clusterIPs'])?.[0] === 'None';
    const selector = asLabelMap(spec['selector']);
    if (selector && Object.keys(selector).length > 0) this.selector = selector;
    this.selectorHasPlaceholders = selector !== undefined && Object.values(selector).some(isPlaceholder);
    this.hasEmptySelector = selector !== undefined && this.selector === undefined;
    const healthCheck = asInteger(spec['healthCheckNodePort']);
    if (healthCheck) this.healthCheckNodePort = healthCheck;
    this.publishNotReadyAddresses = spec['publishNotReadyAddresses'] === true;
    this.labels = asLabelMap(dig(raw, 'metadata', 'labels')) ?? NO_LABELS;
    this.ports = (asList(spec['ports']) ?? []).flatMap((item, index) => {
      const port = asMap(item);
      return port ? [readPort(port, index)] : [];
    });
  }

  static from(object: K8sObject): ServiceView | undefined {
    return object.kind === 'Service' && object.group === '' ? new ServiceView(object.ref, object.raw) : undefined;
  }

  get namespace(): string {
    return this.ref.namespace;
  }

  get name(): string {
    return this.ref.name;
  }

  /** A kustomize patch of a Service, not a whole one (see ObjectRef.partial). */
  get partial(): boolean {
    return this.ref.partial;
  }

  /** A field of a port, e.g. `portRef(port, 'nodePort')`. */
  portRef(port: ServicePortView, field: string): NodeRef {
    return this.ref.at('spec', 'ports', port.index, field);
  }

  /** Where a port's target is written: `targetPort`, or `port` when targetPort is omitted. */
  targetPortRef(port: ServicePortView): NodeRef {
    return this.portRef(port, port.targetPortGiven ? 'targetPort' : 'port');
  }
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

function readPort(raw: PlainMap, index: number): ServicePortView {
  const name: ServicePort['name'] = asString(raw['name']);
  const port = asInteger(raw['port']);
  const rawTarget = raw['targetPort'];
  const omitted = rawTarget === undefined || rawTarget === null || rawTarget === 0 || rawTarget === '';
  // a placeholder (`${PORT}`) is unknown, as a value of the wrong type is
  const targetPort = omitted ? port : (typeof rawTarget === 'string' && !isPlaceholder(rawTarget)) || Number.isInteger(rawTarget) ? (rawTarget as string | number) : undefined;
  const nodePort = asInteger(raw['nodePort']);
  // every field present (some undefined): one object shape for all ports
  return { index, name, port, protocol: asString(raw['protocol']) ?? 'TCP', targetPort, targetPortGiven: !omitted, nodePort: nodePort || undefined };
}
