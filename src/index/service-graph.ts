/**
 * The Service graph beyond Ingress and env values: Gateway API routes, Prometheus Operator
 * monitors, Istio destinations and subsets, Argo Rollouts Services and KEDA scale targets. Each
 * edge is resolved here once, with what is wrong with it; rules turn the problems into findings
 * and `resolve` shows the edges under the Services and workloads they reach, so the two never
 * disagree. A problem carries a short summary for `resolve`; rules write their own messages.
 *
 * Unknown is not wrong: a reference into a namespace the input holds nothing of, a host that
 * is not cluster-local, or a Service that a custom resource of its namespace may create is left
 * alone (or, for the last, at most a warning).
 */
import type { BackendRefView, ListenerView, ParentRefView, ReferenceGrantView, RouteView } from '../model/gateway-api.js';
import { GATEWAY_GROUP, isServiceRef } from '../model/gateway-api.js';
import type { DestinationRuleView, DestinationView, SubsetView, VirtualServiceView } from '../model/istio.js';
import type { ScaledObjectView } from '../model/keda.js';
import { formatRequirements, type Requirement } from '../model/label-selector.js';
import { isLiteralPortName, type MonitorEndpointView, type PodMonitorView, type ServiceMonitorView } from '../model/monitors.js';
import type { NodeRef, ObjectRef } from '../model/object.js';
import type { ContainerView, PodSource } from '../model/pod-source.js';
import { DISTINCT_ROLES, ROLLOUT_HASH_LABEL, type RolloutServiceRef, type RolloutView } from '../model/rollouts.js';
import type { ServicePortView, ServiceView } from '../model/service.js';
import { closest } from '../util/closest.js';
import { pushTo } from '../util/multimap.js';
import { podHasLabel } from './controller-labels.js';
import type { ModelIndex } from './index.js';
import { ALL_NAMESPACES } from './label-index.js';
import type { PortTarget } from './resolver.js';

/** Something wrong with an edge. */
export interface EdgeProblem {
  /** Stable within its edge kind: which check failed. */
  readonly code: string;
  /** A few words for `resolve` (`no port 8080`). */
  readonly summary: string;
  /** Milder than the rule's severity: what it points at may exist outside the input. */
  readonly warning?: boolean;
}

/** A Service name looked up where a reference points. */
export interface ServiceLookup {
  readonly namespace: string;
  readonly name: string;
  /**
   * A missing Service is known to be missing: the input holds a Service of that namespace
   * beside the referring object (in its folder) or one with a name a typo away. Otherwise the
   * namespace's Services are deployed from elsewhere (a folder of routes only; a platform
   * namespace whose Services an installer makes, such as istio-system's istiod).
   */
  readonly servicesKnown: boolean;
  /** When missing: a Service of that namespace with a close name. */
  readonly suggestion?: string;
  readonly service?: ServiceView;
  /** When missing: custom resources of the namespace that may create it. */
  readonly creators: readonly ObjectRef[];
  /** When missing: one of `creators` has a name the Service's starts with, so it is presumed generated. */
  readonly presumed: boolean;
}

/** `service-missing`, as a problem, when a lookup proves it (a warning when creators may make it). */
function missingService(lookup: ServiceLookup): EdgeProblem[] {
  if (lookup.service || !lookup.servicesKnown || lookup.presumed) return [];
  const summary = `no Service "${lookup.name}" in namespace "${lookup.namespace}"`;
  return [{ code: 'service-missing', summary, ...(lookup.creators.length > 0 ? { warning: true } : {}) }];
}

// Gateway API

export interface BackendCheck {
  readonly route: RouteView;
  readonly backend: BackendRefView;
  readonly lookup: ServiceLookup;
  readonly servicePort?: ServicePortView;
  /** `port-lands-nowhere`: the targets of the port among the Service's nearest workloads. */
  readonly failingTargets?: readonly PortTarget[];
  /** `not-granted`: the ReferenceGrants of the target namespace (none of which allows this). */
  readonly grants?: readonly ReferenceGrantView[];
  readonly problems: readonly EdgeProblem[];
}

export interface ParentCheck {
  readonly route: RouteView;
  readonly parent: ParentRefView;
  readonly namespace: string;
  /** The Gateway(s) of that name in the input (several copies in alternative folders). */
  readonly gateways: readonly ObjectRef[];
  /** For a Service parent (GAMMA): the Service. */
  readonly service?: ServiceView;
  readonly problems: readonly EdgeProblem[];
  /** `gateway-missing`: a Gateway of that namespace with a close name. */
  readonly suggestion?: string;
  /** `listener-missing`: every listener of the Gateway; `listener-refuses`: those the reference names. */
  readonly listeners?: readonly ListenerView[];
}

// Prometheus Operator

