import { defineRule } from '../src/engine/rule.js';

/** Only these types get node ports allocated; on others service-node-port-type reports the field. */
const ALLOCATING_TYPES = new Set(['NodePort', 'LoadBalancer']);

export default defineRule({
  meta: {
    id: 'service-node-port-range',
    severity: 'error',
    description: 'A nodePort is outside the node port range (--node-port-range, 30000-32767 by default)',
  },
  create(context) {
    const { min, max } = context.settings.nodePortRange;
    return {
      service(service) {
        if (!ALLOCATING_TYPES.has(service.type)) return;
        for (const port of service.ports) {
          const nodePort = port.nodePort;
          if (nodePort === undefined || (nodePort >= min && nodePort <= max)) continue;
          context.report({
            at: service.portRef(port, 'nodePort'),
            object: service.ref,
            message: `nodePort ${nodePort} of Service "${service.name}" is not in the valid range; the range of valid ports is ${min}-${max}`,
          });
        }
      },
    };
  },
});
