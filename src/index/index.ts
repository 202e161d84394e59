/** Everything cross-object rules and `resolve` look things up in, built once per run from the model. */
import type { SourceFile } from '../load/source.js';
import type { CustomResourceView } from '../model/custom-resources.js';
import type { GatewayView, ReferenceGrantView } from '../model/gateway-api.js';
import type { Model, ModelChanges, UnusableDocument } from '../model/model.js';
import type { ObjectRef } from '../model/object.js';
import { inBuild } from '../model/builds.js';
import { isPlatformNamespace } from '../model/platform.js';
import type { PodSource } from '../model/pod-source.js';
import type { ServiceReference } from '../model/references.js';
import type { ServiceView } from '../model/service.js';
import { pushTo } from '../util/multimap.js';
import { LabelIndex } from './label-index.js';
import { directoriesInCommon, FolderTree, inSameFolder, nearestTo } from './nearest.js';
import { Resolver } from './resolver.js';
import { ServiceGraph } from './service-graph.js';
import { ServiceLabelIndex } from './service-labels.js';

export interface ResolvedReference {
  readonly namespace: string;
  /** False when no object of the input is in that namespace: it may live elsewhere. */
  readonly inInput: boolean;
  readonly service: ServiceView | undefined;
}

export interface Caller {
  readonly source: PodSource;
  readonly reference: ServiceReference;
}

/**
 * Why a selector or a Service name that finds nothing in the input may still be fine:
 * - `made`: a custom resource named like it makes it (`pg-rw` by `Cluster/pg`): report nothing;
 * - `outside`: the input cannot say (a namespace the cluster fills, one where the input runs
 *   nothing, a kustomize patch that may add the labels): report nothing;
 * - `maybe`: custom resources there may make it: at most a warning naming them;
 * - `unusable`: a document that could not be read may hold it: say so.
 */
export type Unresolved =
  | { readonly kind: 'made'; readonly by: CustomResourceView }
  | { readonly kind: 'outside'; readonly why: string }
  | { readonly kind: 'maybe'; readonly makers: readonly CustomResourceView[] }
  | { readonly kind: 'unusable'; readonly document: UnusableDocument };

/** Whether a template's pods may have these labels once its placeholders are rendered. */
function mayMatchOnceRendered(source: PodSource, labels: readonly (readonly [string, string])[]): boolean {
  const placeholders = source.placeholderLabels;
  if (!placeholders) return false;
  let templated = false;
  for (const [key, value] of labels) {
    if (placeholders.has(key)) templated = true;
    else if (source.labels[key] !== value && !source.anyValueLabels?.has(key)) return false;
  }
  return templated;
}

/** `Cluster/pg (postgresql.cnpg.io/v1), RayCluster/ray (ray.io/v1)`: at most three, then how many more. */
export function describeMakers(makers: readonly CustomResourceView[]): string {
  const shown = makers.slice(0, 3).map((m) => m.description).join(', ');
  return makers.length > 3 ? `${shown} and ${makers.length - 3} more` : shown;
}

const NO_SERVICES: readonly ServiceView[] = [];
const NO_CUSTOM: readonly CustomResourceView[] = [];
const NO_SERVICE_NAMES: readonly string[] = [];

export class ModelIndex {
  readonly labels: LabelIndex;
  readonly resolver: Resolver;
  private servicesByName?: Map<string, Map<string, ServiceView[]>>;
  private workloadsByName?: Map<string, PodSource[]>;
  private objectsByName?: Map<string, ObjectRef[]>;
  private namespaceSet?: Set<string>;
  private callers?: Map<ServiceView, Caller[]>;
  private customByNamespace?: Map<string, CustomResourceView[]>;
  private serviceLabelIndex?: ServiceLabelIndex;
  private serviceGraph?: ServiceGraph;
  private creatorsByNamespace?: Map<string, ObjectRef[]>;
  private grantsByNamespace?: Map<string, ReferenceGrantView[]>;
  private gatewaysByNamespace?: Map<string, Map<string, GatewayView[]>>;