export interface EndpointProblem extends EdgeProblem {
  readonly endpoint: MonitorEndpointView;
  /** The field that is wrong: `port`, `portNumber` or `targetPort`. */
  readonly field: 'port' | 'portNumber' | 'targetPort';
  /** The names (or numbers) the selected objects do have. */
  readonly available: readonly string[];
  readonly suggestion?: string;
}

export interface MonitorCheck<T> {
  /** What the monitor selects: Services (ServiceMonitor) or pod templates (PodMonitor). */
  readonly selected: readonly T[];
  /** The namespaces judged (those the monitor looks in that the input holds). */
  readonly namespaces: readonly string[];
  /** `selects-nothing` first, then problems of endpoints. */
  readonly problems: readonly EdgeProblem[];
  readonly endpointProblems: readonly EndpointProblem[];
  /** `selects-nothing`: a label value of the namespace one typo from the selector's. */
  readonly hint?: { readonly key: string; readonly value: string; readonly closest: string };
  /** `selects-nothing` of a monitor that looks only in its own namespace: what matches in another. */
  readonly elsewhere?: { readonly namespace: string; readonly name: string };
}

// Istio

export interface DestinationCheck {
  readonly virtualService: VirtualServiceView;
  readonly destination: DestinationView;
  /** Undefined when the host is not a Kubernetes Service this tool judges. */
  readonly lookup?: ServiceLookup;
  readonly servicePort?: ServicePortView;
  /** The DestinationRules in the input for that Service's host. */
  readonly destinationRules: readonly DestinationRuleView[];
  readonly problems: readonly EdgeProblem[];
}

export interface SubsetProblem extends EdgeProblem {
  readonly subset: SubsetView;
}

export interface DestinationRuleCheck {
  readonly rule: DestinationRuleView;
  readonly lookup?: ServiceLookup;
  /** The pod templates the Service selects. */
  readonly workloads: readonly PodSource[];
  readonly problems: readonly EdgeProblem[];
  readonly subsetProblems: readonly SubsetProblem[];
}

// Argo Rollouts

export interface RolloutServiceCheck {
  readonly rollout: RolloutView;
  readonly reference: RolloutServiceRef;
  readonly lookup: ServiceLookup;
  /** The labels of the Rollout's pod template, when known. */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** `selector-mismatch`: selector labels the pods lack or have with another value. */
  readonly mismatches?: readonly { readonly key: string; readonly wanted: string; readonly actual?: string }[];
  readonly problems: readonly EdgeProblem[];
}

// KEDA

export interface ScaleTargetCheck {
  readonly scaledObject: ScaledObjectView;
  readonly found: readonly ObjectRef[];
  /** `target-missing`: a workload of that name but another kind. */
  readonly otherKind?: PodSource;
  /** The target's pod template, when the input has it. */
  readonly source?: PodSource;
  readonly suggestion?: string;
  readonly problems: readonly EdgeProblem[];
}

/** One edge as `resolve` shows it. */
export interface GraphEdge {
  readonly from: ObjectRef;
  /** Where it is written (its line in `resolve`). */
  readonly at: NodeRef;
  /** `backendRef`, `requestMirror`, `http route`, `endpoint`, `canary Service`, `scale target`… */
  readonly via: string;
  readonly port?: number | string;
  readonly subset?: string;
  readonly problems: readonly EdgeProblem[];
}

export type ServiceEdgeKind = 'routedBy' | 'monitoredBy' | 'configuredBy' | 'switchedBy';
export type WorkloadEdgeKind = 'monitoredBy' | 'scaledBy';

/** An edge to something the input lacks. */
export interface DanglingEdge extends GraphEdge {
  readonly target: { readonly kind: string; readonly namespace: string; readonly name: string };
}

const NO_PROBLEMS: readonly EdgeProblem[] = [];

export class ServiceGraph {
  private readonly backendChecks = new Map<RouteView, BackendCheck[]>();
  private destinationRulesByService?: Map<ServiceView, DestinationRuleView[]>;
  private serviceEdges?: Map<ServiceView, Map<ServiceEdgeKind, GraphEdge[]>>;
  private workloadEdges?: Map<PodSource, Map<WorkloadEdgeKind, GraphEdge[]>>;
  private dangling?: DanglingEdge[];

  constructor(private readonly index: ModelIndex) {}

  /**
   * A Service by name as seen from object `from`, with what is known when it is missing: whether
   * a custom resource makes it, or may (ModelIndex.whyNoService decides, as for every reference).
   */
  lookupService(namespace: string, name: string, from: ObjectRef): ServiceLookup {
    const service = this.index.service(namespace, name, from.file);
    if (service) return { namespace, name, servicesKnown: true, service, creators: [], presumed: false };
    const unresolved = this.index.whyNoService(from, namespace, name);
    const presumed = unresolved?.kind === 'made' || unresolved?.kind === 'outside';
    const creators = unresolved?.kind === 'maybe' ? unresolved.makers.map((m) => m.ref) : [];
    const suggestion = closest(name, this.index.serviceNamesIn(namespace));
    const servicesKnown = suggestion !== undefined || this.index.hasServicesBeside(namespace, from.file.path);
    return { namespace, name, servicesKnown, creators, presumed, ...(suggestion ? { suggestion } : {}) };
  }

