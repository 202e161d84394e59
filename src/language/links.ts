/**
 * Every place in the workspace that points at another object, and where it points: a Service's
 * selector at the pod templates it selects, a named targetPort at the container ports it lands
 * on, an Ingress, route or Istio backend at its Service, an env value at the Service it calls…
 * Go-to-definition follows a link from under the cursor; find-references follows them backwards.
 * Built from the index and the Service graph, so it always agrees with the findings and
 * `resolve`.
 */
import type { ModelIndex } from '../index/index.js';
import { findPort } from '../index/resolver.js';
import type { Path } from '../load/positions.js';
import type { SourceFile } from '../load/source.js';
import type { Model } from '../model/model.js';
import type { NodeRef, ObjectRef } from '../model/object.js';
import type { PodSource } from '../model/pod-source.js';
import type { PodSelectorView } from '../model/policy.js';
import type { ServicePortView, ServiceView } from '../model/service.js';
import { pushTo } from '../util/multimap.js';

/** A place a link leads to, with the object it is in. */
export interface LinkTarget {
  readonly object: ObjectRef;
  /** The path inside the document (as in NodeRef). */
  readonly path: Path;
  readonly at: NodeRef;
}

export interface Link {
  /** The object the link is written in. */
  readonly from: ObjectRef;
  /** Where it is written: a path inside the document; the cursor anywhere below it follows the link. */
  readonly path: Path;
  readonly targets: readonly LinkTarget[];
}

export class Links {
  private readonly byFile = new Map<SourceFile, Link[]>();
  private readonly byTarget = new Map<ObjectRef, Link[]>();

  constructor(model: Model, index: ModelIndex) {
    const add = (from: ObjectRef, path: readonly (string | number)[], targets: readonly LinkTarget[]) => {
      if (targets.length === 0) return;
      const link: Link = { from, path: [...from.base, ...path], targets };
      pushTo(this.byFile, from.file, link);
      for (const object of new Set(targets.map((t) => t.object))) pushTo(this.byTarget, object, link);
    };
    for (const service of model.services) {
      const resolved = index.resolver.resolve(service);
      add(service.ref, ['spec', 'selector'], resolved.workloads.map(templateLabels));
      for (const { port, targets } of resolved.ports) {
        if (!port.targetPortGiven) continue;
        add(service.ref, ['spec', 'ports', port.index, 'targetPort'], targets.flatMap((t) => containerPorts(t.source, port)));
      }
    }
    for (const source of model.podSources) {
      for (const reference of source.references) {
        const service = index.resolveReference(source, reference).service;
        if (service) add(source.ref, reference.path, [serviceTarget(service), ...servicePortTargets(service, (p) => p.port === reference.port)]);
      }
      if (source.kind === 'StatefulSet' && source.serviceName) {
        const service = index.service(source.namespace, source.serviceName, source.ref.file);
        if (service) add(source.ref, ['spec', 'serviceName'], [serviceTarget(service)]);
      }
    }
    for (const ingress of model.ingresses) {
      for (const backend of ingress.backends) {
        if (!backend.serviceName) continue;
        const service = index.service(ingress.namespace, backend.serviceName, ingress.ref.file);
        if (!service) continue;
        add(ingress.ref, [...backend.path, ...(backend.legacy ? ['serviceName'] : ['service', 'name'])], [serviceTarget(service)]);
        const port = backend.legacy ? ['servicePort'] : ['service', 'port'];
        add(ingress.ref, [...backend.path, ...port], servicePortTargets(service, (p) => (backend.portName !== undefined ? p.name === backend.portName : p.port === backend.portNumber)));
      }
    }
    const graph = index.graph;
    for (const route of model.routes) {
      for (const check of graph.backends(route)) {
        const service = check.lookup.service;
        if (!service) continue;
        add(route.ref, [...check.backend.path, 'name'], [serviceTarget(service)]);
        add(route.ref, [...check.backend.path, 'port'], check.servicePort ? [servicePortTarget(service, check.servicePort)] : []);
      }
    }
    for (const virtualService of model.virtualServices) {
      for (const destination of virtualService.destinations) {
        const check = graph.destination(virtualService, destination);
        const service = check.lookup?.service;
        if (!service) continue;
        add(virtualService.ref, [...destination.path, 'host'], [serviceTarget(service)]);
        add(virtualService.ref, [...destination.path, 'port'], check.servicePort ? [servicePortTarget(service, check.servicePort)] : []);
      }
    }
    for (const rule of model.destinationRules) {
      const service = graph.destinationRule(rule).lookup?.service;
      if (service) add(rule.ref, ['spec', 'host'], [serviceTarget(service)]);
    }
    for (const monitor of model.serviceMonitors) {
      add(monitor.ref, ['spec', 'selector'], graph.serviceMonitor(monitor).selected.map(serviceTarget));
    }
    for (const monitor of model.podMonitors) {
      add(monitor.ref, ['spec', 'selector'], graph.podMonitor(monitor).selected.map(templateLabels));
    }
    for (const rollout of model.rollouts) {
      for (const reference of rollout.services) {
        const service = graph.rolloutService(rollout, reference).lookup.service;
        if (service) add(rollout.ref, reference.path, [serviceTarget(service)]);
      }
    }
    for (const scaledObject of model.scaledObjects) {
      const source = graph.scaleTarget(scaledObject)?.source;
      if (source) add(scaledObject.ref, ['spec', 'scaleTargetRef', 'name'], [objectTarget(source.ref)]);
    }
    for (const autoscaler of model.horizontalPodAutoscalers) {
      const target = autoscaler.target;
      if (target) add(autoscaler.ref, ['spec', 'scaleTargetRef', 'name'], index.objects(target.kind, autoscaler.ref.namespace, target.name).map(objectTarget));
    }
    const selects = (from: ObjectRef, selector: PodSelectorView) => {
      if (selector.requirements === undefined || selector.malformed) return;
      add(from, selector.path, index.labels.selectByRequirements(from.namespace, selector.requirements).map(templateLabels));
    };
    for (const policy of model.networkPolicies) {
      selects(policy.ref, policy.podSelector);
      for (const peer of policy.peers) if (!peer.otherNamespaces) selects(policy.ref, peer);
    }
    for (const budget of model.podDisruptionBudgets) selects(budget.ref, budget.selector);
  }

