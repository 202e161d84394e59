/**
 * Prometheus Operator monitors (`monitoring.coreos.com/v1`). A ServiceMonitor selects Services
 * by their labels and scrapes the endpoints of the Service ports its `endpoints[].port` names
 * (or the pods' container ports that `targetPort` names); a PodMonitor selects pods by their
 * labels and scrapes the container ports `podMetricsEndpoints[].port`/`portNumber` name. Both
 * look in `namespaceSelector` (`any: true`, `matchNames`, or else the monitor's own namespace).
 * The operator matches a port name as an anchored regular expression.
 */
import type { Path } from '../load/positions.js';
import { readLabelSelector, type Requirement } from './label-selector.js';
import type { K8sObject, ObjectRef } from './object.js';
import { asInteger, asList, asMap, asString, dig, type PlainMap } from './values.js';

export const MONITORING_GROUP = 'monitoring.coreos.com';

/** Where a monitor looks: every namespace, or a list of them. */
export type MonitorNamespaces =
  | { readonly any: true }
  /** `own`: no matchNames, so the monitor's own namespace. */
  | { readonly any: false; readonly names: readonly string[]; readonly own: boolean };

export interface MonitorEndpointView {
  /** Path of the endpoint mapping inside the monitor. */
  readonly path: Path;
  /** A Service port name (ServiceMonitor) or a container port name (PodMonitor). */
  readonly port?: string;
  /** PodMonitor `portNumber`: a declared container port number. */
  readonly portNumber?: number;
  /** A container port name or number (deprecated in PodMonitors). */
  readonly targetPort?: number | string;
}

/** What ServiceMonitors and PodMonitors have in common. */
abstract class MonitorView {
  /** `spec.selector`; the API requires it, and an empty or missing one selects everything. */
  readonly selector: readonly Requirement[];
  /** A selector the operator cannot turn into one (label-syntax's finding): nothing is judged. */
  readonly selectorMalformed: boolean;
  readonly namespaces: MonitorNamespaces;
  readonly endpoints: readonly MonitorEndpointView[];

  protected constructor(readonly ref: ObjectRef, raw: PlainMap, endpointsField: string) {
    const selector = readLabelSelector(dig(raw, 'spec', 'selector'));
    this.selector = selector?.requirements ?? [];
    this.selectorMalformed = selector?.malformed === true;
    const namespaceSelector = asMap(dig(raw, 'spec', 'namespaceSelector'));
    const names = (asList(namespaceSelector?.['matchNames']) ?? []).filter((n): n is string => typeof n === 'string');
    this.namespaces =
      namespaceSelector?.['any'] === true ? { any: true } : names.length > 0 ? { any: false, names, own: false } : { any: false, names: [ref.namespace], own: true };
    const endpoints: MonitorEndpointView[] = [];
    (asList(dig(raw, 'spec', endpointsField)) ?? []).forEach((item, index) => {
      const endpoint = asMap(item);
      if (!endpoint) return;
      const port = asString(endpoint['port']);
      const portNumber = asInteger(endpoint['portNumber']);
      const target = endpoint['targetPort'];
      const targetPort = typeof target === 'string' && target !== '' ? target : asInteger(target) || undefined;
      endpoints.push({
        path: ['spec', endpointsField, index],
        ...(port ? { port } : {}),
        ...(portNumber ? { portNumber } : {}),
        ...(targetPort !== undefined ? { targetPort } : {}),
      });
    });
    this.endpoints = endpoints;
  }

  get namespace(): string {
    return this.ref.namespace;
  }
}

export class ServiceMonitorView extends MonitorView {
  private constructor(ref: ObjectRef, raw: PlainMap) {
    super(ref, raw, 'endpoints');
  }

  static from(object: K8sObject): ServiceMonitorView | undefined {
    return object.kind === 'ServiceMonitor' && object.group === MONITORING_GROUP ? new ServiceMonitorView(object.ref, object.raw) : undefined;
  }
}

export class PodMonitorView extends MonitorView {
  private constructor(ref: ObjectRef, raw: PlainMap) {
    super(ref, raw, 'podMetricsEndpoints');
  }

  static from(object: K8sObject): PodMonitorView | undefined {
    return object.kind === 'PodMonitor' && object.group === MONITORING_GROUP ? new PodMonitorView(object.ref, object.raw) : undefined;
  }
}

/**
 * Whether a port name is meant literally: the operator uses it as a regular expression, so a
 * name with regex characters (`http|metrics`, `web.*`) may match names that differ from it.
 */
export function isLiteralPortName(name: string): boolean {
  return /^[a-zA-Z0-9-]+$/.test(name);
}
