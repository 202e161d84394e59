/**
 * Gateway API (`gateway.networking.k8s.io`, v1, v1beta1, v1alpha2, v1alpha3): routes and their
 * references to Services and Gateways, Gateway listeners, and ReferenceGrants. Defaults as the
 * API's types declare them: a backendRef's group is core and its kind Service; a parentRef's
 * group is gateway.networking.k8s.io and its kind Gateway; a missing namespace is the route's.
 */
import type { Path } from '../load/positions.js';
import type { K8sObject, ObjectRef } from './object.js';
import { asInteger, asList, asMap, asString, dig, type PlainMap } from './values.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** Route kinds whose rules forward to backends. */
export const ROUTE_KINDS: ReadonlySet<string> = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);

export interface BackendRefView {
  /** Path of the reference mapping inside the route. */
  readonly path: Path;
  /** `backendRef` (a rule's backendRefs) or `requestMirror` (a RequestMirror filter's backendRef). */
  readonly via: 'backendRef' | 'requestMirror';
  /** '' (core) when not written. */
  readonly group: string;
  /** `Service` when not written. */
  readonly kind: string;
  readonly name: string;
  /** As written; the route's namespace applies when absent. */
  readonly namespace?: string;
  /** The port number when it is an integer. */
  readonly port?: number;
  /** `port` is written at all (an integer or not). */
  readonly portWritten: boolean;
  /** `weight: 0`: the backend gets no traffic. */
  readonly weightZero: boolean;
}

export interface ParentRefView {
  readonly path: Path;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly sectionName?: string;
  readonly port?: number;
}

export class RouteView {
  readonly backendRefs: readonly BackendRefView[];
  readonly parentRefs: readonly ParentRefView[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    const backendRefs: BackendRefView[] = [];
    const mirrors = (filters: unknown, path: Path) => {
      (asList(filters) ?? []).forEach((filter, f) => {
        const backend = asMap(dig(filter, 'requestMirror', 'backendRef'));
        if (backend) pushBackend(backendRefs, backend, [...path, 'filters', f, 'requestMirror', 'backendRef'], 'requestMirror');
      });
    };
    (asList(dig(raw, 'spec', 'rules')) ?? []).forEach((rule, r) => {
      const rulePath = ['spec', 'rules', r];
      (asList(dig(rule, 'backendRefs')) ?? []).forEach((item, b) => {
        const backend = asMap(item);
        if (!backend) return;
        const path = [...rulePath, 'backendRefs', b];
        pushBackend(backendRefs, backend, path, 'backendRef');
        mirrors(backend['filters'], path);
      });
      mirrors(dig(rule, 'filters'), rulePath);
    });
    this.backendRefs = backendRefs;
    const parentRefs: ParentRefView[] = [];
    (asList(dig(raw, 'spec', 'parentRefs')) ?? []).forEach((item, p) => {
      const parent = asMap(item);
      const name = asString(parent?.['name']);
      if (!parent || !name) return;
      const namespace = asString(parent['namespace']);
      const sectionName = asString(parent['sectionName']);
      const port = asInteger(parent['port']);
      parentRefs.push({
        path: ['spec', 'parentRefs', p],
        group: asString(parent['group']) ?? GATEWAY_GROUP,
        kind: asString(parent['kind']) ?? 'Gateway',
        name,
        ...(namespace ? { namespace } : {}),
        ...(sectionName ? { sectionName } : {}),
        ...(port !== undefined ? { port } : {}),
      });
    });
    this.parentRefs = parentRefs;
  }

  static from(object: K8sObject): RouteView | undefined {
    return ROUTE_KINDS.has(object.kind) && object.group === GATEWAY_GROUP ? new RouteView(object.ref, object.raw) : undefined;
  }

  get namespace(): string {
    return this.ref.namespace;
  }

  /**
   * Attached only to Services (the mesh profile, GAMMA): such routes augment Services rather
   * than expose them, and reach backends of other namespaces without a ReferenceGrant.
   */
  get meshOnly(): boolean {
    return this.parentRefs.length > 0 && this.parentRefs.every(isServiceRef);
  }

  /** The namespace a reference points into. */
  namespaceOf(reference: BackendRefView | ParentRefView): string {
    return reference.namespace || this.ref.namespace;
  }
}

