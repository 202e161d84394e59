/**
 * Service → pod templates → container ports, as the EndpointSlice controller resolves them
 * (`FindPort`, k8s-semantics.md §4): a numeric targetPort is used as is; a named one is the
 * first container port with that name AND protocol, app containers first, then native sidecars.
 */
import type { ContainerPortView, ContainerView, PodSource } from '../model/pod-source.js';
import type { ServicePortView, ServiceView } from '../model/service.js';
import { inBuild, sameNamespaceByBuild, type Builds } from '../model/builds.js';
import { ALL_NAMESPACES, type LabelIndex } from './label-index.js';
import { nearestTo } from './nearest.js';

export interface PortTarget {
  readonly source: PodSource;
  readonly container?: ContainerView;
  readonly containerPort?: number;
  /** False when a named targetPort has no port of that name and protocol: those pods get no endpoint for it. */
  readonly resolved: boolean;
  /** Whether a container declares the port (always true for a resolved named port). */
  readonly declared: boolean;
  /**
   * Not declared, but the pods may have it: an operator or a kustomize patch adds containers
   * and ports the input does not show. Counted as resolved and declared: unknown is not wrong.
   */
  readonly unknown: boolean;
  /** For an unresolved named port: a container port of that name but another protocol. */
  readonly otherProtocol?: { readonly container: ContainerView; readonly port: ContainerPortView };
}

export interface ResolvedPort {
  readonly port: ServicePortView;
  readonly targets: readonly PortTarget[];
}

export interface ResolvedService {
  readonly service: ServiceView;
  /** Pod templates the selector reaches in the Service's namespace (none without a selector). */
  readonly workloads: readonly PodSource[];
  /**
   * The selected pod templates defined closest to the Service in the file tree: those whose
   * files share the longest directory prefix with the Service's file. A tree of alternative
   * examples or environments often reuses one namespace and one label set in folders that are
   * never applied together; port checks judge a Service by its own folder's workloads.
   */
  readonly nearest: readonly PodSource[];
  readonly ports: readonly ResolvedPort[];
}

/** The ports with their targets among the nearest workloads only: what port checks judge. */
export function nearestTargets(resolved: ResolvedService): ResolvedPort[] {
  return resolved.ports.map(({ port, targets }) => ({ port, targets: targets.filter((t) => resolved.nearest.includes(t.source)) }));
}

export class Resolver {
  /** By the Service's serial number: a table, not a hash map, for tens of thousands of Services. */
  private readonly resolved: (ResolvedService | undefined)[];

  /** `serviceCount`: how many Services the model has (their serial numbers are below it). */
  constructor(
    private readonly labels: LabelIndex,
    serviceCount: number,
    private readonly builds: Builds,
  ) {
    this.resolved = new Array<ResolvedService | undefined>(serviceCount);
  }

  /** Services whose resolution threw (a defect of this tool): each is taken to reach nothing. */
  readonly failures: { readonly service: ServiceView; readonly error: unknown }[] = [];

  /**
   * Takes over the resolutions of another resolver for the Services `unchanged` keeps (their
   * serial numbers are those of this resolver's model: the Services of a changed namespace are
   * the ones whose number may be stale). A resolution that threw is tried again, to be reported again.
   */
  reuse(previous: Resolver, unchanged: (service: ServiceView) => boolean): void {
    const failed = new Set(previous.failures.map((failure) => failure.service));
    for (const resolved of previous.resolved) {
      if (!resolved || failed.has(resolved.service) || !unchanged(resolved.service)) continue;
      const serial = resolved.service.serial;
      if (serial >= 0 && serial < this.resolved.length) this.resolved[serial] = resolved;
    }
  }

  resolve(service: ServiceView): ResolvedService {
    let resolved = this.resolved[service.serial];
    if (!resolved) {
      try {
        resolved = this.compute(service);
      } catch (error) {
        this.failures.push({ service, error });
        resolved = { service, workloads: NO_WORKLOADS, nearest: NO_WORKLOADS, ports: [] };
      }
      this.resolved[service.serial] = resolved;
    }
    return resolved;
  }

  private compute(service: ServiceView): ResolvedService {
    const workloads = service.selector && service.type !== 'ExternalName' ? this.select(service, service.selector) : NO_WORKLOADS;
    // (loops into arrays of the final size: this runs for every Service, and callbacks would
    // allocate a closure per Service and port)
    const ports = new Array<ResolvedPort>(service.ports.length);
    for (let p = 0; p < ports.length; p++) {
      const port = service.ports[p]!;
      const targets = new Array<PortTarget>(workloads.length);
      for (let w = 0; w < targets.length; w++) targets[w] = findPort(workloads[w]!, port);
      ports[p] = { port, targets };
    }
    // (an array: a handful of workloads at most, and one allocation fewer per Service)
    const nearest = workloads.length <= 1 ? workloads : nearestTo(service.ref.file.path, workloads, (w) => w.ref.file.path);
    return { service, workloads, nearest, ports };
  }

  /**
   * What a selector reaches from an object: pods of its namespace that some build applies with
   * it (kustomize overlays are alternatives), and pods a kustomization moves into its namespace.
   */
  select(from: SelectScope, selector: Readonly<Record<string, string>>): readonly PodSource[] {
    const file = from.ref.file;
    const found = this.labels.selectByMap(from.namespace, selector);
    if (!inBuild(file)) return found;
    const together = found.length === 0 ? found : found.filter((w) => this.builds.together(file, w.ref.file));
    if (together.length > 0 || !file.kustomize || file.kustomize.namespaceIn.size === 0) return together;
    return this.labels.selectByMap(ALL_NAMESPACES, selector).filter((w) => sameNamespaceByBuild(file, w.ref.file));
  }
}

const NO_WORKLOADS: readonly PodSource[] = [];

export interface SelectScope {
  readonly ref: { readonly file: import('../load/source.js').SourceFile };
  readonly namespace: string;
}

export function findPort(source: PodSource, servicePort: ServicePortView): PortTarget {
  const target = servicePort.targetPort;
  const protocol = servicePort.protocol;
  const containers = source.servingContainers;
  if (typeof target === 'number') {
    // a port whose number is not an integer (a schema finding) might be this one: no verdict
    let unknown = source.openPorts;
    for (const container of containers) {
      for (const port of container.ports) {
        if (port.containerPort === target && port.protocol === protocol) {
          return portTarget(source, container, target, true, true);
        }
        if (port.containerPort === undefined) unknown = true;
      }
    }
    return portTarget(source, undefined, target, true, unknown, undefined, source.openPorts);
  }
  // a targetPort of neither type (a schema finding) or a placeholder: no verdict
  if (typeof target !== 'string') return portTarget(source, undefined, undefined, true, true, undefined, true);
  let otherProtocol: PortTarget['otherProtocol'];
  for (const container of containers) {
    for (const port of container.ports) {
      if (port.name !== target) continue;
      if (port.protocol === protocol) {
        return portTarget(source, container, port.containerPort, true, true);
      }
      otherProtocol ??= { container, port };
    }
  }
  if (source.openPorts) return portTarget(source, undefined, undefined, true, true, undefined, true);
  return portTarget(source, undefined, undefined, false, false, otherProtocol);
}

/** Every target has all fields (some undefined): one object shape keeps the rules' code fast. */
function portTarget(
  source: PodSource,
  container: ContainerView | undefined,
  containerPort: number | undefined,
  resolved: boolean,
  declared: boolean,
  otherProtocol?: PortTarget['otherProtocol'],
  unknown = false,
): PortTarget {
  return { source, container, containerPort, resolved, declared, unknown, otherProtocol };
}