  // --- Gateway API

  /** Every Service backendRef of a route, resolved. */
  backends(route: RouteView): readonly BackendCheck[] {
    let checks = this.backendChecks.get(route);
    if (!checks) {
      checks = route.backendRefs.filter(isServiceRef).map((backend) => this.checkBackend(route, backend));
      this.backendChecks.set(route, checks);
    }
    return checks;
  }

  private checkBackend(route: RouteView, backend: BackendRefView): BackendCheck {
    const namespace = route.namespaceOf(backend);
    const lookup = this.lookupService(namespace, backend.name, route.ref);
    // a backend with weight 0 gets no traffic: a missing one is only a warning
    const problems = missingService(lookup).map((p) => (backend.weightZero ? { ...p, warning: true } : p));
    // a grant lives beside the Service it opens: judged only when the input holds that Service;
    // mesh routes (attached to Services only) need none
    let grants: readonly ReferenceGrantView[] | undefined;
    if (namespace !== route.namespace && lookup.service && !route.meshOnly) {
      const inNamespace = this.index.referenceGrantsIn(namespace);
      if (!inNamespace.some((grant) => grant.allowsService(route.ref.kind, route.namespace, backend.name))) {
        grants = inNamespace;
        problems.push({ code: 'not-granted', summary: `no ReferenceGrant in "${namespace}" allows it` });
      }
    }
    const checked = (more?: Pick<BackendCheck, 'servicePort' | 'failingTargets'>): BackendCheck => ({ route, backend, lookup, problems, ...(grants ? { grants } : {}), ...more });
    const service = lookup.service;
    // (a port written but not an integer is the CRD schema's to reject: not judged here)
    if (!service || (backend.portWritten && backend.port === undefined)) return checked();
    if (!backend.portWritten) {
      problems.push({ code: 'port-missing', summary: 'no port given' });
      return checked();
    }
    const servicePort = service.ports.find((p) => p.port === backend.port);
    if (!servicePort) {
      problems.push({ code: 'port-unknown', summary: `no port ${backend.port}` });
      return checked();
    }
    const failingTargets = this.landsNowhere(service, servicePort);
    if (!failingTargets) return checked({ servicePort });
    problems.push({ code: 'port-lands-nowhere', summary: `port ${backend.port} reaches no pods` });
    return checked({ servicePort, failingTargets });
  }

  /**
   * The targets of a Service port when none of them serves (judged among the Service's nearest
   * workloads, as the port rules judge it); undefined when it serves or there is nothing to judge.
   */
  landsNowhere(service: ServiceView, port: ServicePortView): readonly PortTarget[] | undefined {
    const resolved = this.index.resolver.resolve(service);
    if (resolved.nearest.length === 0) return undefined;
    const targets = resolved.ports.find((p) => p.port === port)?.targets;
    if (!targets) return undefined;
    // (a loop: this runs for every route backend, and nearly always the first target serves)
    let judged = false;
    for (const target of targets) {
      if (!resolved.nearest.includes(target.source)) continue;
      judged = true;
      if (target.resolved && (service.publishNotReadyAddresses || !neverReady(target.source))) return undefined;
    }
    return judged ? targets.filter((t) => resolved.nearest.includes(t.source)) : undefined;
  }

