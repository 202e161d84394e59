/**
 * The picture both graph formats draw (dot, mermaid): nodes grouped by namespace, one edge per
 * Service → workload (every port on one label), one per caller → Service (every way it calls
 * on one label) and one per custom resource → Service or workload and kind of edge (routes,
 * monitors, DestinationRules, Rollouts, KEDA), so no edge is drawn twice; and the legend's entries.
 */
import type { EdgeEntry, ResolveReport, ServiceEntry, WorkloadEntry } from '../../report/resolve.js';
import { describeEdge, inEnvironment, SERVICE_EDGE_KINDS, targetOn, targetServes } from './describe.js';

/** Edges from custom resources, by what they do to their target. */
export type ResourceEdgeKind = (typeof SERVICE_EDGE_KINDS)[number][0] | 'scaledBy';

export interface GraphNode {
  readonly id: string;
  /** `resource`: a custom resource with edges (a route, monitor…); `missing`: a target the input lacks. */
  readonly kind: 'service' | 'workload' | 'resource' | 'missing';
  readonly label: string;
  /** A Service that selects no pods, drawn in red. */
  readonly broken: boolean;
  /** A workload with ports that no Service selects, drawn dashed. */
  readonly unselected: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /**
   * `routes`: Service → workload; `calls`: a workload naming a Service in env, args or command;
   * `missing`: a custom resource naming a Service or workload the input lacks; the others: a
   * custom resource → the Service or workload it routes to, monitors, configures, switches or scales.
   */
  readonly kind: 'routes' | 'calls' | 'missing' | ResourceEdgeKind;
  /** Some port lands nowhere, or on pods that never become Ready: drawn red and dashed. */
  readonly broken: boolean;
}

export interface Graph {
  /** Namespace → its nodes, namespaces in order. */
  readonly namespaces: ReadonlyMap<string, readonly GraphNode[]>;
  readonly edges: readonly GraphEdge[];
  /** The kinds of custom-resource edge drawn, for the legend. */
  readonly resourceEdgeKinds: ReadonlySet<ResourceEdgeKind>;
}

/** What the colours and line styles mean. */
export const LEGEND = {
  routes: 'port → container port',
  broken: 'a port lands nowhere, or its pods never become Ready',
  calls: 'calls it by name (env, args, command)',
  brokenService: 'Service that selects no pods',
  unselected: 'workload with ports no Service selects',
  routedBy: 'routes to it (Gateway API route, VirtualService)',
  monitoredBy: 'scrapes it (ServiceMonitor, PodMonitor)',
  configuredBy: 'DestinationRule for its host',
  switchedBy: 'switches it (Argo Rollout)',
  scaledBy: 'scales it (KEDA ScaledObject)',
  missing: 'names something the input lacks',
} as const;

type WorkloadLike = Pick<WorkloadEntry, 'kind' | 'namespace' | 'name' | 'file' | 'part' | 'environment'>;

function workloadKey(workload: WorkloadLike): string {
  return `${workload.kind}/${workload.namespace}/${workload.name}/${workload.file}${workload.part ? `/${workload.part}` : ''}${inEnvironment(workload)}`;
}

function serviceKey(service: ServiceEntry): string {
  return `Service/${service.namespace}/${service.name}/${service.file}${inEnvironment(service)}`;
}

/** `80→8080, 9090→✗`: where each port of the Service lands in this workload. */
function portsLabel(service: ServiceEntry, workload: WorkloadEntry): { label: string; broken: boolean } {
  let broken = false;
  const parts = service.ports.map((port) => {
    const target = targetOn(port, workload);
    if (target && !targetServes(target)) broken = true;
    const lands = !target || target.unknown ? '?' : target.resolved ? String(target.containerPort ?? port.targetPort) : '✗';
    return `${port.port ?? '?'}/${port.protocol}→${lands}${target && !target.ready ? ' (never ready)' : ''}`;
  });
  return { label: parts.join(', ') || 'no ports', broken };
}

