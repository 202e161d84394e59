import { defineRule, type RelatedReport } from '../src/engine/rule.js';
import { inBuild } from '../src/model/builds.js';
import type { NodeRef } from '../src/model/object.js';
import type { ServiceView } from '../src/model/service.js';
import { pushTo } from '../src/util/multimap.js';
import { listed, MAX_LISTED } from '../src/util/text.js';

/** Copies of one Service (same namespace and name) in several files are one object. */
const identity = (c: Claim) => `${c.service.namespace}/${c.service.name}`;

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
    const claim = (nodePort: number, entry: Claim) => pushTo(claims, nodePort, entry);
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
          // Copies of one Service (same namespace and name) in several files are one object: each
          // claim conflicts with the other Services' claims and its own Service's other ports.
          // Grouped first, so that a claim costs what its finding lists, not the whole list.
          const byIdentity = new Map<string, Claim[]>();
          const byService = new Map<ServiceView, Claim[]>();
          for (const claim of list) {
            pushTo(byIdentity, identity(claim), claim);
            pushTo(byService, claim.service, claim);
          }
          const identities = [...byIdentity.keys()];
          for (const claim of list) {
            const own = identity(claim);
            const sameService = byService.get(claim.service)!.filter((other) => other !== claim && other.port !== claim.port);
            let otherServices: string[];
            let otherServiceCount: number;
            let others: Claim[];
            let count: number;
            if (inBuild(claim.service.ref.file)) {
              // in a kustomize tree or a rendered environment, Services that no build applies
              // together (sibling overlays, variants) never meet: the others are found one by one
              const otherClaims = list.filter((other) => identity(other) !== own && context.model.builds.together(other.service.ref.file, claim.service.ref.file));
              const ids = [...new Set(otherClaims.map(identity))];
              otherServices = ids.slice(0, MAX_LISTED + 1);
              otherServiceCount = ids.length;
              others = [...sameService, ...otherClaims].slice(0, MAX_LISTED);
              count = sameService.length + otherClaims.length;
            } else {
              // the first other Services, and how many there are
              otherServices = [];
              for (let i = 0; i < identities.length && otherServices.length <= MAX_LISTED; i++) if (identities[i] !== own) otherServices.push(identities[i]!);
              otherServiceCount = identities.length - 1;
              others = [...sameService];
              for (const id of otherServices) {
                if (others.length >= MAX_LISTED) break;
                others.push(...byIdentity.get(id)!.slice(0, MAX_LISTED - others.length));
              }
              count = sameService.length + list.length - byIdentity.get(own)!.length;
            }
            if (count === 0) continue;
            const related: RelatedReport[] = others.map((other) => ({
              at: other.at,
              message: `also claimed by ${other.what} of Service ${identity(other)}`,
            }));
            const sameNames = [...new Set(sameService.map((o) => `${o.what} of the same Service`))];
            const names = [...sameNames, ...otherServices.map((id) => `Service ${id}`)];
            context.report({
              at: claim.at,
              object: claim.service.ref,
              message:
                `nodePort ${nodePort} is also claimed by ${listed(names, sameNames.length + otherServiceCount)}; node ports are allocated cluster-wide, so ` +
                `whichever is applied second fails with "provided port is already allocated"`,
              related,
              relatedCount: count,
            });
          }
        }
      },
    };
  },
});