  /** The links written in a file. */
  inFile(file: SourceFile): readonly Link[] {
    return this.byFile.get(file) ?? [];
  }

  /** The links leading into an object. */
  into(object: ObjectRef): readonly Link[] {
    return this.byTarget.get(object) ?? [];
  }
}

function target(object: ObjectRef, at: NodeRef): LinkTarget {
  return { object, path: 'path' in at ? at.path : [], at };
}

function objectTarget(object: ObjectRef): LinkTarget {
  return target(object, object.at('metadata', 'name'));
}

function serviceTarget(service: ServiceView): LinkTarget {
  return objectTarget(service.ref);
}

function servicePortTarget(service: ServiceView, port: ServicePortView): LinkTarget {
  return target(service.ref, service.ref.at('spec', 'ports', port.index));
}

function servicePortTargets(service: ServiceView, matches: (port: ServicePortView) => boolean): LinkTarget[] {
  return service.ports.filter(matches).map((port) => servicePortTarget(service, port));
}

/** A pod template's labels: what a selector matches. */
function templateLabels(source: PodSource): LinkTarget {
  return target(source.ref, source.keyAt('metadata', 'labels'));
}

/** The container ports a Service port lands on in a pod template (by name and protocol, or number). */
function containerPorts(source: PodSource, servicePort: ServicePortView): LinkTarget[] {
  const found = findPort(source, servicePort);
  const container = found.container;
  if (!found.resolved || !container) return [];
  const named = typeof servicePort.targetPort === 'string';
  return container.ports
    .filter((p) => p.protocol === servicePort.protocol && (named ? p.name === servicePort.targetPort : p.containerPort === servicePort.targetPort))
    .slice(0, 1)
    .map((p) => target(source.ref, source.ref.at(...source.containerPath(container), 'ports', p.index, named ? 'name' : 'containerPort')));
}