export function buildGraph(report: ResolveReport): Graph {
  const nodes = new Map<string, GraphNode & { namespace: string }>();
  const ids = new Map<string, string>();
  const idOf = (key: string, prefix: string) => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = `${prefix}${ids.size}`));
    return id;
  };
  // a workload's name alone is ambiguous when the same one is in several files
  const names = new Map<string, Set<string>>();
  const allWorkloads = [...report.services.flatMap((s) => [...s.workloads, ...s.calledBy]), ...report.unselectedWorkloads, ...report.workloadEdges];
  for (const w of allWorkloads) {
    const name = `${w.kind}/${w.namespace}/${w.name}`;
    names.set(name, (names.get(name) ?? new Set()).add(w.file));
  }
  const unselected = new Set(report.unselectedWorkloads.map(workloadKey));
  const workloadNode = (workload: WorkloadLike): string => {
    const key = workloadKey(workload);
    const id = idOf(key, 'w');
    if (!nodes.has(key)) {
      const repeated = (names.get(`${workload.kind}/${workload.namespace}/${workload.name}`)?.size ?? 1) > 1;
      const label = `${workload.kind} ${workload.name}${workload.part ? ` (${workload.part})` : ''}${repeated && !workload.environment ? ` (${workload.file})` : ''}${inEnvironment(workload)}`;
      nodes.set(key, { id, kind: 'workload', label, broken: false, unselected: unselected.has(key), namespace: workload.namespace });
    }
    return id;
  };
  const edges: GraphEdge[] = [];
  for (const service of report.services) {
    const id = idOf(serviceKey(service), 's');
    // (pods an operator or the cluster makes are presumed, not missing)
    const broken = service.selector !== null && service.workloads.length === 0 && service.podsFrom === undefined;
    nodes.set(serviceKey(service), { id, kind: 'service', label: `Service ${service.name}${inEnvironment(service)}`, broken, unselected: false, namespace: service.namespace });
    for (const workload of service.workloads) {
      const to = workloadNode(workload);
      edges.push({ from: id, to, kind: 'routes', ...portsLabel(service, workload) });
    }
  }
  for (const workload of report.unselectedWorkloads) workloadNode(workload);
  for (const service of report.services) {
    const to = ids.get(serviceKey(service))!;
    const byCaller = new Map<string, string[]>();
    for (const caller of service.calledBy) {
      const from = workloadNode(caller);
      const sources = byCaller.get(from) ?? [];
      if (!sources.includes(caller.source)) sources.push(caller.source);
      byCaller.set(from, sources);
    }
    for (const [from, sources] of byCaller) edges.push({ from, to, kind: 'calls', label: sources.join(', '), broken: false });
  }

  // custom resources: one edge per resource, target and kind, its ways of pointing on one label
  const resourceEdges = new Map<string, { from: string; to: string; kind: GraphEdge['kind']; labels: string[]; broken: boolean }>();
  const resourceEdgeKinds = new Set<ResourceEdgeKind>();
  const resourceEdge = (edge: EdgeEntry, kind: ResourceEdgeKind | 'missing', to: string) => {
    const resourceKey = `${edge.kind}/${edge.namespace}/${edge.name}/${edge.file}`;
    const from = idOf(resourceKey, 'c');
    if (!nodes.has(resourceKey)) {
      nodes.set(resourceKey, { id: from, kind: 'resource', label: `${edge.kind} ${edge.name}`, broken: false, unselected: false, namespace: edge.namespace });
    }
    if (kind !== 'missing') resourceEdgeKinds.add(kind);
    const key = `${from}>${to}>${kind}`;
    const found = resourceEdges.get(key) ?? { from, to, kind, labels: [], broken: false };
    const text = describeEdge(edge);
    if (!found.labels.includes(text)) found.labels.push(text);
    found.broken ||= edge.broken;
    resourceEdges.set(key, found);
  };
  for (const service of report.services) {
    const to = ids.get(serviceKey(service))!;
    for (const [field] of SERVICE_EDGE_KINDS) for (const edge of service[field]) resourceEdge(edge, field, to);
  }
  for (const workload of report.workloadEdges) {
    const to = workloadNode(workload);
    for (const edge of workload.monitoredBy) resourceEdge(edge, 'monitoredBy', to);
    for (const edge of workload.scaledBy) resourceEdge(edge, 'scaledBy', to);
  }
  for (const edge of report.danglingEdges) {
    const { target } = edge;
    const key = `missing/${target.kind}/${target.namespace}/${target.name}`;
    const to = idOf(key, 'm');
    if (!nodes.has(key)) {
      nodes.set(key, { id: to, kind: 'missing', label: `${target.kind} ${target.name} (missing)`, broken: true, unselected: false, namespace: target.namespace });
    }
    resourceEdge(edge, 'missing', to);
  }
  for (const { labels, ...edge } of resourceEdges.values()) edges.push({ ...edge, label: labels.join(', ') });

  const namespaces = new Map<string, GraphNode[]>();
  for (const { namespace, ...node } of [...nodes.values()].sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0))) {
    namespaces.set(namespace, [...(namespaces.get(namespace) ?? []), node]);
  }
  return { namespaces, edges, resourceEdgeKinds };
}