  /** A parentRef: the Gateway's listener (sectionName, port) or the Service's port it names. */
  parent(route: RouteView, parent: ParentRefView): ParentCheck {
    const namespace = route.namespaceOf(parent);
    if (isServiceRef(parent)) return this.checkServiceParent(route, parent, namespace);
    if (parent.group !== GATEWAY_GROUP || parent.kind !== 'Gateway') return { route, parent, namespace, gateways: [], problems: NO_PROBLEMS };
    const gateways = this.index.gateways(namespace, parent.name, route.ref.file.path);
    if (gateways.length === 0) {
      // Gateways are often shared and deployed from elsewhere: a missing one is a finding only
      // when a Gateway of that namespace has a name one typo away
      const others = this.index.gatewayNamesIn(namespace);
      const suggestion = others.length > 0 ? closest(parent.name, others) : undefined;
      if (!suggestion) return { route, parent, namespace, gateways: [], problems: NO_PROBLEMS };
      return {
        route,
        parent,
        namespace,
        gateways: [],
        problems: [{ code: 'gateway-missing', summary: `no Gateway "${parent.name}"` }],
        suggestion,
      };
    }
    const gateway = gateways[0]!;
    const listeners = gateway.listeners.filter(
      (l) => (parent.sectionName === undefined || l.name === parent.sectionName) && (parent.port === undefined || l.port === parent.port),
    );
    const refs = gateways.map((g) => g.ref);
    if (parent.sectionName === undefined && parent.port === undefined && gateway.listeners.length === 0) {
      return { route, parent, namespace, gateways: refs, problems: NO_PROBLEMS };
    }
    if (listeners.length === 0) {
      const what = [parent.sectionName !== undefined ? `"${parent.sectionName}"` : '', parent.port !== undefined ? `on port ${parent.port}` : ''].filter(Boolean).join(' ');
      return { route, parent, namespace, gateways: refs, listeners: gateway.listeners, problems: [{ code: 'listener-missing', summary: `no listener ${what}` }] };
    }
    const accepting = listeners.filter(
      (l) =>
        // (a namespace Selector cannot be judged without the namespaces' labels: taken to accept)
        (l.allowedFrom !== 'Same' || namespace === route.namespace) &&
        (!l.allowedKinds || l.allowedKinds.some((k) => k.group === GATEWAY_GROUP && k.kind === route.ref.kind)),
    );
    if (accepting.length === 0) {
      return {
        route,
        parent,
        namespace,
        gateways: refs,
        listeners,
        problems: [{ code: 'listener-refuses', summary: `does not accept ${route.ref.kind}s from "${route.namespace}"` }],
      };
    }
    return { route, parent, namespace, gateways: refs, problems: NO_PROBLEMS };
  }

  private checkServiceParent(route: RouteView, parent: ParentRefView, namespace: string): ParentCheck {
    const lookup = this.lookupService(namespace, parent.name, route.ref);
    const service = lookup.service;
    if (!service) return { route, parent, namespace, gateways: [], problems: missingService(lookup) };
    const port = service.ports.find(
      (p) => (parent.sectionName === undefined || p.name === parent.sectionName) && (parent.port === undefined || p.port === parent.port),
    );
    if (port || (parent.sectionName === undefined && parent.port === undefined)) return { route, parent, namespace, gateways: [], service, problems: NO_PROBLEMS };
    const what = [parent.sectionName !== undefined ? `"${parent.sectionName}"` : '', parent.port !== undefined ? String(parent.port) : ''].filter(Boolean).join(' ');
    return { route, parent, namespace, gateways: [], service, problems: [{ code: 'service-port-missing', summary: `no port ${what}` }] };
  }

  // --- Prometheus Operator

  /** The namespaces a monitor looks in that the input holds. */
  private monitorNamespaces(monitor: ServiceMonitorView | PodMonitorView): string[] {
    const namespaces = this.index.namespaces;
    return monitor.namespaces.any ? [...namespaces] : monitor.namespaces.names.filter((ns) => namespaces.has(ns));
  }

  /**
   * Whether "selects nothing" is proven: the monitor names its namespaces (not `any`), the input
   * describes them (objects of the selected kind there beside the monitor, in its folder, or a
   * selector value a typo from one there), and no custom resource there may create them.
   */
  private selectsNothing(monitor: ServiceMonitorView | PodMonitorView, namespaces: readonly string[], described: (namespace: string) => boolean, typo: boolean): boolean {
    if (monitor.namespaces.any || namespaces.length === 0) return false;
    if (!typo && !namespaces.some(described)) return false;
    return !this.creatorsIn(namespaces);
  }

  /** Whether custom resources that may create pods or Services are in any of these namespaces. */
  private creatorsIn(namespaces: readonly string[]): boolean {
    return namespaces.some((ns) => this.index.possibleCreatorsIn(ns).length > 0);
  }

  private ownNamespaceOnly(monitor: ServiceMonitorView | PodMonitorView): boolean {
    return !monitor.namespaces.any && monitor.namespaces.own;
  }

  /**
   * The check of a monitor that selects nothing: `selects-nothing` only when that is proven,
   * with a typo hint and, for a monitor looking only in its own namespace, what matches elsewhere.
   */
  private selectedNothing<T>(
    monitor: ServiceMonitorView | PodMonitorView,
    namespaces: readonly string[],
    selects: string,
    lookups: {
      readonly described: (namespace: string) => boolean;
      readonly closestValue: (namespace: string, key: string, value: string) => string | undefined;
      readonly anywhere: () => ObjectRef | undefined;
    },
  ): MonitorCheck<T> {
    const nothing: MonitorCheck<T> = { selected: [], namespaces, problems: [], endpointProblems: [] };
    const hint = this.selectorHint(monitor.selector, namespaces, lookups.closestValue);
    if (!this.selectsNothing(monitor, namespaces, lookups.described, hint !== undefined)) return nothing;
    const other = this.ownNamespaceOnly(monitor) ? lookups.anywhere() : undefined;
    const problem = { code: 'selects-nothing', summary: `selects no ${selects} (${formatRequirements(monitor.selector) || 'any labels'})` };
    return {
      ...nothing,
      problems: [problem],
      ...(hint ? { hint } : {}),
      ...(other ? { elsewhere: { namespace: other.namespace, name: other.displayName } } : {}),
    };
  }

