import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'service-node-port-type',
    severity: 'error',
    description: 'A nodePort on a ClusterIP or headless Service (rejected), or on an ExternalName Service (ignored: a warning)',
  },
  create(context) {
    return {
      service(service) {
        // a kustomize patch without a type keeps its base's
        if ((service.type !== 'ClusterIP' && service.type !== 'ExternalName') || service.partial) return;
        for (const port of service.ports) {
          if (port.nodePort === undefined) continue;
          if (service.type === 'ClusterIP') {
            // ValidateService: Forbidden for ClusterIP (headless included)
            context.report({
              at: service.portRef(port, 'nodePort'),
              object: service.ref,
              message: `spec.ports[${port.index}].nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'${service.headless ? ' (a headless Service)' : ''}; remove nodePort ${port.nodePort} or set type: NodePort`,
            });
          } else {
            // ValidateService forbids nodePort only for ClusterIP, and no port is allocated for
            // ExternalName (txnAllocNodePorts): accepted, and ignored
            context.report({
              at: service.portRef(port, 'nodePort'),
              object: service.ref,
              warning: true,
              message: `spec.ports[${port.index}].nodePort: nodePort ${port.nodePort} is accepted but ignored: an ExternalName Service is only a DNS alias and gets no node ports; remove it`,
            });
          }
        }
      },
    };
  },
});