  /**
   * @param previous the index of the model as it was before some files changed (the language
   *   server): namespaces where nothing changed keep their pods' label index, and their Services
   *   their resolution, since what a Service selects and where its ports land is decided within
   *   its namespace.
   */
  constructor(
    readonly model: Model,
    previous?: { readonly index: ModelIndex; readonly changes: ModelChanges },
  ) {
    const changes = previous?.changes;
    const unchanged = previous && changes !== 'all' ? (namespace: string) => !changes!.has(namespace) : undefined;
    this.labels = new LabelIndex(model.podSources, unchanged && { index: previous!.index.labels, unchanged });
    this.resolver = new Resolver(this.labels, model.services.length, model.builds);
    if (unchanged) this.resolver.reuse(previous!.index.resolver, (service) => unchanged(service.namespace));
  }

  /** Services of that name in that namespace (a tree may hold several copies of one). */
  services(namespace: string, name: string): readonly ServiceView[] {
    return this.servicesIn(namespace)?.get(name) ?? NO_SERVICES;
  }

  /** The Service of that name meant by an object in file `from`: the copy nearest to it that some build applies with it. */
  service(namespace: string, name: string, from: SourceFile): ServiceView | undefined {
    let services = this.services(namespace, name);
    if (services.length > 0 && inBuild(from)) services = services.filter((s) => this.model.builds.together(from, s.ref.file));
    return services.length <= 1 ? services[0] : nearestTo(from.path, services, (s) => s.ref.file.path)[0];
  }

  /** Custom resources of a namespace that may make pods or Services. */
  customResourcesIn(namespace: string): readonly CustomResourceView[] {
    if (!this.customByNamespace) {
      this.customByNamespace = new Map();
      for (const view of this.model.customResources) pushTo(this.customByNamespace, view.namespace, view);
    }
    return this.customByNamespace.get(namespace) ?? NO_CUSTOM;
  }

  /**
   * Why pods with these labels may exist although no pod template of the input has them, seen
   * from object `from` (see `Unresolved`); undefined when the input proves there are none.
   */
  whyNoPods(from: ObjectRef, namespace: string, labels: readonly (readonly [string, string])[]): Unresolved | undefined {
    if (isPlatformNamespace(namespace)) return { kind: 'outside', why: `namespace "${namespace}" holds pods the cluster makes` };
    const makers = this.makersFor(from, namespace, (view) => view.makesPods && !view.podLabelsKnown, true);
    const made = makers.find((view) => labels.some(([, value]) => view.namesAlike(value)));
    if (made) return { kind: 'made', by: made };
    const patch = this.labels.partialIn(namespace).find((s) => this.model.builds.together(from.file, s.ref.file) && labels.some(([k, v]) => s.labels[k] === v));
    if (patch) return { kind: 'outside', why: `the kustomize patch ${patch.ref.file.path} changes the labels of ${patch.ref.displayName}` };
    const templated = this.nearest(from, this.labels.templatedIn(namespace).filter((s) => mayMatchOnceRendered(s, labels) && this.model.builds.together(from.file, s.ref.file)), namespace);
    if (templated.length > 0) return { kind: 'outside', why: `the labels of ${templated[0]!.ref.displayName} are template placeholders` };
    const unusable = this.unusableMentioning(labels.map(([, value]) => value));
    if (unusable) return { kind: 'unusable', document: unusable };
    return makers.length > 0 ? { kind: 'maybe', makers } : undefined;
  }

  /** Why a Service of that name may exist although the input has none (see `Unresolved`). */
  whyNoService(from: ObjectRef, namespace: string, name: string): Unresolved | undefined {
    if (isPlatformNamespace(namespace)) return { kind: 'outside', why: `namespace "${namespace}" holds Services the cluster makes` };
    // a Service named as one a custom resource makes is its, from any folder (an app calls the
    // Services of other apps)
    const makers = this.makersFor(from, namespace, (view) => view.serviceNames.length > 0 || (view.makesPods && !view.servicesKnown), false);
    const made = makers.find((view) => view.serviceNames.includes(name) || (!view.servicesKnown && view.namesAlike(name)));
    if (made) return { kind: 'made', by: made };
    const unusable = this.unusableMentioning([name]);
    if (unusable) return { kind: 'unusable', document: unusable };
    // unknown operators may make any Service, known ones Services named as theirs: those of the
    // caller's own app (as near as its nearest pod template), not of another example's folder
    const maybe = this.nearest(from, makers.filter((view) => !view.servicesKnown || view.namesLikeItsServices(name)), namespace);
    return maybe.length > 0 ? { kind: 'maybe', makers: maybe } : undefined;
  }

