import { defineRule, didYouMean } from '../src/engine/rule.js';
import { nearestTargets, type PortTarget } from '../src/index/resolver.js';
import { isValidPortName, isValidProtocol } from '../src/model/names.js';
import { describePorts } from '../src/model/pod-source.js';
import { closest } from '../src/util/closest.js';
import { listed } from '../src/util/text.js';

/** `Deployment/web (it has web 8080/TCP)` or `Deployment/dns ("dns" is only on TCP)`. */
function describeMiss(target: PortTarget, name: string): string {
  const workload = target.source.ref.displayName;
  if (target.otherProtocol) return `${workload} ("${name}" is only on ${target.otherProtocol.port.protocol})`;
  const init = target.source.containers.find((c) => c.role === 'init' && c.ports.some((p) => p.name === name));
  if (init) return `${workload} (only its init container "${init.name}" names it, and init containers serve no traffic unless restartPolicy is Always)`;
  return `${workload} (it has ${describePorts(target.source)})`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

export default defineRule({
  meta: {
    id: 'service-target-port-no-match',
    severity: 'error',
    description: 'A named targetPort has no container port of that name and protocol in a selected pod template',
  },
  create(context) {
    return {
      service(service) {
        // a kustomize patch is resolved as part of its base
        if (service.partial) return;
        for (const { port, targets } of nearestTargets(context.index.resolver.resolve(service))) {
          // a protocol the API server rejects is service-port-invalid's finding
          if (!isValidProtocol(port.protocol)) continue;
          const name = port.targetPort;
          // a name that is not a valid port name is service-port-invalid's finding
          if (typeof name !== 'string' || !isValidPortName(name)) continue;
          const missing = targets.filter((t) => !t.resolved);
          if (missing.length === 0) continue;
          const found = unique(targets.filter((t) => t.resolved).map((t) => t.source.ref.displayName));
          const names = missing.flatMap((t) => t.source.servingContainers.flatMap((c) => c.ports.flatMap((p) => (p.name ? [p.name] : []))));
          const suggestion = closest(name, names);
          context.report({
            at: service.targetPortRef(port),
            object: service.ref,
            message:
              `targetPort "${name}" (${port.protocol}) of Service "${service.name}" matches no container port in ` +
              `${listed(unique(missing.map((t) => describeMiss(t, name))))}, so ${missing.length === 1 ? 'its' : 'their'} pods ` +
              `get no traffic on port ${port.port ?? '?'}` +
              (found.length > 0 ? `; it resolves only in ${listed(found)}` : '') +
              (suggestion ? `. Did you mean "${suggestion}"?` : ''),
            related: missing.map((t) => ({
              at: t.source.keyAt('spec', 'containers'),
              message: `containers of ${t.source.ref.displayName}`,
            })),
            ...didYouMean(service.targetPortRef(port), name, suggestion),
          });
        }
      },
    };
  },
});
