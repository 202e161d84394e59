import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'service-node-port-type',
    severity: 'error',
    description: 'A nodePort on a ClusterIP, headless or ExternalName Service',
  },
  create(context) {
    return {
      service(service) {
        // a kustomize patch without a type keeps its base's
        if ((service.type !== 'ClusterIP' && service.type !== 'ExternalName') || service.partial) return;
        for (const port of service.ports) {
          if (port.nodePort === undefined) continue;
          const why =
            service.type === 'ClusterIP'
              ? `Forbidden: may not be used when \`type\` is 'ClusterIP'${service.headless ? ' (a headless Service)' : ''}`
              : 'an ExternalName Service gets no node ports: it is only a DNS alias';
          context.report({
            at: service.portRef(port, 'nodePort'),
            object: service.ref,
            message: `spec.ports[${port.index}].nodePort: ${why}; remove nodePort ${port.nodePort} or set type: NodePort`,
          });
        }
      },
    };
  },
});
