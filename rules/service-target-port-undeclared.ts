import { defineRule } from '../src/engine/rule.js';
import { nearestTargets } from '../src/index/resolver.js';
import { isValidPortNumber, isValidProtocol } from '../src/model/names.js';
import { describePorts } from '../src/model/pod-source.js';
import { listed, MAX_LISTED } from '../src/util/text.js';

export default defineRule({
  meta: {
    id: 'service-target-port-undeclared',
    severity: 'warn',
    description: 'A numeric targetPort is declared by no container of a selected pod template (traffic still flows)',
  },
  create(context) {
    return {
      service(service) {
        // a kustomize patch is resolved as part of its base
        if (service.partial) return;
        for (const { port, targets } of nearestTargets(context.index.resolver.resolve(service))) {
          // a protocol the API server rejects is service-port-invalid's finding
          if (!isValidProtocol(port.protocol)) continue;
          const number = port.targetPort;
          // (out of range, it is service-port-invalid's finding)
          if (typeof number !== 'number' || !isValidPortNumber(number)) continue;
          // A template that declares no ports at all gives no evidence of a mistake (many images
          // take their port from args); one that declares others likely has a typo.
          const undeclared = targets.filter((t) => !t.declared && t.source.servingContainers.some((c) => c.ports.length > 0));
          if (undeclared.length === 0) continue;
          const what = port.targetPortGiven ? `targetPort ${number}` : `port ${number} (the targetPort when none is given)`;
          context.report({
            at: service.targetPortRef(port),
            object: service.ref,
            message:
              `${what}/${port.protocol} of Service "${service.name}" is declared by no container of ` +
              `${listed(undeclared.slice(0, MAX_LISTED).map((t) => `${t.source.ref.displayName} (${describePorts(t.source)})`), undeclared.length)}; ` +
              `traffic is still sent, but check that the process listens there and declare it as a containerPort`,
            related: undeclared.map((t) => ({ at: t.source.keyAt('spec', 'containers'), message: `containers of ${t.source.ref.displayName}` })),
          });
        }
      },
    };
  },
});