  /** A typo hint for a selector that selects nothing: a value of one of its labels, one edit away. */
  private selectorHint(
    selector: readonly Requirement[],
    namespaces: readonly string[],
    closestValue: (namespace: string, key: string, value: string) => string | undefined,
  ): MonitorCheck<unknown>['hint'] {
    for (const requirement of selector) {
      if (requirement.operator !== 'In' || requirement.values.length !== 1) continue;
      for (const namespace of namespaces) {
        const near = closestValue(namespace, requirement.key, requirement.values[0]!);
        if (near !== undefined) return { key: requirement.key, value: requirement.values[0]!, closest: near };
      }
    }
    return undefined;
  }

  serviceMonitor(monitor: ServiceMonitorView): MonitorCheck<ServiceView> {
    const namespaces = this.monitorNamespaces(monitor);
    if (monitor.selectorMalformed) return { selected: [], namespaces, problems: [], endpointProblems: [] };
    const labels = this.index.serviceLabels;
    const selected = namespaces.flatMap((ns) => labels.select(ns, monitor.selector));
    const endpointProblems: EndpointProblem[] = [];
    if (selected.length === 0) {
      return this.selectedNothing(monitor, namespaces, 'Service', {
        described: (ns) => this.index.hasServicesBeside(ns, monitor.ref.file.path),
        closestValue: (ns, key, value) => labels.closestValue(ns, key, value),
        anywhere: () => [...this.index.namespaces].flatMap((ns) => labels.select(ns, monitor.selector))[0]?.ref,
      });
    }
    // custom resources of those namespaces may make more Services, with other ports: not judged
    if (this.creatorsIn(namespaces)) return { selected, namespaces, problems: [], endpointProblems };
    for (const endpoint of monitor.endpoints) {
      if (endpoint.port !== undefined) {
        const name = endpoint.port;
        if (!isLiteralPortName(name) || selected.some((s) => s.ports.some((p) => p.name === name))) continue;
        const portNames = unique(selected.flatMap((s) => s.ports.flatMap((p) => (p.name ? [p.name] : []))));
        endpointProblems.push(portProblem(endpoint, 'port', name, portNames, `no Service port "${name}"`));
      } else if (endpoint.targetPort !== undefined) {
        const pods = unique(selected.flatMap((s) => this.index.resolver.resolve(s).workloads));
        const problem = containerPortProblem(endpoint, 'targetPort', endpoint.targetPort, pods, allContainers);
        if (problem) endpointProblems.push(problem);
      }
    }
    return { selected, namespaces, problems: endpointProblems, endpointProblems };
  }

  podMonitor(monitor: PodMonitorView): MonitorCheck<PodSource> {
    const namespaces = this.monitorNamespaces(monitor);
    if (monitor.selectorMalformed) return { selected: [], namespaces, problems: [], endpointProblems: [] };
    const labels = this.index.labels;
    const selected = monitor.namespaces.any
      ? labels.selectByRequirements(ALL_NAMESPACES, monitor.selector)
      : namespaces.flatMap((ns) => labels.selectByRequirements(ns, monitor.selector));
    const endpointProblems: EndpointProblem[] = [];
    if (selected.length === 0) {
      return this.selectedNothing(monitor, namespaces, 'pods', {
        described: (ns) => this.index.hasWorkloadsBeside(ns, monitor.ref.file.path),
        closestValue: (ns, key, value) => labels.closestValue(ns, key, value),
        anywhere: () => labels.selectByRequirements(ALL_NAMESPACES, monitor.selector)[0]?.ref,
      });
    }
    // custom resources of those namespaces may run more pods, with other ports: not judged
    if (this.creatorsIn(monitor.namespaces.any ? [...this.index.namespaces] : namespaces)) return { selected, namespaces, problems: [], endpointProblems };
    for (const endpoint of monitor.endpoints) {
      // the operator uses `port`, else `portNumber`, else the deprecated `targetPort`
      const [field, value] =
        endpoint.port !== undefined
          ? (['port', endpoint.port] as const)
          : endpoint.portNumber !== undefined
            ? (['portNumber', endpoint.portNumber] as const)
            : endpoint.targetPort !== undefined
              ? (['targetPort', endpoint.targetPort] as const)
              : [undefined, undefined];
      if (field === undefined || (typeof value === 'string' && !isLiteralPortName(value))) continue;
      const problem = containerPortProblem(endpoint, field, value, selected, allContainers);
      if (problem) endpointProblems.push(problem);
    }
    return { selected, namespaces, problems: endpointProblems, endpointProblems };
  }

  // --- Istio

