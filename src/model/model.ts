/**
 * The model is built while files are read, one at a time: each document's objects are handed
 * to the per-file rules with their parsed values, and only compact views (Services, pod
 * templates, references) are kept for the cross-object rules. Memory then follows the number
 * of objects, not the bytes of YAML.
 */
import type { SourceFile } from '../load/source.js';
import { GatewayView, ReferenceGrantView, RouteView } from './gateway-api.js';
import { IngressView } from './ingress.js';
import { DestinationRuleView, serviceEntryHosts, VirtualServiceView } from './istio.js';
import { ScaledObjectView } from './keda.js';
import { PodMonitorView, ServiceMonitorView } from './monitors.js';
import { compareObjects, K8sObject, Manifest, type ObjectRef } from './object.js';
import { mayCreatePods } from './pod-creators.js';
import { PodSource } from './pod-source.js';
import { HorizontalPodAutoscalerView, NetworkPolicyView, PodDisruptionBudgetView } from './policy.js';
import { RolloutView } from './rollouts.js';
import { ServiceView } from './service.js';
import { asList, asMap, asString, dig, type PlainMap } from './values.js';

export interface ModelOptions {
  /** Namespace of objects that name none (`--namespace`). */
  readonly namespace: string;
  /** The cluster's DNS domain, for Service references (`--cluster-domain`). */
  readonly clusterDomain: string;
}

export interface Model {
  readonly files: readonly SourceFile[];
  /** Every object of the run (kind, name, namespace and location only). */
  readonly objects: readonly ObjectRef[];
  readonly services: readonly ServiceView[];
  readonly podSources: readonly PodSource[];
  readonly ingresses: readonly IngressView[];
  readonly networkPolicies: readonly NetworkPolicyView[];
  readonly podDisruptionBudgets: readonly PodDisruptionBudgetView[];
  readonly horizontalPodAutoscalers: readonly HorizontalPodAutoscalerView[];
  /**
   * `namespace/name` of every Service that has hand-made endpoints: an Endpoints object of
   * its name, or an EndpointSlice labelled `kubernetes.io/service-name` with it.
   */
  readonly servicesWithEndpoints: ReadonlySet<string>;
  // the Service graph beyond Ingress: objects that route to, monitor, switch or scale workloads
  /** Gateway API HTTPRoutes, GRPCRoutes, TCPRoutes, TLSRoutes and UDPRoutes. */
  readonly routes: readonly RouteView[];
  readonly gateways: readonly GatewayView[];
  readonly referenceGrants: readonly ReferenceGrantView[];
  readonly serviceMonitors: readonly ServiceMonitorView[];
  readonly podMonitors: readonly PodMonitorView[];
  readonly virtualServices: readonly VirtualServiceView[];
  readonly destinationRules: readonly DestinationRuleView[];
  /** Hosts declared by Istio ServiceEntries (lowercase): known to the mesh, though not Services. */
  readonly meshHosts: ReadonlySet<string>;
  readonly rollouts: readonly RolloutView[];
  readonly scaledObjects: readonly ScaledObjectView[];
  /** Custom resources that may create pods or Services at run time (see pod-creators.ts). */
  readonly possibleCreators: readonly ObjectRef[];
}

/** What one file contributes while it is read. */
export interface FileObjects {
  /** Every mapping meant as an object (it has `kind` or `apiVersion`), well-formed or not. */
  readonly manifests: readonly Manifest[];
  /** Manifests with a string `kind` and `apiVersion`. */
  readonly objects: readonly K8sObject[];
}

