import { defineRule } from '../src/engine/rule.js';
import type { PortTarget } from '../src/index/resolver.js';
import { isValidPortName } from '../src/model/names.js';
import { describePorts } from '../src/model/pod-source.js';
import { closest } from '../src/util/closest.js';

function whyMissing(target: PortTarget, name: string, protocol: string): string {
  const workload = target.source.object.displayName;
  if (target.otherProtocol) {
    return `${workload} names a port "${name}" only for ${target.otherProtocol.port.protocol}, not ${protocol}`;
  }
  const names = target.source.servingContainers.flatMap((c) => c.ports.flatMap((p) => (p.name ? [p.name] : [])));
  const suggestion = closest(name, names);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
  return `${workload} has ${describePorts(target.source)}${hint}`;
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
        const resolved = context.index.resolver.resolve(service);
        for (const { port, targets: all } of resolved.ports) {
          const targets = all.filter((t) => resolved.nearest.has(t.source));
          const name = port.targetPort;
          // a name that is not a valid port name is service-port-invalid's finding
          if (typeof name !== 'string' || !isValidPortName(name)) continue;
          const missing = targets.filter((t) => !t.resolved);
          if (missing.length === 0) continue;
          const found = targets.filter((t) => t.resolved).map((t) => t.source.object.displayName);
          const resolvedIn = found.length > 0 ? ` It resolves in ${found.join(', ')}, so only part of the pods get traffic.` : '';
          context.report({
            at: service.targetPortRef(port),
            object: service.object,
            message:
              `targetPort "${name}" (${port.protocol}) of Service "${service.name}" matches no container port in ` +
              `${missing.map((t) => t.source.object.displayName).join(', ')}: ` +
              `${missing.map((t) => whyMissing(t, name, port.protocol)).join('; ')}; those pods get no traffic on port ${port.port ?? '?'}.` +
              resolvedIn,
            related: missing.map((t) => ({
              at: t.source.keyAt('spec', 'containers'),
              message: `containers of ${t.source.object.displayName}`,
            })),
          });
        }
      },
    };
  },
});