  /** The DestinationRules in the input whose host is that Service. */
  destinationRulesOf(service: ServiceView): readonly DestinationRuleView[] {
    if (!this.destinationRulesByService) {
      this.destinationRulesByService = new Map();
      for (const rule of this.index.model.destinationRules) {
        const target = rule.target;
        if (target.form !== 'service') continue;
        const found = this.index.service(target.namespace, target.service, rule.ref.file);
        if (found) pushTo(this.destinationRulesByService, found, rule);
      }
    }
    return this.destinationRulesByService.get(service) ?? [];
  }

  destination(virtualService: VirtualServiceView, destination: DestinationView): DestinationCheck {
    const target = destination.target;
    const none = { virtualService, destination, destinationRules: [], problems: NO_PROBLEMS };
    if (target.form === 'other' || this.index.model.meshHosts.has(destination.host.toLowerCase())) return none;
    const lookup = this.lookupService(target.namespace, target.service, virtualService.ref);
    const service = lookup.service;
    if (target.form === 'unexpanded') {
      // meant as that Service, but Pilot takes a dotted host as written: only the FQDN is found
      if (!service) return none;
      const problems = [{ code: 'host-unexpanded', summary: `"${destination.host}" is not expanded; use ${target.fqdn}`, warning: true }];
      return { virtualService, destination, lookup, destinationRules: this.destinationRulesOf(service), problems };
    }
    const problems = missingService(lookup);
    if (!service) return { virtualService, destination, lookup, destinationRules: [], problems };
    const destinationRules = this.destinationRulesOf(service);
    let servicePort: ServicePortView | undefined;
    if (destination.port !== undefined) {
      servicePort = service.ports.find((p) => p.port === destination.port);
      if (!servicePort) problems.push({ code: 'port-unknown', summary: `no port ${destination.port}` });
    } else if (service.ports.length > 1 && !virtualService.appliesToMesh) {
      problems.push({ code: 'port-required', summary: 'no port given, and it has several', warning: true });
    }
    if (destination.subset !== undefined && !destinationRules.some((r) => r.subsets.some((s) => s.name === destination.subset))) {
      const summary = `no DestinationRule defines subset "${destination.subset}"`;
      problems.push({ code: 'subset-unknown', summary, ...(destinationRules.length === 0 ? { warning: true } : {}) });
    }
    return { virtualService, destination, lookup, ...(servicePort ? { servicePort } : {}), destinationRules, problems };
  }

  destinationRule(rule: DestinationRuleView): DestinationRuleCheck {
    const target = rule.target;
    const none = { rule, workloads: [], problems: NO_PROBLEMS, subsetProblems: [] };
    if (target.form !== 'service' || !rule.host || this.index.model.meshHosts.has(rule.host.toLowerCase())) return none;
    const lookup = this.lookupService(target.namespace, target.service, rule.ref);
    const service = lookup.service;
    if (!service) return { ...none, lookup, problems: missingService(lookup) };
    const workloads = this.index.resolver.resolve(service).workloads;
    const subsetProblems: SubsetProblem[] = [];
    if (workloads.length > 0) {
      for (const subset of rule.subsets) {
        const keys = Object.keys(subset.labels).filter((key) => key !== ROLLOUT_HASH_LABEL);
        if (workloads.some((w) => keys.every((key) => podHasLabel(w, key, subset.labels[key]!)))) continue;
        subsetProblems.push({ code: 'subset-no-pods', subset, summary: `subset "${subset.name}" selects none of its pods` });
      }
    }
    return { rule, lookup, workloads, problems: subsetProblems, subsetProblems };
  }

  // --- Argo Rollouts

  /** The labels of a Rollout's pods: its template's, or its workloadRef's template's. */
  rolloutPodLabels(rollout: RolloutView): Readonly<Record<string, string>> | undefined {
    if (rollout.templateLabels) return rollout.templateLabels;
    const ref = rollout.workloadRef;
    if (!ref) return undefined;
    const sources = this.index.workloads(ref.kind, rollout.namespace, ref.name);
    return sources.length > 0 ? sources[0]!.labels : undefined;
  }

  rolloutService(rollout: RolloutView, reference: RolloutServiceRef): RolloutServiceCheck {
    const lookup = this.lookupService(rollout.namespace, reference.name, rollout.ref);
    const problems = missingService(lookup);
    for (const [first, second] of DISTINCT_ROLES) {
      const other = reference.role === second ? rollout.services.find((s) => s.role === first) : undefined;
      if (other && other.name === reference.name) problems.push({ code: 'same-service', summary: `also its ${first} Service` });
    }
    const podLabels = this.rolloutPodLabels(rollout);
    const service = lookup.service;
    if (!service || !podLabels) return { rollout, reference, lookup, problems, ...(podLabels ? { podLabels } : {}) };
    const mismatches = Object.entries(service.selector ?? {})
      .filter(([key, wanted]) => key !== ROLLOUT_HASH_LABEL && podLabels[key] !== wanted)
      .map(([key, wanted]) => ({ key, wanted, ...(podLabels[key] !== undefined ? { actual: podLabels[key] } : {}) }));
    if (mismatches.length > 0) problems.push({ code: 'selector-mismatch', summary: `selects ${mismatches.map((m) => `${m.key}=${m.wanted}`).join(', ')}, not its pods` });
    return { rollout, reference, lookup, podLabels, problems, ...(mismatches.length > 0 ? { mismatches } : {}) };
  }