export class ModelBuilder {
  private readonly files: SourceFile[] = [];
  private readonly objects: ObjectRef[] = [];
  private readonly services: ServiceView[] = [];
  private readonly podSources: PodSource[] = [];
  private readonly ingresses: IngressView[] = [];
  private readonly networkPolicies: NetworkPolicyView[] = [];
  private readonly podDisruptionBudgets: PodDisruptionBudgetView[] = [];
  private readonly horizontalPodAutoscalers: HorizontalPodAutoscalerView[] = [];
  private readonly servicesWithEndpoints = new Set<string>();
  private readonly routes: RouteView[] = [];
  private readonly gateways: GatewayView[] = [];
  private readonly referenceGrants: ReferenceGrantView[] = [];
  private readonly serviceMonitors: ServiceMonitorView[] = [];
  private readonly podMonitors: PodMonitorView[] = [];
  private readonly virtualServices: VirtualServiceView[] = [];
  private readonly destinationRules: DestinationRuleView[] = [];
  private readonly meshHosts = new Set<string>();
  private readonly rollouts: RolloutView[] = [];
  private readonly scaledObjects: ScaledObjectView[] = [];
  private readonly possibleCreators: ObjectRef[] = [];
  /** The lists of views, kept in the model's order. */
  private readonly viewLists: { readonly ref: ObjectRef }[][] = [
    this.services, this.podSources, this.ingresses, this.networkPolicies, this.podDisruptionBudgets, this.horizontalPodAutoscalers,
    this.routes, this.gateways, this.referenceGrants, this.serviceMonitors, this.podMonitors, this.virtualServices,
    this.destinationRules, this.rollouts, this.scaledObjects,
  ];

  constructor(private readonly options: ModelOptions) {}

  /**
   * Reads a file's objects and keeps their views; the file's parsed values are needed only now.
   * An object whose views cannot be built (a defect of this tool) is left out of the model and
   * reported through `failed`; the rest of the file is read.
   */
  add(file: SourceFile, failed: (subject: string, error: unknown) => void): FileObjects {
    this.files.push(file);
    const starts = this.viewLists.map((list) => list.length);
    const creatorsStart = this.possibleCreators.length;
    const manifests: Manifest[] = [];
    if (!file.problem) file.documents.forEach((doc, docIndex) => collectManifests(file, docIndex, doc.value, manifests));
    const objects: K8sObject[] = [];
    for (const manifest of manifests) {
      const apiVersion = asString(manifest.raw['apiVersion']);
      const kind = asString(manifest.raw['kind']);
      if (!apiVersion || !kind) continue;
      try {
        const object = new K8sObject(manifest, apiVersion, kind, this.options.namespace);
        this.keepViews(object);
        objects.push(object);
        this.objects.push(object.ref);
      } catch (error) {
        failed(`${kind}/${describeName(manifest.raw)} in ${file.path}`, error);
      }
    }
    // One file's views in the model's order (see compareObjects): files come in path order, so
    // the whole lists are in that order without sorting them (`objects` stays in reading order,
    // the order of the report's test cases).
    this.viewLists.forEach((list, i) => sortFrom(list, starts[i]!, (a, b) => compareObjects(a.ref, b.ref)));
    sortFrom(this.possibleCreators, creatorsStart, compareObjects);
    return { manifests, objects };
  }

  private keepViews(object: K8sObject): void {
    const keep = <T>(list: T[], view: T | undefined) => {
      if (view) list.push(view);
    };
    switch (object.kind) {
      case 'Service':
        return keep(this.services, ServiceView.from(object, this.services.length));
      case 'Ingress':
        return keep(this.ingresses, IngressView.from(object));
      case 'NetworkPolicy':
        return keep(this.networkPolicies, NetworkPolicyView.from(object));
      case 'PodDisruptionBudget':
        return keep(this.podDisruptionBudgets, PodDisruptionBudgetView.from(object));
      case 'HorizontalPodAutoscaler':
        return keep(this.horizontalPodAutoscalers, HorizontalPodAutoscalerView.from(object));
      case 'Endpoints':
        if (object.group === '') this.servicesWithEndpoints.add(`${object.namespace}/${object.name}`);
        return;
      case 'EndpointSlice': {
        const service = asString(dig(object.raw, 'metadata', 'labels', 'kubernetes.io/service-name'));
        if (service && object.group === 'discovery.k8s.io') this.servicesWithEndpoints.add(`${object.namespace}/${service}`);
        return;
      }
      default: {
        const source = PodSource.from(object, this.options.clusterDomain);
        keep(this.podSources, source);
        if (object.group !== '') this.keepCustomResourceViews(object, source !== undefined);
        return;
      }
    }
  }

