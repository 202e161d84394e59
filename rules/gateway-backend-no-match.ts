import { defineRule } from '../src/engine/rule.js';
import { describeFailingTargets, describeServicePorts, missingServiceFix, missingServiceText, targetPortHint } from './lib/services.js';

export default defineRule({
  meta: {
    id: 'gateway-backend-no-match',
    severity: 'error',
    description: 'A Gateway API route backendRef (or request mirror) names a missing Service, no port, or a port the Service lacks or that reaches no pods',
  },
  create(context) {
    return {
      route(route) {
        const kind = route.ref.kind;
        for (const check of context.index.graph.backends(route)) {
          const { backend, lookup, problems } = check;
          const at = (...field: string[]) => route.ref.at(...backend.path, ...field);
          const what = backend.via === 'requestMirror' ? `${kind} "${route.ref.name}" mirrors requests to` : `${kind} "${route.ref.name}" routes to`;
          const service = lookup.service;
          const related = service ? [{ at: service.ref.keyAt('spec', 'ports'), message: `ports of Service ${service.namespace}/${service.name}` }] : [];
          for (const problem of problems) {
            switch (problem.code) {
              case 'service-missing':
                context.report({
                  at: at('name'),
                  object: route.ref,
                  warning: problem.warning,
                  message: `${what} ${missingServiceText(lookup)}${backend.weightZero ? ' (its weight is 0, so no traffic goes there yet)' : ''}`,
                  ...missingServiceFix(at('name'), lookup),
                });
                break;
              case 'port-missing':
                context.report({
                  at: route.ref.keyAt(...backend.path, 'name'),
                  object: route.ref,
                  message: `${what} Service "${backend.name}" without a port; a Service backend needs one of its ports (${describeServicePorts(service!)}), and the API server rejects the route without it`,
                  related,
                });
                break;
              case 'port-unknown':
                context.report({
                  at: at('port'),
                  object: route.ref,
                  message: `Service "${backend.name}" has no port ${backend.port}; it exposes ${describeServicePorts(service!)}${targetPortHint(context.index, service!, backend.port!, 'a route')}`,
                  related,
                });
                break;
              case 'port-lands-nowhere': {
                const port = check.servicePort!;
                context.report({
                  at: at('port'),
                  object: route.ref,
                  message: `port ${backend.port} of Service "${backend.name}" reaches no pods, so ${kind} "${route.ref.name}" gets no answer there: ${describeFailingTargets(check.failingTargets!, port)}`,
                  related: [
                    { at: service!.targetPortRef(port), message: `targetPort of Service ${service!.namespace}/${service!.name}` },
                    ...check.failingTargets!.map((t) => ({ at: t.source.ref.at('metadata', 'name'), message: t.source.ref.displayName })),
                  ],
                });
                break;
              }
            }
          }
        }
      },
    };
  },
});
