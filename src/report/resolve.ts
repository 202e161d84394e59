/**
 * What `k8s-svc-lint resolve` shows: each Service → the workloads its selector reaches → for
 * each port, the container port it lands on; and the workloads with ports that no Service
 * reaches. Plain data (its JSON form is the `json` format).
 */
import { describeMakers, type ModelIndex, type Unresolved } from '../index/index.js';
import type { GraphEdge } from '../index/service-graph.js';
import type { Model } from '../model/model.js';
import type { NodeRef, ObjectRef } from '../model/object.js';
import type { PodSource } from '../model/pod-source.js';
import type { ServiceView } from '../model/service.js';
import type { Caller } from '../index/index.js';
import { nearestTargets } from '../index/resolver.js';
import { locate } from './diagnostic.js';
import { safeStrings } from './safe-text.js';

export interface WorkloadEntry {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  /** Which of a custom resource's pods (`head`, `workers`), when it makes several. */
  readonly part?: string;
  /** The object making the pods when it is not the template's (a Rollout's workloadRef). */
  readonly madeBy?: string;
  /** A kustomize patch (part of its base's pods). */
  readonly patch?: true;
  /** (`--render`) The overlay or chart whose rendered output holds it, and the tool that rendered it. */
  readonly environment?: string;
  readonly renderedBy?: 'kustomize' | 'helm';
  /**
   * False when other selected workloads are nearer to the Service in the file tree: its ports
   * are not judged (as the lint does not), it is likely another example or environment.
   */
  readonly judged?: false;
}

export interface TargetEntry {
  /** `Deployment/web` */
  readonly workload: string;
  readonly container: string | null;
  readonly containerPort: number | null;
  /** False: a named targetPort this workload's pods do not have, so they get no traffic on it. */
  readonly resolved: boolean;
  /** False: a readiness or startup probe's port cannot be resolved, so the pods never become Ready. */
  readonly ready: boolean;
  /** Why not ready: `readinessProbe port "htp" of container "web" is not declared`. */
  readonly notReadyReason?: string;
  /** Not declared, but the pods may have it (why: `its operator adds containers`): unknown, not missing. */
  readonly unknown?: string;
  /** The workload's file, when several selected workloads have its kind and name. */
  readonly file?: string;
}

export interface PortEntry {
  readonly name: string | null;
  readonly port: number | null;
  readonly protocol: string;
  readonly targetPort: number | string | null;
  readonly nodePort: number | null;
  readonly targets: readonly TargetEntry[];
}

/** A workload that calls the Service by name in an env value, arg or command. */
export interface CallerEntry {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly container: string;
  /** `env REDIS_HOST`, `args`, `command` */
  readonly source: string;
  /** The reference as written: `redis:6379`, `http://api.shop.svc`. */
  readonly text: string;
  readonly port: number | null;
  readonly file: string;
  readonly line: number;
  /** (`--render`) The overlay or chart whose rendered output holds the caller. */
  readonly environment?: string;
  readonly renderedBy?: 'kustomize' | 'helm';
}

/**
 * An object that routes to, monitors, configures, switches or scales a Service or workload:
 * `HTTPRoute/web` by `backendRef` on port 80. `broken` when a rule reports it, with why.
 */
export interface EdgeEntry {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** `backendRef`, `requestMirror`, `http route`, `http mirror`, `endpoint`, `subsets v1, v2`, `canary Service`, `scale target`. */
  readonly via: string;
  /** The port it names: a number, or a port name (monitors). */
  readonly port: number | string | null;
  /** An Istio subset. */
  readonly subset: string | null;
  readonly broken: boolean;
  /** What is wrong, in a few words (the rule's finding says more). */
  readonly problem: string | null;
  readonly file: string;
  readonly line: number;
}

/** An edge to a Service or workload the input lacks. */
export interface DanglingEdgeEntry extends EdgeEntry {
  readonly target: { readonly kind: string; readonly namespace: string; readonly name: string };
}

/** A workload that PodMonitors monitor or ScaledObjects scale. */
export interface WorkloadEdgesEntry extends WorkloadEntry {
  readonly monitoredBy: readonly EdgeEntry[];
  readonly scaledBy: readonly EdgeEntry[];
}