  // --- KEDA

  scaleTarget(scaledObject: ScaledObjectView): ScaleTargetCheck | undefined {
    const target = scaledObject.target;
    if (!target) return undefined;
    const namespace = scaledObject.namespace;
    const found = this.index.objects(target.kind, namespace, target.name);
    if (found.length === 0) {
      // known missing: a workload of the namespace beside the ScaledObject, or one a typo away
      const creators = this.index.possibleCreatorsIn(namespace);
      if (creators.some((c) => target.name.startsWith(c.name))) return { scaledObject, found, problems: NO_PROBLEMS };
      const sources = this.index.labels.sourcesIn(namespace);
      const suggestion = closest(target.name, sources.filter((s) => s.kind === target.kind).map((s) => s.name));
      const otherKind = sources.find((s) => s.name === target.name);
      if (!suggestion && !otherKind && !this.index.hasWorkloadsBeside(namespace, scaledObject.ref.file.path)) return { scaledObject, found, problems: NO_PROBLEMS };
      return {
        scaledObject,
        found,
        problems: [{ code: 'target-missing', summary: `no ${target.kind} "${target.name}"` }],
        ...(suggestion ? { suggestion } : {}),
        ...(otherKind ? { otherKind } : {}),
      };
    }
    const source = this.index.workloads(target.kind, namespace, target.name)[0];
    const container = target.envSourceContainerName;
    const problems =
      source && container !== undefined && !source.containers.some((c) => c.name === container)
        ? [{ code: 'env-container-missing', summary: `no container "${container}"` }]
        : NO_PROBLEMS;
    return { scaledObject, found, ...(source ? { source } : {}), problems };
  }

  // --- the edges, for `resolve`

  /** The edges into a Service, by kind. */
  edgesTo(service: ServiceView): ReadonlyMap<ServiceEdgeKind, readonly GraphEdge[]> {
    this.collectEdges();
    return this.serviceEdges!.get(service) ?? (NO_EDGES as ReadonlyMap<ServiceEdgeKind, readonly GraphEdge[]>);
  }

  /** The edges into a pod template (PodMonitors, ScaledObjects), by kind. */
  edgesToWorkload(source: PodSource): ReadonlyMap<WorkloadEdgeKind, readonly GraphEdge[]> {
    this.collectEdges();
    return this.workloadEdges!.get(source) ?? (NO_EDGES as ReadonlyMap<WorkloadEdgeKind, readonly GraphEdge[]>);
  }

  /** Workloads that some PodMonitor or ScaledObject points at. */
  workloadsWithEdges(): readonly PodSource[] {
    this.collectEdges();
    return [...this.workloadEdges!.keys()];
  }

  /** Edges to Services and workloads the input lacks (those proven missing). */
  danglingEdges(): readonly DanglingEdge[] {
    this.collectEdges();
    return this.dangling!;
  }

