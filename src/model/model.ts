/**
 * The model is built while files are read, one at a time: each document's objects are handed
 * to the per-file rules with their parsed values, and only compact views (Services, pod
 * templates, references) are kept for the cross-object rules. Memory then follows the number
 * of objects, not the bytes of YAML.
 *
 * What each file contributes is kept apart (a FilePart) and the model is assembled from the
 * parts in file order: the CLI adds every file once; the language server replaces or removes a
 * changed file's part and assembles again, without reading the other files.
 */
import { isKustomizationFile } from '../load/kustomize.js';
import type { Span } from '../load/positions.js';
import type { SourceFile } from '../load/source.js';
import { isBuiltInGroup } from './api-resources.js';
import { Builds, inBuild } from './builds.js';
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

/** What a file contributes to each list of the model. */
interface PartLists {
  objects: ObjectRef;
  services: ServiceView;
  podSources: PodSource;
  ingresses: IngressView;
  networkPolicies: NetworkPolicyView;
  podDisruptionBudgets: PodDisruptionBudgetView;
  horizontalPodAutoscalers: HorizontalPodAutoscalerView;
  servicesWithEndpoints: string;
  customResources: CustomResourceView;
  unusableDocuments: UnusableDocument;
  /** Rollouts whose pods are a Deployment's template (`spec.workloadRef`): `Kind/namespace/name` → Rollout. */
  workloadRefs: [string, ObjectRef];
  routes: RouteView;
  gateways: GatewayView;
  referenceGrants: ReferenceGrantView;
  serviceMonitors: ServiceMonitorView;
  podMonitors: PodMonitorView;
  virtualServices: VirtualServiceView;
  destinationRules: DestinationRuleView;
  meshHosts: string;
  rollouts: RolloutView;
  scaledObjects: ScaledObjectView;
  possibleCreators: ObjectRef;
}

type PartList = keyof PartLists;

/** The lists of views, each kept in the model's order (by file, then object). */
const VIEW_LISTS = [
  'services', 'podSources', 'ingresses', 'networkPolicies', 'podDisruptionBudgets', 'horizontalPodAutoscalers', 'routes', 'gateways',
  'referenceGrants', 'serviceMonitors', 'podMonitors', 'virtualServices', 'destinationRules', 'rollouts', 'scaledObjects',
] as const satisfies readonly PartList[];

const NONE: readonly never[] = [];

/**
 * What one file contributes to the model: its objects and their views. A list is made when its
 * first item comes (most files hold two or three kinds of object; the CLI makes a part per file).
 */
class FilePart {
  /** By LIST_INDEX. */
  readonly lists: (unknown[] | undefined)[] = [];

  constructor(readonly file: SourceFile) {}

  add<K extends PartList>(key: K, item: PartLists[K]): void {
    const index = LIST_INDEX[key];
    const list = this.lists[index];
    if (list) list.push(item);
    else this.lists[index] = [item];
  }

  get<K extends PartList>(key: K): readonly PartLists[K][] {
    return (this.lists[LIST_INDEX[key]] ?? NONE) as readonly PartLists[K][];
  }

  /** Sorts a list in place. */
  sort<K extends PartList>(key: K, compare: (a: PartLists[K], b: PartLists[K]) => number): void {
    const list = this.lists[LIST_INDEX[key]] as PartLists[K][] | undefined;
    if (list && list.length > 1) list.sort(compare);
  }
}

const LIST_INDEX: { readonly [K in PartList]: number } = (() => {
  const keys: PartList[] = ['objects', 'servicesWithEndpoints', 'customResources', 'unusableDocuments', 'workloadRefs', 'meshHosts', 'possibleCreators', ...VIEW_LISTS];
  return Object.fromEntries(keys.map((key, i) => [key, i])) as { [K in PartList]: number };
})();

/**
 * What changed between two assemblies of the model: the namespaces whose objects changed
 * (objects of a file replaced or removed, before and after), or `all` (the first assembly, or
 * a file of a kustomize tree changed: builds may join objects across namespaces).
 */
export type ModelChanges = ReadonlySet<string> | 'all';

const NO_OBJECTS: FileObjects = { manifests: [], objects: [], placeholders: false };

export class ModelBuilder {
  /** Each file's part, by path, in the order of the run. */
  private readonly parts = new Map<string, FilePart>();
  /** What changed since the last assembly. */
  private touched: Set<string> | 'all' = 'all';
  /** What changed between the last two assemblies (see `finish`). */
  changes: ModelChanges = 'all';
  /** Pod sources a Rollout's workloadRef was applied to at the last assembly (undone first at the next). */
  private madeByRollouts: PodSource[] = [];
  /**
   * The model's lists (by LIST_INDEX) while files only come one after another, as the CLI adds
   * them: each part is appended as it is read, so assembling costs nothing. Undefined once a
   * part is replaced, removed or moved, or the lists were handed to a model: then they are made
   * again from the parts.
   */
  private appended: unknown[][] | undefined = [];