  /**
   * The custom resources of a namespace that may explain what `from` misses: applied with it, and
   * with `near`, at least as near to it in the file tree as the nearest pod template of the
   * namespace (pods are selected within an app: a resource in another example's folder makes
   * nothing for this one).
   */
  private makersFor(from: ObjectRef, namespace: string, keep: (view: CustomResourceView) => boolean, near: boolean): CustomResourceView[] {
    const candidates = this.customResourcesIn(namespace).filter((view) => keep(view) && this.model.builds.together(from.file, view.ref.file));
    return near ? this.nearest(from, candidates, namespace) : candidates;
  }

  /**
   * The items (custom resources, templates) at least as near to `from` in the file tree as the
   * nearest pod template of the namespace: those of its own app, not of another example.
   */
  private nearest<T extends { readonly ref: ObjectRef }>(from: ObjectRef, items: readonly T[], namespace: string): T[] {
    if (items.length === 0) return [];
    const path = from.file.path;
    // how many folders `path` shares with the nearest pod template: its deepest folder holding one
    const folder = this.labels.nearestFolder(namespace, path);
    const nearestPods = folder ? directoriesInCommon(folder, folder) : 0;
    return items.filter((item) => item.ref.file === from.file || directoriesInCommon(path, item.ref.file.path) >= nearestPods);
  }

  /** A document that could not be read whose text holds every one of these words. */
  private unusableMentioning(words: readonly string[]): UnusableDocument | undefined {
    if (words.length === 0) return undefined;
    return this.model.unusableDocuments.find((doc) => {
      const text = doc.file.text.slice(doc.span.start, doc.span.end);
      return words.every((word) => text.includes(word));
    });
  }

  /** Whether the input has a Service in that namespace. */
  hasServicesIn(namespace: string): boolean {
    return (this.servicesIn(namespace)?.size ?? 0) > 0;
  }

  /**
   * Whether the input has a Service of that namespace in the folder of file `path`: then that
   * folder describes the namespace's Services, and one it lacks is missing.
   */
  hasServicesBeside(namespace: string, path: string): boolean {
    for (const services of this.servicesIn(namespace)?.values() ?? []) {
      if (services.some((service) => inSameFolder(service.ref.file.path, path))) return true;
    }
    return false;
  }

  /** Whether the input has a pod template of that namespace in the folder of file `path`. */
  hasWorkloadsBeside(namespace: string, path: string): boolean {
    return this.labels.sourcesIn(namespace).some((source) => inSameFolder(source.ref.file.path, path));
  }

  /**
   * Names of the Services of a namespace, for "did you mean" hints; with `from`, only those
   * nearest to that file in the tree (never an unrelated sample elsewhere in the input).
   */
  serviceNamesIn(namespace: string, from?: string): Iterable<string> {
    if (from === undefined) return this.servicesIn(namespace)?.keys() ?? NO_SERVICE_NAMES;
    let tree = this.serviceFolders.get(namespace);
    if (!tree) this.serviceFolders.set(namespace, (tree = new FolderTree([...(this.servicesIn(namespace)?.values() ?? [])].flat(), (s) => s.ref.file.path)));
    return new Set(tree.nearest(from).map((service) => service.name));
  }

  /** Services of a namespace by folder (built on first use, for hints). */
  private readonly serviceFolders = new Map<string, FolderTree<ServiceView>>();

  /** name → Services of one namespace; built on first use (nested: no key string per lookup). */
  private servicesIn(namespace: string): ReadonlyMap<string, ServiceView[]> | undefined {
    if (!this.servicesByName) {
      this.servicesByName = new Map();
      for (const service of this.model.services) {
        let byName = this.servicesByName.get(service.namespace);
        if (!byName) this.servicesByName.set(service.namespace, (byName = new Map()));
        pushTo(byName, service.name, service);
      }
    }
    return this.servicesByName.get(namespace);
  }

  /** Objects of any kind by namespace and name (custom resources too); built on first use. */
  objects(kind: string, namespace: string, name: string): readonly ObjectRef[] {
    if (!this.objectsByName) {
      this.objectsByName = new Map();
      for (const object of this.model.objects) pushTo(this.objectsByName, `${object.kind}/${object.namespace}/${object.name}`, object);
    }
    return this.objectsByName.get(`${kind}/${namespace}/${name}`) ?? [];
  }