export interface ServiceEntry {
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly headless: boolean;
  readonly file: string;
  readonly line: number;
  /** (`--render`) The overlay or chart whose rendered output holds it, and the tool that rendered it. */
  readonly environment?: string;
  readonly renderedBy?: 'kustomize' | 'helm';
  /** null: no selector (endpoints are managed by hand, or ExternalName). */
  readonly selector: Readonly<Record<string, string>> | null;
  readonly workloads: readonly WorkloadEntry[];
  readonly ports: readonly PortEntry[];
  /** Workloads that reference this Service by name, so the path caller → Service → pods shows. */
  readonly calledBy: readonly CallerEntry[];
  /** Gateway API routes and Istio VirtualServices that send traffic to it. */
  readonly routedBy: readonly EdgeEntry[];
  /** ServiceMonitors that scrape it. */
  readonly monitoredBy: readonly EdgeEntry[];
  /** Istio DestinationRules for its host. */
  readonly configuredBy: readonly EdgeEntry[];
  /** Argo Rollouts that use it as their canary, stable, active, preview, ping or pong Service. */
  readonly switchedBy: readonly EdgeEntry[];
  /** When the selector reaches no pod template of the input: where the pods may come from instead. */
  readonly podsFrom?: string;
  /** The namespaces its kustomize builds put it in, when they differ (a base shared by overlays). */
  readonly builtInto?: readonly string[];
}

/** A Service the input calls but does not hold, which a custom resource's operator makes. */
export interface ProvidedServiceEntry {
  readonly namespace: string;
  readonly name: string;
  /** `Cluster/pg (postgresql.cnpg.io/v1)` */
  readonly providedBy: string;
  readonly calledBy: readonly CallerEntry[];
}