  constructor(private readonly options: ModelOptions) {}

  /**
   * Reads a file's objects and keeps their views; the file's parsed values are needed only now.
   * A file of a path added before replaces it, in its place; a new path comes last. An object
   * whose views cannot be built (a defect of this tool) is left out of the model and reported
   * through `failed`; the rest of the file is read.
   */
  add(file: SourceFile, failed: (subject: string, error: unknown) => void): FileObjects {
    const part = new FilePart(file);
    const replaced = this.parts.get(file.path);
    this.touch(replaced);
    if (replaced) this.appended = undefined;
    this.parts.set(file.path, part);
    // (`--render`) its objects come through the rendered output of the builds using it; a
    // kustomization is no API object (kustomize checks it when it builds)
    if (file.renderedIn || isKustomizationFile(file.path)) {
      this.append(part);
      return NO_OBJECTS;
    }
    const manifests: Manifest[] = [];
    const placeholders = !file.problem && mayHavePlaceholders(file.text);
    if (!file.problem) {
      file.documents.forEach((doc, docIndex) => {
        if (doc.value === undefined) part.add('unusableDocuments', { file, span: doc.span });
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
        this.keepViews(part, object);
        objects.push(object);
        part.add('objects', object.ref);
      } catch (error) {
        failed(`${kind}/${describeName(manifest.raw)} in ${file.path}`, error);
      }
    }
    // One file's views in the model's order (see compareObjects): files come in path order, so
    // the assembled lists are in that order without sorting them (`objects` stays in reading
    // order, the order of the report's test cases).
    for (const key of VIEW_LISTS) part.sort(key, (a, b) => compareObjects(a.ref, b.ref));
    part.sort('possibleCreators', compareObjects);
    this.touch(part);
    this.append(part);
    return { manifests, objects, placeholders };
  }

  /** Takes a file's part out (the file was deleted, or is no longer read). */
  remove(path: string): boolean {
    this.touch(this.parts.get(path));
    this.appended = undefined;
    return this.parts.delete(path);
  }

  /** A part read after all others: its items go to the end of the model's lists. */
  private append(part: FilePart): void {
    const appended = this.appended;
    if (!appended) return;
    part.lists.forEach((items, index) => {
      if (!items) return;
      const list = (appended[index] ??= []);
      for (let i = 0; i < items.length; i++) list.push(items[i]);
    });
  }

  /** Notes the namespaces a part's objects are in as changed. */
  private touch(part: FilePart | undefined): void {
    if (!part || this.touched === 'all') return;
    // a build's objects (kustomize, rendered): builds may join or part objects across namespaces
    if (inBuild(part.file)) {
      this.touched = 'all';
      return;
    }
    for (const object of part.get('objects')) this.touched.add(object.namespace);
  }

  /** Puts the parts in another order (files added out of order: the run's order is by path). */
  sort(compare: (a: string, b: string) => number): void {
    this.appended = undefined;
    const sorted = [...this.parts].sort(([a], [b]) => compare(a, b));
    this.parts.clear();
    for (const [path, part] of sorted) this.parts.set(path, part);
  }

  /** The paths of the files added, in order. */
  paths(): IterableIterator<string> {
    return this.parts.keys();
  }

  private keepViews(part: FilePart, object: K8sObject): void {
    const keep = <K extends PartList>(key: K, view: PartLists[K] | undefined) => {
      if (view) part.add(key, view);
    };
    if (!isBuiltInGroup(object.group)) {
      this.keepCustomResource(part, object);
      return this.keepCustomResourceViews(part, object);
    }
    switch (object.kind) {
      case 'Service':
        return keep('services', ServiceView.from(object));
      case 'Ingress':
        return keep('ingresses', IngressView.from(object));
      case 'NetworkPolicy':
        return keep('networkPolicies', NetworkPolicyView.from(object));
      case 'PodDisruptionBudget':
        return keep('podDisruptionBudgets', PodDisruptionBudgetView.from(object));
      case 'HorizontalPodAutoscaler':
        return keep('horizontalPodAutoscalers', HorizontalPodAutoscalerView.from(object));
      case 'Endpoints':
        if (object.group === '') part.add('servicesWithEndpoints', `${object.namespace}/${object.name}`);
        return;
      case 'EndpointSlice': {
        const service = asString(dig(object.raw, 'metadata', 'labels', 'kubernetes.io/service-name'));
        if (service && object.group === 'discovery.k8s.io') part.add('servicesWithEndpoints', `${object.namespace}/${service}`);
        return;
      }
      default:
        return keep('podSources', PodSource.from(object, this.options.clusterDomain));
    }
  }

  /** A custom resource: its pod templates become pod sources; what else it may make is kept. */
  private keepCustomResource(part: FilePart, object: K8sObject): void {
    const { view, groups } = customPodsOf(object);
    if (!view.makesPods && view.serviceNames.length === 0) return;
    part.add('customResources', view);
    // what it makes that the input cannot show in full: the Service graph's checks are unknown there
    if (!view.fullyKnown) part.add('possibleCreators', object.ref);
    for (const group of groups) {
      part.add('podSources', PodSource.fromOperator(object, this.options.clusterDomain, { ...group, openPorts: view.operator?.containersExact !== true }));
    }
    const workloadRef = asMap(dig(object.raw, 'spec', 'workloadRef'));
    if (object.kind === 'Rollout' && object.group === 'argoproj.io' && workloadRef && asString(workloadRef['name'])) {
      part.add('workloadRefs', [`${asString(workloadRef['kind']) ?? 'Deployment'}/${object.namespace}/${asString(workloadRef['name'])}`, object.ref]);
    }
  }

  /**
   * Custom resources that point at Services and workloads (routes, monitors, Istio, Rollouts,
   * KEDA): their views for the Service graph.
   */
  private keepCustomResourceViews(part: FilePart, object: K8sObject): void {
    const keep = <K extends PartList>(key: K, view: PartLists[K] | undefined) => {
      if (view) part.add(key, view);
    };
    switch (object.kind) {
      case 'HTTPRoute':
      case 'GRPCRoute':
      case 'TCPRoute':
      case 'TLSRoute':
      case 'UDPRoute':
        return keep('routes', RouteView.from(object));
      case 'Gateway':
        return keep('gateways', GatewayView.from(object));
      case 'ReferenceGrant':
        return keep('referenceGrants', ReferenceGrantView.from(object));
      case 'ServiceMonitor':
        return keep('serviceMonitors', ServiceMonitorView.from(object));
      case 'PodMonitor':
        return keep('podMonitors', PodMonitorView.from(object));
      case 'VirtualService':
        return keep('virtualServices', VirtualServiceView.from(object, this.options.clusterDomain));
      case 'DestinationRule':
        return keep('destinationRules', DestinationRuleView.from(object, this.options.clusterDomain));
      case 'ServiceEntry':
        for (const host of serviceEntryHosts(object)) part.add('meshHosts', host);
        return;
      case 'ScaledObject':
        return keep('scaledObjects', ScaledObjectView.from(object));
      case 'Rollout':
        return keep('rollouts', RolloutView.from(object));
    }
  }

  /** The model of the files added so far, their parts in order (again after files change: see `changes`). */
  finish(): Model {
    this.changes = this.touched;
    this.touched = new Set();
    const parts = [...this.parts.values()];
    const appended = this.appended;
    // the lists now belong to the model: the next assembly makes its own
    this.appended = undefined;
    const list = <K extends PartList>(key: K): PartLists[K][] => {
      const index = LIST_INDEX[key];
      if (appended) return (appended[index] ?? []) as PartLists[K][];
      const all: PartLists[K][] = [];
      for (const part of parts) {
        const items = part.lists[index] as PartLists[K][] | undefined;
        if (items) for (let i = 0; i < items.length; i++) all.push(items[i]!);
      }
      return all;
    };
    const objects = list('objects');
    const services = list('services');
    services.forEach((service, serial) => (service.serial = serial));
    const podSources = list('podSources');
    this.applyWorkloadRefs(podSources, list('workloadRefs'));
    return {
      files: parts.map((part) => part.file),
      objects,
      services,
      podSources,
      ingresses: list('ingresses'),
      networkPolicies: list('networkPolicies'),
      podDisruptionBudgets: list('podDisruptionBudgets'),
      horizontalPodAutoscalers: list('horizontalPodAutoscalers'),
      servicesWithEndpoints: new Set(list('servicesWithEndpoints')),
      customResources: list('customResources'),
      unusableDocuments: list('unusableDocuments'),
      builds: new Builds(objects),
      routes: list('routes'),
      gateways: list('gateways'),
      referenceGrants: list('referenceGrants'),
      serviceMonitors: list('serviceMonitors'),
      podMonitors: list('podMonitors'),
      virtualServices: list('virtualServices'),
      destinationRules: list('destinationRules'),
      meshHosts: new Set(list('meshHosts')),
      rollouts: list('rollouts'),
      scaledObjects: list('scaledObjects'),
      possibleCreators: list('possibleCreators'),
    };
  }

  /** A Rollout's workloadRef: the Deployment's template makes the Rollout's pods (undone where it no longer does). */
  private applyWorkloadRefs(podSources: readonly PodSource[], workloadRefs: readonly [string, ObjectRef][]): void {
    for (const source of this.madeByRollouts) source.madeByRollout(undefined);
    this.madeByRollouts = [];
    if (workloadRefs.length === 0) return;
    const byTarget = new Map(workloadRefs);
    for (const source of podSources) {
      const rollout = byTarget.get(`${source.kind}/${source.namespace}/${source.name}`);
      if (!rollout) continue;
      source.madeByRollout(rollout);
      this.madeByRollouts.push(source);
    }
  }
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
