/** Everything cross-object rules and `resolve` look things up in, built once per run from the model. */
import type { GatewayView, ReferenceGrantView } from '../model/gateway-api.js';
import type { Model } from '../model/model.js';
import type { ObjectRef } from '../model/object.js';
import type { PodSource } from '../model/pod-source.js';
import type { ServiceReference } from '../model/references.js';
import type { ServiceView } from '../model/service.js';
import { pushTo } from '../util/multimap.js';
import { LabelIndex } from './label-index.js';
import { FolderTree, inSameFolder, nearestTo } from './nearest.js';
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

const NO_SERVICES: readonly ServiceView[] = [];
const NO_SERVICE_NAMES: readonly string[] = [];

export class ModelIndex {
  readonly labels: LabelIndex;
  readonly resolver: Resolver;
  private servicesByName?: Map<string, Map<string, ServiceView[]>>;
  private workloadsByName?: Map<string, PodSource[]>;
  private objectsByName?: Map<string, ObjectRef[]>;
  private namespaceSet?: Set<string>;
  private callers?: Map<ServiceView, Caller[]>;
  private serviceLabelIndex?: ServiceLabelIndex;
  private serviceGraph?: ServiceGraph;
  private creatorsByNamespace?: Map<string, ObjectRef[]>;
  private grantsByNamespace?: Map<string, ReferenceGrantView[]>;
  private gatewaysByNamespace?: Map<string, Map<string, GatewayView[]>>;

  constructor(readonly model: Model) {
    this.labels = new LabelIndex(model.podSources);
    this.resolver = new Resolver(this.labels, model.services.length);
  }

  /** Services of that name in that namespace (a tree may hold several copies of one). */
  services(namespace: string, name: string): readonly ServiceView[] {
    return this.servicesIn(namespace)?.get(name) ?? NO_SERVICES;
  }

  /** The Service of that name meant by an object in file `from`: the copy nearest to it. */
  service(namespace: string, name: string, from: string): ServiceView | undefined {
    const services = this.services(namespace, name);
    return services.length <= 1 ? services[0] : nearestTo(from, services, (s) => s.ref.file.path)[0];
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
    const service = this.service(namespace, reference.service, source.ref.file.path);
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
   * model/pod-creators.ts): where they are, "selects nothing" and "no such Service" are unknown.
   */
  possibleCreatorsIn(namespace: string): readonly ObjectRef[] {
    if (!this.creatorsByNamespace) {
      this.creatorsByNamespace = new Map();
      for (const object of this.model.possibleCreators) pushTo(this.creatorsByNamespace, object.namespace, object);
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
