/**
 * Istio traffic objects (`networking.istio.io`, v1, v1beta1, v1alpha3): VirtualService route
 * and mirror destinations, DestinationRule hosts and subsets, and ServiceEntry hosts (names
 * that are not Kubernetes Services but are still known to the mesh).
 *
 * Host names follow Pilot (`ResolveShortnameToFQDN`): a name without a dot is short and means
 * that Service in the namespace of the object that names it; any name with a dot is taken as
 * fully qualified, so `reviews.prod` is NOT expanded and names no Kubernetes Service; only
 * `reviews.prod.svc.<cluster domain>` does.
 */
import type { Path } from '../load/positions.js';
import { isDns1035Label } from './names.js';
import type { K8sObject, ObjectRef } from './object.js';
import { normalizeDomain } from './references.js';
import { asInteger, asLabelMap, asList, asMap, asString, dig, type PlainMap } from './values.js';

export const ISTIO_NETWORKING_GROUP = 'networking.istio.io';

export interface DestinationView {
  /** Path of the `destination` mapping inside the object. */
  readonly path: Path;
  /** `http route`, `tcp route`, `tls route`, `http mirror`. */
  readonly via: string;
  readonly host: string;
  /** What the host names, seen from the VirtualService's namespace. */
  readonly target: MeshHost;
  readonly subset?: string;
  readonly port?: number;
}

export class VirtualServiceView {
  readonly destinations: readonly DestinationView[];
  /** `spec.gateways`: empty means the mesh (sidecars) only. */
  readonly gateways: readonly string[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap, clusterDomain: string) {
    const destinations: DestinationView[] = [];
    const read = (value: unknown, path: Path, via: string) => {
      const destination = asMap(value);
      const host = asString(destination?.['host']);
      if (!destination || !host) return;
      const subset = asString(destination['subset']);
      const port = asInteger(dig(destination, 'port', 'number'));
      const target = meshHost(host, ref.namespace, clusterDomain);
      destinations.push({ path, via, host, target, ...(subset ? { subset } : {}), ...(port !== undefined ? { port } : {}) });
    };
    for (const protocol of ['http', 'tcp', 'tls'] as const) {
      (asList(dig(raw, 'spec', protocol)) ?? []).forEach((route, r) => {
        const base = ['spec', protocol, r];
        (asList(dig(route, 'route')) ?? []).forEach((weighted, w) => read(dig(weighted, 'destination'), [...base, 'route', w, 'destination'], `${protocol} route`));
        if (protocol !== 'http') return;
        read(dig(route, 'mirror'), [...base, 'mirror'], 'http mirror');
        (asList(dig(route, 'mirrors')) ?? []).forEach((mirror, m) => read(dig(mirror, 'destination'), [...base, 'mirrors', m, 'destination'], 'http mirror'));
      });
    }
    this.destinations = destinations;
    this.gateways = (asList(dig(raw, 'spec', 'gateways')) ?? []).filter((g): g is string => typeof g === 'string');
  }

  static from(object: K8sObject, clusterDomain: string): VirtualServiceView | undefined {
    return object.kind === 'VirtualService' && object.group === ISTIO_NETWORKING_GROUP ? new VirtualServiceView(object.ref, object.raw, clusterDomain) : undefined;
  }

  /** Bound to sidecars: no `gateways`, or `mesh` among them. */
  get appliesToMesh(): boolean {
    return this.gateways.length === 0 || this.gateways.includes('mesh');
  }
}

export interface SubsetView {
  readonly index: number;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export class DestinationRuleView {
  readonly host?: string;
  /** What the host names, seen from the DestinationRule's namespace. */
  readonly target: MeshHost;
  readonly subsets: readonly SubsetView[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap, clusterDomain: string) {
    const host = asString(dig(raw, 'spec', 'host'));
    if (host) this.host = host;
    this.target = host ? meshHost(host, ref.namespace, clusterDomain) : OTHER;
    const subsets: SubsetView[] = [];
    (asList(dig(raw, 'spec', 'subsets')) ?? []).forEach((item, index) => {
      const name = asString(dig(item, 'name'));
      if (name) subsets.push({ index, name, labels: asLabelMap(dig(item, 'labels')) ?? {} });
    });
    this.subsets = subsets;
  }

  static from(object: K8sObject, clusterDomain: string): DestinationRuleView | undefined {
    return object.kind === 'DestinationRule' && object.group === ISTIO_NETWORKING_GROUP ? new DestinationRuleView(object.ref, object.raw, clusterDomain) : undefined;
  }
}

/** The hosts a ServiceEntry declares, in lowercase. */
export function serviceEntryHosts(object: K8sObject): string[] {
  if (object.kind !== 'ServiceEntry' || object.group !== ISTIO_NETWORKING_GROUP) return [];
  return (asList(dig(object.raw, 'spec', 'hosts')) ?? []).filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase());
}

/** What an Istio host names, seen from an object in `namespace`. */
export type MeshHost =
  /** A Kubernetes Service: a short name, or `name.ns.svc.<cluster domain>`. */
  | { readonly form: 'service'; readonly service: string; readonly namespace: string; readonly fqdn: string }
  /** `name.ns` or `name.ns.svc`: Pilot does not expand it, so it names no Kubernetes Service. */
  | { readonly form: 'unexpanded'; readonly service: string; readonly namespace: string; readonly fqdn: string }
  /** A wildcard, an IP address or another domain: outside what this tool checks. */
  | { readonly form: 'other' };

const OTHER: MeshHost = { form: 'other' };

/** `clusterDomain` as given to `--cluster-domain` (any case, trailing dot or not). */
export function meshHost(host: string, namespace: string, clusterDomain: string): MeshHost {
  const domain = normalizeDomain(clusterDomain);
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name.includes('*') || /^[\d.]+$/.test(name) || name.includes(':')) return OTHER;
  const parts = name.split('.');
  const [service, serviceNamespace] = parts;
  if (!service || !isDns1035Label(service)) return OTHER;
  const fqdnOf = (ns: string) => `${service}.${ns}.svc.${domain}`;
  if (parts.length === 1) return { form: 'service', service, namespace, fqdn: fqdnOf(namespace) };
  if (!serviceNamespace) return OTHER;
  if (name === fqdnOf(serviceNamespace)) return { form: 'service', service, namespace: serviceNamespace, fqdn: name };
  if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc')) {
    return { form: 'unexpanded', service, namespace: serviceNamespace, fqdn: fqdnOf(serviceNamespace) };
  }
  return OTHER;
}