  private collectEdges(): void {
    if (this.serviceEdges) return;
    const services = new Map<ServiceView, Map<ServiceEdgeKind, GraphEdge[]>>();
    const workloads = new Map<PodSource, Map<WorkloadEdgeKind, GraphEdge[]>>();
    const dangling: DanglingEdge[] = [];
    const add = <K, T>(table: Map<T, Map<K, GraphEdge[]>>, target: T, kind: K, edge: GraphEdge) => {
      let byKind = table.get(target);
      if (!byKind) table.set(target, (byKind = new Map()));
      pushTo(byKind, kind, edge);
    };
    const toService = (kind: ServiceEdgeKind, lookup: ServiceLookup | undefined, edge: GraphEdge) => {
      if (lookup?.service) add(services, lookup.service, kind, edge);
      else if (lookup && edge.problems.some((p) => p.code === 'service-missing')) {
        dangling.push({ ...edge, target: { kind: 'Service', namespace: lookup.namespace, name: lookup.name } });
      }
    };
    const model = this.index.model;
    for (const route of model.routes) {
      for (const check of this.backends(route)) {
        const { backend } = check;
        toService('routedBy', check.lookup, { from: route.ref, at: route.ref.at(...backend.path), via: backend.via, ...(backend.port !== undefined ? { port: backend.port } : {}), problems: check.problems });
      }
    }
    for (const virtualService of model.virtualServices) {
      for (const destination of virtualService.destinations) {
        const check = this.destination(virtualService, destination);
        const { port, subset } = destination;
        toService('routedBy', check.lookup, {
          from: virtualService.ref,
          at: virtualService.ref.at(...destination.path, 'host'),
          via: destination.via,
          ...(port !== undefined ? { port } : {}),
          ...(subset !== undefined ? { subset } : {}),
          problems: check.problems,
        });
      }
    }
    for (const monitor of model.serviceMonitors) {
      const check = this.serviceMonitor(monitor);
      for (const service of check.selected) {
        for (const endpoint of monitor.endpoints) {
          const problems = check.endpointProblems.filter((p) => p.endpoint === endpoint);
          const port = endpoint.port ?? endpoint.targetPort;
          // an endpoint scrapes only the selected Services that have its port
          if (problems.length === 0 && endpoint.port !== undefined && isLiteralPortName(endpoint.port) && !service.ports.some((p) => p.name === endpoint.port)) continue;
          add(services, service, 'monitoredBy', { from: monitor.ref, at: monitor.ref.at(...endpoint.path), via: 'endpoint', ...(port !== undefined ? { port } : {}), problems });
        }
      }
    }
    for (const rule of model.destinationRules) {
      const check = this.destinationRule(rule);
      toService('configuredBy', check.lookup, { from: rule.ref, at: rule.ref.at('spec', 'host'), via: subsetsVia(rule), problems: check.problems });
    }
    for (const rollout of model.rollouts) {
      for (const reference of rollout.services) {
        const check = this.rolloutService(rollout, reference);
        toService('switchedBy', check.lookup, { from: rollout.ref, at: rollout.ref.at(...reference.path), via: `${reference.role} Service`, problems: check.problems });
      }
    }
    for (const monitor of model.podMonitors) {
      const check = this.podMonitor(monitor);
      for (const source of check.selected) {
        for (const endpoint of monitor.endpoints) {
          const problems = check.endpointProblems.filter((p) => p.endpoint === endpoint);
          const port = endpoint.port ?? endpoint.portNumber ?? endpoint.targetPort;
          add(workloads, source, 'monitoredBy', { from: monitor.ref, at: monitor.ref.at(...endpoint.path), via: 'endpoint', ...(port !== undefined ? { port } : {}), problems });
        }
      }
    }
    for (const scaledObject of model.scaledObjects) {
      const check = this.scaleTarget(scaledObject);
      if (!check) continue;
      const target = scaledObject.target!;
      const edge = { from: scaledObject.ref, at: scaledObject.ref.at('spec', 'scaleTargetRef', 'name'), via: 'scale target', problems: check.problems };
      if (check.source) add(workloads, check.source, 'scaledBy', edge);
      else if (check.found.length === 0 && check.problems.length > 0) dangling.push({ ...edge, target: { kind: target.kind, namespace: scaledObject.namespace, name: target.name } });
    }
    this.serviceEdges = services;
    this.workloadEdges = workloads;
    this.dangling = dangling;
  }
}

const NO_EDGES: ReadonlyMap<string, readonly GraphEdge[]> = new Map();

function subsetsVia(rule: DestinationRuleView): string {
  return rule.subsets.length > 0 ? `subsets ${rule.subsets.map((s) => s.name).join(', ')}` : 'traffic policy';
}

/** Whether a readiness or startup probe keeps the pods from ever becoming ready. */
function neverReady(source: PodSource): boolean {
  return source.servingContainers.some((c) => c.probeProblems.length > 0) && source.readinessBlockers().length > 0;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function allContainers(source: PodSource): readonly ContainerView[] {
  return source.containers;
}

/** A named port that none of the selected objects has, with a did-you-mean. */
function portProblem(endpoint: MonitorEndpointView, field: EndpointProblem['field'], name: string, available: readonly string[], summary: string): EndpointProblem {
  const suggestion = closest(name, available);
  return { code: 'port-unknown', summary, endpoint, field, available, ...(suggestion ? { suggestion } : {}) };
}

/**
 * A container port (by name, or a declared number) that no container of the pods has, or
 * undefined when one has it or a port of unknown number might be it.
 */
function containerPortProblem(
  endpoint: MonitorEndpointView,
  field: EndpointProblem['field'],
  value: number | string,
  pods: readonly PodSource[],
  containersOf: (source: PodSource) => readonly ContainerView[],
): EndpointProblem | undefined {
  if (pods.length === 0) return undefined;
  const ports = pods.flatMap((pod) => containersOf(pod).flatMap((c) => c.ports));
  if (typeof value === 'string') {
    const names = unique(ports.flatMap((p) => (p.name ? [p.name] : [])));
    return names.includes(value) ? undefined : portProblem(endpoint, field, value, names, `no container port "${value}"`);
  }
  if (ports.some((p) => p.containerPort === value || p.containerPort === undefined)) return undefined;
  const numbers = unique(ports.map((p) => String(p.containerPort)));
  return { code: 'port-undeclared', summary: `no container port ${value}`, endpoint, field, available: numbers };
}
