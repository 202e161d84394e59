import { defineRule, type RelatedReport } from '../src/engine/rule.js';
import type { NodeRef } from '../src/model/object.js';
import type { ServiceView } from '../src/model/service.js';

interface Claim {
  readonly service: ServiceView;
  /** The Service `port` the node port serves (entries with the same port may share it). */
  readonly port: number | undefined;
  readonly at: NodeRef;
  readonly what: string;
}

export default defineRule({
  meta: {
    id: 'service-node-port-conflict',
    severity: 'error',
    description: 'Two Services (in any namespaces), or two ports of one Service, claim the same nodePort',
  },
  create(context) {
    const claims = new Map<number, Claim[]>();
    const claim = (nodePort: number, entry: Claim) => {
      const list = claims.get(nodePort);
      if (list) list.push(entry);
      else claims.set(nodePort, [entry]);
    };
    return {
      service(service) {
        // Only these types get node ports; out-of-range ones never get allocated. A kustomize
        // patch repeats its base's node ports.
        if ((service.type !== 'NodePort' && service.type !== 'LoadBalancer') || service.partial) return;
        const { min, max } = context.settings.nodePortRange;
        for (const port of service.ports) {
          if (port.nodePort === undefined || port.nodePort < min || port.nodePort > max) continue;
          claim(port.nodePort, { service, port: port.port, at: service.portRef(port, 'nodePort'), what: `spec.ports[${port.index}].nodePort` });
        }
        if (service.healthCheckNodePort !== undefined) {
          claim(service.healthCheckNodePort, { service, port: undefined, at: service.ref.at('spec', 'healthCheckNodePort'), what: 'spec.healthCheckNodePort' });
        }
      },
      end() {
        for (const [nodePort, list] of claims) {
          if (list.length < 2) continue;
          for (const claim of list) {
            // Copies of one Service (same namespace and name) in several files are one object.
            const identity = (c: Claim) => `${c.service.namespace}/${c.service.name}`;
            // Services that no build applies together (sibling kustomize overlays) never meet
            const others = list.filter(
              (other) =>
                other !== claim &&
                context.model.builds.together(other.service.ref.file, claim.service.ref.file) &&
                (identity(other) !== identity(claim) ? true : other.service === claim.service && other.port !== claim.port),
            );
            if (others.length === 0) continue;
            const related: RelatedReport[] = others.map((other) => ({
              at: other.at,
              message: `also claimed by ${other.what} of Service ${identity(other)}`,
            }));
            const names = [...new Set(others.map((o) => (o.service === claim.service ? `${o.what} of the same Service` : `Service ${identity(o)}`)))];
            context.report({
              at: claim.at,
              object: claim.service.ref,
              message:
                `nodePort ${nodePort} is also claimed by ${names.join(', ')}; node ports are allocated cluster-wide, so ` +
                `whichever is applied second fails with "provided port is already allocated"`,
              related,
            });
          }
        }
      },
    };
  },
});