export interface ResolveReport {
  readonly services: readonly ServiceEntry[];
  /** Workloads that declare container ports but that no Service selects. */
  readonly unselectedWorkloads: readonly WorkloadEntry[];
  /** Services called by name that the input lacks but a custom resource makes (`pg-rw` of `Cluster/pg`). */
  readonly providedServices: readonly ProvidedServiceEntry[];
  /** Workloads that PodMonitors monitor or KEDA ScaledObjects scale. */
  readonly workloadEdges: readonly WorkloadEdgesEntry[];
  /** Routes, monitors, DestinationRules, Rollouts and ScaledObjects naming what the input lacks. */
  readonly danglingEdges: readonly DanglingEdgeEntry[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function line(ref: ObjectRef): number {
  return locate(ref.at()).line;
}

/** The file an object is shown in: its own, or for a rendered object (`--render`) the author's it came from. */
function fileOf(ref: ObjectRef): string {
  return ref.file.rendering ? locate(ref.at()).filePath : ref.file.path;
}

/** `{environment: "overlays/prod", renderedBy: "kustomize"}` for a rendered object (`--render`): the overlay or chart it is in. */
function environmentOf(ref: ObjectRef): { environment?: string; renderedBy?: 'kustomize' | 'helm' } {
  const environment = ref.file.rendering?.environment;
  return environment ? { environment: environment.name, renderedBy: environment.tool } : {};
}

function workloadEntry(source: PodSource, judged = true): WorkloadEntry {
  return {
    kind: source.kind,
    namespace: source.namespace,
    name: source.name,
    file: fileOf(source.ref),
    line: line(source.ref),
    ...environmentOf(source.ref),
    ...(source.part ? { part: source.part } : {}),
    ...(source.madeBy ? { madeBy: source.madeBy.displayName } : {}),
    ...(source.partial ? { patch: true as const } : {}),
    ...(judged ? {} : { judged: false as const }),
  };
}

/** What `resolve` says of a selector that reaches no pod template of the input. */
function podsFrom(unresolved: Unresolved | undefined): string | undefined {
  switch (unresolved?.kind) {
    case 'made':
      return `made by ${unresolved.by.description}?`;
    case 'maybe':
      return `may be made by ${describeMakers(unresolved.makers)}`;
    case 'outside':
      return `not in the input: ${unresolved.why}`;
    case 'unusable':
      return `maybe in ${unresolved.document.file.path}, which could not be read`;
    default:
      return undefined;
  }
}

function where(ref: NodeRef): { file: string; line: number } {
  const location = locate(ref);
  return { file: location.filePath, line: location.line };
}

function compareWorkloads(a: WorkloadEntry, b: WorkloadEntry): number {
  return compare(a.environment ?? '', b.environment ?? '') || compare(a.namespace, b.namespace) || compare(a.kind, b.kind) || compare(a.name, b.name) || compare(a.file, b.file) || a.line - b.line || compare(a.part ?? '', b.part ?? '');
}

/** Why a workload's pods never become Ready, or undefined when nothing static says so. */
function notReadyReason(source: PodSource): string | undefined {
  const blocker = source.readinessBlockers()[0];
  if (!blocker) return undefined;
  const { container, probe, problem } = blocker;
  const port = typeof probe.port === 'string' ? `"${probe.port}"` : String(probe.port);
  const why = problem.kind === 'undeclared-name' ? 'is not declared by the container' : 'is not a valid port';
  return `${probe.field} port ${port} of container "${container.name}" ${why}`;
}

function callerEntries(index: ModelIndex, service: ServiceView): CallerEntry[] {
  return toCallerEntries(index.callersOf(service));
}

function toCallerEntries(callers: readonly Caller[]): CallerEntry[] {
  return callers
    .map(({ source, reference }) => ({
      kind: source.kind,
      namespace: source.namespace,
      name: source.name,
      container: reference.container,
      source: reference.source,
      text: reference.text,
      port: reference.port ?? null,
      ...where(source.ref.at(...reference.path)),
      ...environmentOf(source.ref),
    }))
    .sort((a, b) => compareWorkloads(a, b) || compare(a.container, b.container));
}

function edgeEntry(edge: GraphEdge): EdgeEntry {
  const problem = edge.problems.length > 0 ? edge.problems.map((p) => p.summary).join('; ') : null;
  return {
    kind: edge.from.kind,
    namespace: edge.from.namespace,
    name: edge.from.name,
    via: edge.via,
    port: edge.port ?? null,
    subset: edge.subset ?? null,
    broken: problem !== null,
    problem,
    ...where(edge.at),
  };
}

function compareEdges(a: EdgeEntry, b: EdgeEntry): number {
  return compare(a.namespace, b.namespace) || compare(a.kind, b.kind) || compare(a.name, b.name) || compare(a.file, b.file) || a.line - b.line;
}

function edgeEntries(edges: readonly GraphEdge[] | undefined): EdgeEntry[] {
  return (edges ?? []).map(edgeEntry).sort(compareEdges);
}

/** What `resolve` prints, every text from the manifests made safe to print (see safe-text.ts). */
export function buildResolveReport(model: Model, index: ModelIndex): ResolveReport {
  const reached = new Set<PodSource>();
  // a kustomize patch of a Service is part of its base, not a Service of its own
  const services: ServiceEntry[] = model.services.filter((service) => !service.partial).map((service) => {
    for (const workload of index.resolver.resolve(service).workloads) reached.add(workload);
    return serviceEntry(index, service);
  });
  services.sort((a, b) => compare(a.environment ?? '', b.environment ?? '') || compare(a.namespace, b.namespace) || compare(a.name, b.name) || compare(a.file, b.file) || a.line - b.line);
  const unselectedWorkloads = model.podSources
    .filter((source) => !reached.has(source) && !source.partial && source.servingContainers.some((c) => c.ports.length > 0))
    .map((source) => workloadEntry(source))
    .sort(compareWorkloads);
  const graph = index.graph;
  const workloadEdges = graph
    .workloadsWithEdges()
    .map((source) => {
      const edges = graph.edgesToWorkload(source);
      return { ...workloadEntry(source), monitoredBy: edgeEntries(edges.get('monitoredBy')), scaledBy: edgeEntries(edges.get('scaledBy')) };
    })
    .sort(compareWorkloads);
  const danglingEdges = graph
    .danglingEdges()
    .map((edge) => ({ ...edgeEntry(edge), target: edge.target }))
    .sort(compareEdges);
  // every formatter prints this: the texts from the manifests are made safe to print here
  return safeStrings({ services, unselectedWorkloads, workloadEdges, danglingEdges, providedServices: providedServices(model, index) });
}

/** The namespaces kustomize builds put a Service in, when they are not one (the model keeps what it says). */
function builtInto(service: ServiceView): { builtInto?: readonly string[] } {
  const namespaces = [...new Set(service.ref.file.kustomize?.namespaceIn.values() ?? [])].sort();
  return namespaces.length > 1 ? { builtInto: namespaces } : {};
}

/** `Deployment/web` names given to more than one selected workload (copies in several folders). */
function repeatedNames(workloads: readonly PodSource[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const w of workloads) (seen.has(w.displayName) ? repeated : seen).add(w.displayName);
  return repeated;
}

/** Services called by name that the input lacks but a custom resource's operator makes. */
function providedServices(model: Model, index: ModelIndex): ProvidedServiceEntry[] {
  const provided = new Map<string, { namespace: string; name: string; providedBy: string; callers: Caller[] }>();
  for (const source of model.podSources) {
    for (const reference of source.references) {
      const { namespace, inInput, service } = index.resolveReference(source, reference);
      if (service || !inInput) continue;
      const unresolved = index.whyNoService(source.ref, namespace, reference.service);
      if (unresolved?.kind !== 'made') continue;
      const key = `${namespace}/${reference.service}`;
      let entry = provided.get(key);
      if (!entry) provided.set(key, (entry = { namespace, name: reference.service, providedBy: unresolved.by.description, callers: [] }));
      entry.callers.push({ source, reference });
    }
  }
  return [...provided.values()]
    .map((e) => ({ namespace: e.namespace, name: e.name, providedBy: e.providedBy, calledBy: toCallerEntries(e.callers) }))
    .sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));
}

