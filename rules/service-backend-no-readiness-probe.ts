import { defineRule } from '../src/engine/rule.js';
import type { ResolvedService } from '../src/index/resolver.js';
import type { ContainerView, PodSource } from '../src/model/pod-source.js';

/**
 * The containers of one selected workload that serve the Service: those its ports land on. A
 * numeric port no container declares could be any of them: then the pod's serving containers
 * count, unless one of them has a readiness probe.
 */
function servingContainers(resolved: ResolvedService, source: PodSource): ContainerView[] {
  const containers = new Set<ContainerView>();
  let unknown = resolved.ports.length === 0;
  for (const { targets } of resolved.ports) {
    for (const target of targets) {
      if (target.source !== source || !target.resolved) continue;
      if (target.container) containers.add(target.container);
      else unknown = true;
    }
  }
  if (unknown && !source.servingContainers.some((c) => c.hasReadinessProbe)) {
    for (const container of source.servingContainers) containers.add(container);
  }
  return [...containers];
}

export default defineRule({
  meta: {
    id: 'service-backend-no-readiness-probe',
    severity: 'off',
    description: 'A Service selects pods whose serving containers have no readiness probe, so traffic arrives before they are ready',
  },
  create(context) {
    // a container selected by several Services is reported once
    const reported = new Set<string>();
    return {
      service(service) {
        // endpoints of such a Service include pods that are not ready anyway
        if (service.publishNotReadyAddresses) return;
        const resolved = context.index.resolver.resolve(service);
        for (const source of resolved.workloads) {
          // an operator adds its own probes; a kustomize patch may too
          if (source.openPorts) continue;
          for (const container of servingContainers(resolved, source)) {
            if (container.hasReadinessProbe) continue;
            const path = source.containerPath(container);
            const key = `${source.ref.file.path}\0${source.ref.displayName}\0${path.join('/')}`;
            if (reported.has(key)) continue;
            reported.add(key);
            context.report({
              at: source.ref.at(...path, 'name'),
              object: source.ref,
              message:
                `container "${container.name}" of ${source.ref.displayName} serves Service "${service.name}" but has no readinessProbe: ` +
                `its pods count as ready as soon as the container starts, so the Service sends them traffic before the app can answer`,
              related: [{ at: service.ref.keyAt('spec', 'selector'), message: `Service ${service.namespace}/${service.name} selects it` }],
            });
          }
        }
      },
    };
  },
});
