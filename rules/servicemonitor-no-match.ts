import { defineRule } from '../src/engine/rule.js';
import { reportMonitor } from './lib/monitors.js';

export default defineRule({
  meta: {
    id: 'servicemonitor-no-match',
    severity: 'warn',
    description: 'A Prometheus Operator ServiceMonitor selects no Service, or an endpoint names a port the selected Services (or their pods) lack',
  },
  create(context) {
    return {
      serviceMonitor(monitor) {
        reportMonitor(context, monitor, context.index.graph.serviceMonitor(monitor), 'Service');
      },
    };
  },
});