/** What `resolve` shows of one Service (an editor's hover shows it too), texts made safe to print. */
export function describeService(index: ModelIndex, service: ServiceView): ServiceEntry {
  return safeStrings(serviceEntry(index, service));
}

function serviceEntry(index: ModelIndex, service: ServiceView): ServiceEntry {
  const resolved = index.resolver.resolve(service);
  // ports are judged among the nearest selected workloads, as the lint judges them
  const judged = nearestTargets(resolved);
  const repeated = repeatedNames(resolved.workloads);
  const unresolved =
    service.selector && service.type !== 'ExternalName' && resolved.workloads.length === 0 && !service.selectorHasPlaceholders
      ? podsFrom(index.whyNoPods(service.ref, service.namespace, Object.entries(service.selector)))
      : undefined;
  return {
    namespace: service.namespace,
    name: service.name,
    type: service.type,
    headless: service.headless,
    file: fileOf(service.ref),
    line: line(service.ref),
    ...environmentOf(service.ref),
    selector: service.type === 'ExternalName' ? null : (service.selector ?? null),
    workloads: resolved.workloads.map((w) => workloadEntry(w, resolved.nearest.includes(w))).sort(compareWorkloads),
    ports: judged.map(({ port, targets }) => ({
      name: port.name ?? null,
      port: port.port ?? null,
      protocol: port.protocol,
      targetPort: port.targetPort ?? (port.targetPortGiven ? null : (port.port ?? null)),
      nodePort: port.nodePort ?? null,
      targets: targets
        .map((target) => {
          const reason = notReadyReason(target.source);
          return {
            workload: target.source.displayName,
            container: target.container?.name ?? null,
            containerPort: target.containerPort ?? null,
            resolved: target.resolved,
            ready: reason === undefined,
            ...(reason ? { notReadyReason: reason } : {}),
            ...(target.unknown ? { unknown: port.targetPort === undefined ? 'its targetPort is a placeholder or not a port' : (target.source.openPortsWhy ?? 'unknown') } : {}),
            ...(repeated.has(target.source.displayName) ? { file: fileOf(target.source.ref) } : {}),
          };
        })
        .sort((a, b) => compare(a.workload, b.workload) || compare(a.file ?? '', b.file ?? '')),
    })),
    calledBy: callerEntries(index, service),
    ...(unresolved ? { podsFrom: unresolved } : {}),
    ...builtInto(service),
    ...serviceEdges(index, service),
  };
}

function serviceEdges(index: ModelIndex, service: ServiceView): Pick<ServiceEntry, 'routedBy' | 'monitoredBy' | 'configuredBy' | 'switchedBy'> {
  const edges = index.graph.edgesTo(service);
  return {
    routedBy: edgeEntries(edges.get('routedBy')),
    monitoredBy: edgeEntries(edges.get('monitoredBy')),
    configuredBy: edgeEntries(edges.get('configuredBy')),
    switchedBy: edgeEntries(edges.get('switchedBy')),
  };
}