function pushBackend(into: BackendRefView[], backend: PlainMap, path: Path, via: BackendRefView['via']): void {
  const name = asString(backend['name']);
  if (!name) return;
  const namespace = asString(backend['namespace']);
  const port = asInteger(backend['port']);
  into.push({
    path,
    via,
    group: asString(backend['group']) ?? '',
    kind: asString(backend['kind']) ?? 'Service',
    name,
    ...(namespace ? { namespace } : {}),
    ...(port !== undefined ? { port } : {}),
    portWritten: backend['port'] !== undefined && backend['port'] !== null,
    weightZero: backend['weight'] === 0,
  });
}

/** Whether a backendRef or parentRef names a core Service. */
export function isServiceRef(reference: { readonly group: string; readonly kind: string }): boolean {
  return reference.group === '' && reference.kind === 'Service';
}

export interface ListenerView {
  readonly index: number;
  readonly name?: string;
  readonly port?: number;
  /** `allowedRoutes.namespaces.from`: `Same` when not written. */
  readonly allowedFrom: string;
  /** `allowedRoutes.kinds` when written (group defaults to gateway.networking.k8s.io). */
  readonly allowedKinds?: readonly { readonly group: string; readonly kind: string }[];
}

export class GatewayView {
  readonly listeners: readonly ListenerView[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    const listeners: ListenerView[] = [];
    (asList(dig(raw, 'spec', 'listeners')) ?? []).forEach((item, index) => {
      const listener = asMap(item);
      if (!listener) return;
      const name = asString(listener['name']);
      const port = asInteger(listener['port']);
      const kinds = asList(dig(listener, 'allowedRoutes', 'kinds'));
      listeners.push({
        index,
        ...(name ? { name } : {}),
        ...(port !== undefined ? { port } : {}),
        allowedFrom: asString(dig(listener, 'allowedRoutes', 'namespaces', 'from')) ?? 'Same',
        ...(kinds
          ? {
              allowedKinds: kinds.flatMap((entry) => {
                const kind = asString(dig(entry, 'kind'));
                return kind ? [{ group: asString(dig(entry, 'group')) ?? GATEWAY_GROUP, kind }] : [];
              }),
            }
          : {}),
      });
    });
    this.listeners = listeners;
  }

  static from(object: K8sObject): GatewayView | undefined {
    return object.kind === 'Gateway' && object.group === GATEWAY_GROUP ? new GatewayView(object.ref, object.raw) : undefined;
  }
}

export interface GrantFrom {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
}

export interface GrantTo {
  readonly group: string;
  readonly kind: string;
  /** Absent: every object of that group and kind in the grant's namespace. */
  readonly name?: string;
}

/** A ReferenceGrant: lets the objects in `from` refer to the objects in `to` of its own namespace. */
export class ReferenceGrantView {
  readonly from: readonly GrantFrom[];
  readonly to: readonly GrantTo[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    this.from = (asList(dig(raw, 'spec', 'from')) ?? []).flatMap((entry) => {
      const kind = asString(dig(entry, 'kind'));
      const namespace = asString(dig(entry, 'namespace'));
      return kind && namespace ? [{ group: asString(dig(entry, 'group')) ?? '', kind, namespace }] : [];
    });
    this.to = (asList(dig(raw, 'spec', 'to')) ?? []).flatMap((entry) => {
      const kind = asString(dig(entry, 'kind'));
      const name = asString(dig(entry, 'name'));
      return kind ? [{ group: asString(dig(entry, 'group')) ?? '', kind, ...(name ? { name } : {}) }] : [];
    });
  }

  static from(object: K8sObject): ReferenceGrantView | undefined {
    return object.kind === 'ReferenceGrant' && object.group === GATEWAY_GROUP ? new ReferenceGrantView(object.ref, object.raw) : undefined;
  }

  /** Whether it lets a `fromKind` in `fromNamespace` refer to the Service `service` of its namespace. */
  allowsService(fromKind: string, fromNamespace: string, service: string): boolean {
    return (
      this.from.some((f) => f.group === GATEWAY_GROUP && f.kind === fromKind && f.namespace === fromNamespace) &&
      this.to.some((t) => t.group === '' && t.kind === 'Service' && (t.name === undefined || t.name === service))
    );
  }
}
