/**
 * The model is built while files are read, one at a time: each document's objects are handed
 * to the per-file rules with their parsed values, and only compact views (Services, pod
 * templates, references) are kept for the cross-object rules. Memory then follows the number
 * of objects, not the bytes of YAML.
 */
import { isKustomizationFile } from '../load/kustomize.js';
import type { Span } from '../load/positions.js';
import type { SourceFile } from '../load/source.js';
import { isBuiltInGroup } from './api-resources.js';
import { Builds } from './builds.js';
import { customPodsOf, type CustomResourceView } from './custom-resources.js';
import { GatewayView, ReferenceGrantView, RouteView } from './gateway-api.js';
import { IngressView } from './ingress.js';
import { DestinationRuleView, serviceEntryHosts, VirtualServiceView } from './istio.js';
import { ScaledObjectView } from './keda.js';
import { PodMonitorView, ServiceMonitorView } from './monitors.js';
import { compareObjects, isManifestLike, K8sObject, Manifest, type ObjectRef } from './object.js';
import { fillPlaceholderDefaults, mayHavePlaceholders } from './placeholders.js';
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
  /**
   * Custom resources that may create pods or Services the input cannot show in full (not a
   * Rollout, whose pods are its template): where they are, what selects nothing is unknown.
   */
  readonly possibleCreators: readonly ObjectRef[];
  /** Custom resources that may make pods or Services, with what is known of them (see custom-resources.ts). */
  readonly customResources: readonly CustomResourceView[];
  /** Documents that could not be used (invalid YAML): what they held is unknown. */
  readonly unusableDocuments: readonly UnusableDocument[];
  /** Which objects kustomize applies together (sibling overlays never meet). */
  readonly builds: Builds;
}

/** A document that did not parse: only its text is known. */
export interface UnusableDocument {
  readonly file: SourceFile;
  readonly span: Span;
}

/** What one file contributes while it is read. */
export interface FileObjects {
  /** Every mapping meant as an object (it has `kind` or `apiVersion`), well-formed or not. */
  readonly manifests: readonly Manifest[];
  /** Manifests with a string `kind` and `apiVersion`. */
  readonly objects: readonly K8sObject[];
  /** The file's text holds template placeholders (`${VAR}`, `{{ }}`): findings must not rest on them. */
  readonly placeholders: boolean;
}

const NO_OBJECTS: FileObjects = { manifests: [], objects: [], placeholders: false };

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
  private readonly customResources: CustomResourceView[] = [];
  private readonly unusableDocuments: UnusableDocument[] = [];
  /** Rollouts whose pods are a Deployment's template (`spec.workloadRef`): namespace/name → Rollout. */
  private readonly workloadRefs = new Map<string, ObjectRef>();
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
    // (`--render`) its objects come through the rendered output of the builds using it; a
    // kustomization is no API object (kustomize checks it when it builds)
    if (file.renderedIn || isKustomizationFile(file.path)) return NO_OBJECTS;
    const starts = this.viewLists.map((list) => list.length);
    const creatorsStart = this.possibleCreators.length;
    const manifests: Manifest[] = [];
    const placeholders = !file.problem && mayHavePlaceholders(file.text);
    if (!file.problem) {
      file.documents.forEach((doc, docIndex) => {
        if (doc.value === undefined) this.unusableDocuments.push({ file, span: doc.span });
        // `${VAR:-default}` is judged by its default, as envsubst writes it
        if (!placeholders) return collectManifests(file, docIndex, doc.value, manifests);
        const typeUnknown = new Set<string>();
        const start = manifests.length;
        collectManifests(file, docIndex, fillPlaceholderDefaults(doc.value, typeUnknown), manifests);
        if (typeUnknown.size > 0) for (const manifest of manifests.slice(start)) manifest.setTypeUnknown(typeUnknown);
      });
    }
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
    return { manifests, objects, placeholders };
  }

  private keepViews(object: K8sObject): void {
    const keep = <T>(list: T[], view: T | undefined) => {
      if (view) list.push(view);
    };
    if (!isBuiltInGroup(object.group)) {
      this.keepCustomResource(object);
      return this.keepCustomResourceViews(object);
    }
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
      default:
        return keep(this.podSources, PodSource.from(object, this.options.clusterDomain));
    }
  }

  /** A custom resource: its pod templates become pod sources; what else it may make is kept. */
  private keepCustomResource(object: K8sObject): void {
    const { view, groups } = customPodsOf(object);
    if (!view.makesPods && view.serviceNames.length === 0) return;
    this.customResources.push(view);
    // what it makes that the input cannot show in full: the Service graph's checks are unknown there
    if (!view.fullyKnown) this.possibleCreators.push(object.ref);
    for (const group of groups) {
      this.podSources.push(PodSource.fromOperator(object, this.options.clusterDomain, { ...group, openPorts: view.operator?.containersExact !== true }));
    }
    const workloadRef = asMap(dig(object.raw, 'spec', 'workloadRef'));
    if (object.kind === 'Rollout' && object.group === 'argoproj.io' && workloadRef && asString(workloadRef['name'])) {
      this.workloadRefs.set(`${asString(workloadRef['kind']) ?? 'Deployment'}/${object.namespace}/${asString(workloadRef['name'])}`, object.ref);
    }
  }

  /**
   * Custom resources that point at Services and workloads (routes, monitors, Istio, Rollouts,
   * KEDA): their views for the Service graph.
   */
  private keepCustomResourceViews(object: K8sObject): void {
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
      case 'Rollout':
        return keep(this.rollouts, RolloutView.from(object));
    }
  }

  finish(): Model {
    // a Rollout's workloadRef: the Deployment's template makes the Rollout's pods
    if (this.workloadRefs.size > 0) {
      for (const source of this.podSources) {
        const rollout = this.workloadRefs.get(`${source.kind}/${source.namespace}/${source.name}`);
        if (rollout) source.madeByRollout(rollout);
      }
    }
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
      customResources: this.customResources,
      unusableDocuments: this.unusableDocuments,
      builds: new Builds(this.objects),
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
  if (!map || !isManifestLike(map)) return;
  const kind = asString(map['kind']);
  const items = asList(map['items']);
  if (items && kind !== undefined && kind.endsWith('List')) {
    items.forEach((item, index) => {
      const itemMap = asMap(item);
      if (itemMap && isManifestLike(itemMap)) into.push(new Manifest(file, docIndex, ['items', index], itemMap));
    });
    return;
  }
  into.push(new Manifest(file, docIndex, [], map));
}
