/**
 * An Ingress's Service backends, in the current shape (`networking.k8s.io/v1`: `service.name`,
 * `service.port.number|name`) and the legacy one (`extensions/v1beta1`,
 * `networking.k8s.io/v1beta1`: `serviceName`, `servicePort`) — k8s-semantics.md §7.1.
 */
import type { Path } from '../load/positions.js';
import type { K8sObject, NodeRef, ObjectRef } from './object.js';
import { asInteger, asList, asMap, asString, dig, type PlainMap } from './values.js';

export interface BackendView {
  /** Path of the backend mapping inside the object. */
  readonly path: Path;
  readonly serviceName?: string;
  readonly portNumber?: number;
  readonly portName?: string;
  /** `serviceName`/`servicePort` fields rather than `service.name`/`service.port`. */
  readonly legacy: boolean;
}

const LEGACY_VERSIONS = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);

export class IngressView {
  readonly backends: readonly BackendView[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    const legacy = LEGACY_VERSIONS.has(ref.apiVersion);
    const backends: BackendView[] = [];
    const read = (value: unknown, path: Path) => {
      const backend = asMap(value);
      if (backend) backends.push(legacy ? readLegacy(backend, path) : readCurrent(backend, path));
    };
    read(dig(raw, 'spec', legacy ? 'backend' : 'defaultBackend'), ['spec', legacy ? 'backend' : 'defaultBackend']);
    (asList(dig(raw, 'spec', 'rules')) ?? []).forEach((rule, r) => {
      (asList(dig(rule, 'http', 'paths')) ?? []).forEach((entry, p) => {
        read(dig(entry, 'backend'), ['spec', 'rules', r, 'http', 'paths', p, 'backend']);
      });
    });
    this.backends = backends;
  }

  static from(object: K8sObject): IngressView | undefined {
    if (object.kind !== 'Ingress' || (object.group !== 'networking.k8s.io' && object.group !== 'extensions')) return undefined;
    return new IngressView(object.ref, object.raw);
  }

  get namespace(): string {
    return this.ref.namespace;
  }

  /** A field of a backend, e.g. `backendRef(b, 'service', 'name')`. */
  backendRef(backend: BackendView, ...field: string[]): NodeRef {
    return this.ref.at(...backend.path, ...field);
  }
}

function readCurrent(backend: PlainMap, path: Path): BackendView {
  const service = asMap(backend['service']);
  const port = asMap(service?.['port']);
  const name = asString(service?.['name']);
  const number = asInteger(port?.['number']);
  const portName = asString(port?.['name']);
  return {
    path,
    legacy: false,
    ...(name !== undefined ? { serviceName: name } : {}),
    ...(number ? { portNumber: number } : {}),
    ...(portName ? { portName } : {}),
  };
}

function readLegacy(backend: PlainMap, path: Path): BackendView {
  const name = asString(backend['serviceName']);
  const port = backend['servicePort'];
  return {
    path,
    legacy: true,
    ...(name !== undefined ? { serviceName: name } : {}),
    ...(typeof port === 'number' && Number.isInteger(port) ? { portNumber: port } : {}),
    ...(typeof port === 'string' ? { portName: port } : {}),
  };
}
