/**
 * An Ingress's Service backends, in the current shape (`networking.k8s.io/v1`: `service.name`,
 * `service.port.number|name`) and the legacy one (`extensions/v1beta1`,
 * `networking.k8s.io/v1beta1`: `serviceName`, `servicePort`) — k8s-semantics.md §7.1.
 */
import type { Path } from '../load/positions.js';
import type { K8sObject, NodeRef, ObjectRef } from './object.js';
import { isDns1035Label, isValidPortName, isValidPortNumber } from './names.js';
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

/** Group/versions with the legacy backend shape (`serviceName`, `servicePort`). */
export const LEGACY_INGRESS_VERSIONS: ReadonlySet<string> = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);

export class IngressView {
  readonly backends: readonly BackendView[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    const legacy = LEGACY_INGRESS_VERSIONS.has(ref.apiVersion);
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

/**
 * A backend's port as the API server accepts it (validateIngressBackend): a valid name or a
 * valid number, not both. Anything else is ingress-invalid's finding, so the port is left out
 * and not looked up.
 */
function validPort(name: string | undefined, number: number | undefined): { portName: string } | { portNumber: number } | undefined {
  if (name && number) return undefined;
  if (name) return isValidPortName(name) ? { portName: name } : undefined;
  if (number) return isValidPortNumber(number) ? { portNumber: number } : undefined;
  return undefined;
}

/** A Service name the API server accepts (a DNS-1035 label); another is ingress-invalid's finding. */
function validName(name: string | undefined): { serviceName: string } | undefined {
  return name !== undefined && isDns1035Label(name) ? { serviceName: name } : undefined;
}

function readCurrent(backend: PlainMap, path: Path): BackendView {
  const service = asMap(backend['service']);
  const port = asMap(service?.['port']);
  return { path, legacy: false, ...validName(asString(service?.['name'])), ...validPort(asString(port?.['name']), asInteger(port?.['number'])) };
}

function readLegacy(backend: PlainMap, path: Path): BackendView {
  const port = backend['servicePort'];
  return { path, legacy: true, ...validName(asString(backend['serviceName'])), ...validPort(asString(port), asInteger(port)) };
}
