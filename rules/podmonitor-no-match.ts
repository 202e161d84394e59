import { defineRule } from '../src/engine/rule.js';
import { reportMonitor } from './lib/monitors.js';

export default defineRule({
  meta: {
    id: 'podmonitor-no-match',
    severity: 'warn',
    description: 'A Prometheus Operator PodMonitor selects no pods, or an endpoint names a container port the selected pods lack',
  },
  create(context) {
    return {
      podMonitor(monitor) {
        reportMonitor(context, monitor, context.index.graph.podMonitor(monitor), 'pods');
      },
    };
  },
});