  /** Namespaces the input holds objects in (or declares with a Namespace object). */
  get namespaces(): ReadonlySet<string> {
    if (!this.namespaceSet) {
      this.namespaceSet = new Set();
      for (const object of this.model.objects) {
        if (object.namespace) this.namespaceSet.add(object.namespace);
        if (object.kind === 'Namespace' && object.group === '') this.namespaceSet.add(object.name);
      }
    }
    return this.namespaceSet;
  }

  /**
   * What a workload's Service reference names: the namespace (written, or the workload's own),
   * whether the input holds that namespace at all, and the Service there (the copy nearest to
   * the caller) when there is one.
   */
  resolveReference(source: PodSource, reference: ServiceReference): ResolvedReference {
    const namespace = reference.namespace ?? source.namespace;
    const service = this.service(namespace, reference.service, source.ref.file);
    return { namespace, inInput: this.namespaces.has(namespace), service };
  }

  /** The workloads that call a Service by name ("called by" in `resolve`). */
  callersOf(service: ServiceView): readonly Caller[] {
    if (!this.callers) {
      this.callers = new Map();
      for (const source of this.model.podSources) {
        for (const reference of source.references) {
          const target = this.resolveReference(source, reference).service;
          if (target) pushTo(this.callers, target, { source, reference });
        }
      }
    }
    return this.callers.get(service) ?? [];
  }

  /** Workloads (pod templates) of a kind by namespace and name. */
  workloads(kind: string, namespace: string, name: string): readonly PodSource[] {
    if (!this.workloadsByName) {
      this.workloadsByName = new Map();
      for (const source of this.model.podSources) pushTo(this.workloadsByName, `${source.kind}/${source.namespace}/${source.name}`, source);
    }
    return this.workloadsByName.get(`${kind}/${namespace}/${name}`) ?? [];
  }

  /** Services by their own labels (what ServiceMonitors select); built on first use. */
  get serviceLabels(): ServiceLabelIndex {
    return (this.serviceLabelIndex ??= new ServiceLabelIndex(this.model.services));
  }

  /** Routes, monitors, Istio, Argo Rollouts and KEDA edges, resolved; built on first use. */
  get graph(): ServiceGraph {
    return (this.serviceGraph ??= new ServiceGraph(this));
  }

  /**
   * Custom resources of a namespace that may create pods or Services at run time (see
   * model/custom-resources.ts): where they are, "selects nothing" and "no such Service" are unknown.
   */
  possibleCreatorsIn(namespace: string): readonly ObjectRef[] {
    if (!this.creatorsByNamespace) {
      this.creatorsByNamespace = new Map();
      // by the namespace each makes things in (a Helm release's target), as customResourcesIn
      const madeIn = new Map(this.model.customResources.map((view) => [view.ref, view.namespace]));
      for (const object of this.model.possibleCreators) pushTo(this.creatorsByNamespace, madeIn.get(object) ?? object.namespace, object);
    }
    return this.creatorsByNamespace.get(namespace) ?? [];
  }

  /** The ReferenceGrants of a namespace. */
  referenceGrantsIn(namespace: string): readonly ReferenceGrantView[] {
    if (!this.grantsByNamespace) {
      this.grantsByNamespace = new Map();
      for (const grant of this.model.referenceGrants) pushTo(this.grantsByNamespace, grant.ref.namespace, grant);
    }
    return this.grantsByNamespace.get(namespace) ?? [];
  }

  /** Gateways of that name in that namespace, the copies nearest to file `from` first. */
  gateways(namespace: string, name: string, from: string): readonly GatewayView[] {
    const gateways = this.gatewaysIn(namespace)?.get(name) ?? [];
    return gateways.length <= 1 ? gateways : nearestTo(from, gateways, (g) => g.ref.file.path);
  }

  /** Names of the Gateways of a namespace. */
  gatewayNamesIn(namespace: string): string[] {
    return [...(this.gatewaysIn(namespace)?.keys() ?? [])];
  }

  private gatewaysIn(namespace: string): ReadonlyMap<string, GatewayView[]> | undefined {
    if (!this.gatewaysByNamespace) {
      this.gatewaysByNamespace = new Map();
      for (const gateway of this.model.gateways) {
        let byName = this.gatewaysByNamespace.get(gateway.ref.namespace);
        if (!byName) this.gatewaysByNamespace.set(gateway.ref.namespace, (byName = new Map()));
        pushTo(byName, gateway.ref.name, gateway);
      }
    }
    return this.gatewaysByNamespace.get(namespace);
  }
}
