import { defineRule, didYouMean } from '../src/engine/rule.js';
import type { ListenerView } from '../src/model/gateway-api.js';
import { closest } from '../src/util/closest.js';
import { describeServicePorts, missingServiceFix, missingServiceText } from './lib/services.js';

/** Why the listeners refuse the route, by their allowedRoutes. */
function describeRefusal(listeners: readonly ListenerView[], kind: string): string {
  return listeners
    .map((l) => {
      const name = `listener ${l.name ?? '(unnamed)'}`;
      if (l.allowedKinds && !l.allowedKinds.some((k) => k.kind === kind)) return `${name} accepts only ${l.allowedKinds.map((k) => k.kind).join(', ')}`;
      return `${name} accepts routes only from ${l.allowedFrom === 'Same' ? 'its own namespace' : `namespaces allowed by "${l.allowedFrom}"`}`;
    })
    .join('; ');
}

/** `http (80), https (443)` */
function describeListeners(listeners: readonly ListenerView[]): string {
  return listeners.map((l) => `${l.name ?? '(unnamed)'}${l.port !== undefined ? ` (${l.port})` : ''}`).join(', ') || 'none';
}

export default defineRule({
  meta: {
    id: 'gateway-parent-no-match',
    severity: 'warn',
    description: 'A Gateway API route parentRef names a Gateway listener (sectionName, port) or Service port that is not there, or a listener that does not accept the route',
  },
  create(context) {
    return {
      route(route) {
        const kind = route.ref.kind;
        for (const parent of route.parentRefs) {
          const check = context.index.graph.parent(route, parent);
          const at = (field: string) => route.ref.at(...parent.path, field);
          // the field that is wrong: a listener name that exists with another port makes it the port
          const named = parent.sectionName !== undefined && (check.listeners ?? []).some((l) => l.name === parent.sectionName);
          const field = parent.sectionName !== undefined && !named ? 'sectionName' : parent.port !== undefined ? 'port' : 'name';
          for (const problem of check.problems) {
            switch (problem.code) {
              case 'gateway-missing':
                context.report({
                  at: at('name'),
                  object: route.ref,
                  message: `${kind} "${route.ref.name}" attaches to Gateway "${parent.name}", which is not in namespace "${check.namespace}"${check.suggestion ? `; did you mean "${check.suggestion}"?` : ''}`,
                  ...didYouMean(at('name'), parent.name, check.suggestion),
                });
                break;
              case 'listener-missing': {
                const listeners = check.listeners ?? [];
                const suggestion = parent.sectionName !== undefined ? closest(parent.sectionName, listeners.flatMap((l) => (l.name ? [l.name] : []))) : undefined;
                context.report({
                  at: at(field),
                  object: route.ref,
                  message: `Gateway "${parent.name}" has ${problem.summary}, so ${kind} "${route.ref.name}" is not attached to it; its listeners are ${describeListeners(listeners)}${suggestion ? `. Did you mean "${suggestion}"?` : ''}`,
                  related: check.gateways.map((g) => ({ at: g.keyAt('spec', 'listeners'), message: `listeners of Gateway ${g.namespace}/${g.name}` })),
                  ...(field === 'sectionName' ? didYouMean(at(field), parent.sectionName!, suggestion) : {}),
                });
                break;
              }
              case 'listener-refuses':
                context.report({
                  at: at('name'),
                  object: route.ref,
                  message: `Gateway "${check.namespace}/${parent.name}" ${problem.summary}: ${describeRefusal(check.listeners ?? [], kind)}, so ${kind} "${route.ref.name}" is not attached`,
                  related: check.gateways.map((g) => ({ at: g.keyAt('spec', 'listeners'), message: `listeners of Gateway ${g.namespace}/${g.name}` })),
                });
                break;
              case 'service-missing': {
                const lookup = context.index.graph.lookupService(check.namespace, parent.name, route.ref);
                context.report({
                  at: at('name'),
                  object: route.ref,
                  warning: problem.warning,
                  message: `${kind} "${route.ref.name}" attaches to ${missingServiceText(lookup)}`,
                  ...missingServiceFix(at('name'), lookup),
                });
                break;
              }
              case 'service-port-missing':
                context.report({
                  at: at(field),
                  object: route.ref,
                  message: `Service "${parent.name}" has ${problem.summary}, so ${kind} "${route.ref.name}" applies to none of its traffic; it exposes ${describeServicePorts(check.service!)}`,
                  related: [{ at: check.service!.ref.keyAt('spec', 'ports'), message: `ports of Service ${check.service!.namespace}/${check.service!.name}` }],
                });
                break;
            }
          }
        }
      },
    };
  },
});