  /**
   * Custom resources that point at Services and workloads, or may create them (unless they are
   * pod sources already: then their pods are known).
   */
  private keepCustomResourceViews(object: K8sObject, isPodSource: boolean): void {
    const keep = <T>(list: T[], view: T | undefined) => {
      if (view) list.push(view);
    };
    switch (object.kind) {
      case 'HTTPRoute':
      case 'GRPCRoute':
      case 'TCPRoute':
      case 'TLSRoute':
      case 'UDPRoute':
        return keep(this.routes, RouteView.from(object));
      case 'Gateway':
        return keep(this.gateways, GatewayView.from(object));
      case 'ReferenceGrant':
        return keep(this.referenceGrants, ReferenceGrantView.from(object));
      case 'ServiceMonitor':
        return keep(this.serviceMonitors, ServiceMonitorView.from(object));
      case 'PodMonitor':
        return keep(this.podMonitors, PodMonitorView.from(object));
      case 'VirtualService':
        return keep(this.virtualServices, VirtualServiceView.from(object, this.options.clusterDomain));
      case 'DestinationRule':
        return keep(this.destinationRules, DestinationRuleView.from(object, this.options.clusterDomain));
      case 'ServiceEntry':
        for (const host of serviceEntryHosts(object)) this.meshHosts.add(host);
        return;
      case 'ScaledObject':
        return keep(this.scaledObjects, ScaledObjectView.from(object));
      case 'Rollout': {
        // (what a Rollout creates is known: pods from its template, no Services)
        const rollout = RolloutView.from(object);
        if (rollout) return keep(this.rollouts, rollout);
        break;
      }
    }
    if (!isPodSource && mayCreatePods(object)) this.possibleCreators.push(object.ref);
  }

  finish(): Model {
    return {
      files: this.files,
      objects: this.objects,
      services: this.services,
      podSources: this.podSources,
      ingresses: this.ingresses,
      networkPolicies: this.networkPolicies,
      podDisruptionBudgets: this.podDisruptionBudgets,
      horizontalPodAutoscalers: this.horizontalPodAutoscalers,
      servicesWithEndpoints: this.servicesWithEndpoints,
      routes: this.routes,
      gateways: this.gateways,
      referenceGrants: this.referenceGrants,
      serviceMonitors: this.serviceMonitors,
      podMonitors: this.podMonitors,
      virtualServices: this.virtualServices,
      destinationRules: this.destinationRules,
      meshHosts: this.meshHosts,
      rollouts: this.rollouts,
      scaledObjects: this.scaledObjects,
      possibleCreators: this.possibleCreators,
    };
  }
}

/** Sorts the items of `list` from `start` on, in place. */
function sortFrom<T>(list: T[], start: number, compare: (a: T, b: T) => number): void {
  if (list.length - start < 2) return;
  const tail = list.slice(start).sort(compare);
  for (let i = 0; i < tail.length; i++) list[start + i] = tail[i]!;
}

/** An object's name for a message, whatever its metadata holds. */
function describeName(raw: PlainMap): string {
  const name = dig(raw, 'metadata', 'name');
  return typeof name === 'string' ? name : '(no name)';
}

/** A document's object, or the items of a `kind: List` (as `kubectl get -o yaml` writes). */
function collectManifests(file: SourceFile, docIndex: number, value: unknown, into: Manifest[]): void {
  const map = asMap(value);
  if (!map || (!('kind' in map) && !('apiVersion' in map))) return;
  const kind = asString(map['kind']);
  const items = asList(map['items']);
  if (items && kind !== undefined && kind.endsWith('List')) {
    items.forEach((item, index) => {
      const itemMap = asMap(item);
      if (itemMap && ('kind' in itemMap || 'apiVersion' in itemMap)) into.push(new Manifest(file, docIndex, ['items', index], itemMap));
    });
    return;
  }
  into.push(new Manifest(file, docIndex, [], map));
}
