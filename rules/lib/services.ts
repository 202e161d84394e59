/** Message parts shared by the rules about references to Services. */
import { didYouMean, type Report } from '../../src/engine/rule.js';
import type { ModelIndex } from '../../src/index/index.js';
import type { PortTarget } from '../../src/index/resolver.js';
import type { ServiceLookup } from '../../src/index/service-graph.js';
import type { NodeRef, ObjectRef } from '../../src/model/object.js';
import type { ServicePortView, ServiceView } from '../../src/model/service.js';

/** `http 80, metrics 9090`: the ports of a Service, for messages. */
export function describeServicePorts(service: ServiceView): string {
  return service.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port ?? '?'}`).join(', ') || 'no ports';
}

/** `Cluster/pg (postgresql.cnpg.io/v1)`, and the rest counted. */
export function describeCreators(creators: readonly ObjectRef[]): string {
  const named = creators.slice(0, 2).map((c) => `${c.displayName} (${c.apiVersion})`);
  return creators.length > 2 ? `${named.join(', ')} and ${creators.length - 2} more` : named.join(' or ');
}

/**
 * `Service "api", which is not in namespace "shop"; did you mean "apis"?` — or, when custom
 * resources of the namespace may create it, which ones.
 */
export function missingServiceText(lookup: ServiceLookup): string {
  const base = `Service "${lookup.name}", which is not in namespace "${lookup.namespace}"`;
  if (lookup.creators.length > 0) return `${base}; it may be created by ${describeCreators(lookup.creators)}`;
  return lookup.suggestion ? `${base}; did you mean "${lookup.suggestion}"?` : base;
}

/** The quick fix of `missingServiceText`'s "did you mean": the name written at `at` replaced. */
export function missingServiceFix(at: NodeRef, lookup: ServiceLookup): Pick<Report, 'suggest'> {
  return lookup.creators.length > 0 ? {} : didYouMean(at, lookup.name, lookup.suggestion);
}

/**
 * ` (8080 is the container port behind its port 80; a route names the Service port)` when a
 * number given as a Service port is one of its targetPorts, or the container port one lands on.
 */
export function targetPortHint(index: ModelIndex, service: ServiceView, number: number, what: string): string {
  const direct = service.ports.find((p) => p.targetPort === number);
  const behind =
    direct ??
    index.resolver.resolve(service).ports.find(({ targets }) => targets.some((t) => t.resolved && t.containerPort === number))?.port;
  if (!behind) return '';
  const role = direct ? 'its targetPort' : 'the container port';
  return ` (${number} is ${role} behind port ${behind.port}; ${what} names the Service port)`;
}

/** Why a Service port lands on no serving pod: `Deployment/api has no port "http" (TCP)`. */
export function describeFailingTargets(targets: readonly PortTarget[], port: ServicePortView): string {
  return targets
    .map((target) => {
      const name = target.source.ref.displayName;
      if (!target.resolved) return `${name} has no container port "${port.targetPort}" (${port.protocol})`;
      const blocker = target.source.readinessBlockers()[0];
      return blocker ? `${name} never becomes ready (its ${blocker.probe.field} port cannot be resolved)` : `${name} does not serve it`;
    })
    .join('; ');
}
