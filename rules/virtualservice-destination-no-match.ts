import { defineRule } from '../src/engine/rule.js';
import { didYouMean } from '../src/engine/rule.js';
import { closest } from '../src/util/closest.js';
import { describeServicePorts, missingServiceFix, missingServiceText, targetPortHint } from './lib/services.js';

export default defineRule({
  meta: {
    id: 'virtualservice-destination-no-match',
    severity: 'error',
    description: 'An Istio VirtualService destination names a cluster-local Service that is missing, a port it lacks, or a subset no DestinationRule defines',
  },
  create(context) {
    return {
      virtualService(virtualService) {
        const name = virtualService.ref.name;
        for (const destination of virtualService.destinations) {
          const check = context.index.graph.destination(virtualService, destination);
          const { lookup } = check;
          const service = lookup?.service;
          const at = (...field: string[]) => virtualService.ref.at(...destination.path, ...field);
          const ports = service ? [{ at: service.ref.keyAt('spec', 'ports'), message: `ports of Service ${service.namespace}/${service.name}` }] : [];
          for (const problem of check.problems) {
            switch (problem.code) {
              case 'service-missing':
                context.report({
                  at: at('host'),
                  object: virtualService.ref,
                  warning: problem.warning,
                  message: `VirtualService "${name}" sends traffic to ${missingServiceText(lookup!)}`,
                  ...missingServiceFix(at('host'), lookup!),
                });
                break;
              case 'host-unexpanded':
                context.report({
                  at: at('host'),
                  object: virtualService.ref,
                  warning: true,
                  message: `Istio takes host "${destination.host}" as written (only a name without dots is expanded), so it does not reach Service ${service!.namespace}/${service!.name}; write "${destination.target.form === 'unexpanded' ? destination.target.fqdn : ''}" or the short name from the same namespace`,
                });
                break;
              case 'port-unknown':
                context.report({
                  at: at('port', 'number'),
                  object: virtualService.ref,
                  message: `Service "${service!.name}" has no port ${destination.port}; it exposes ${describeServicePorts(service!)}${targetPortHint(context.index, service!, destination.port!, 'a destination')}`,
                  related: ports,
                });
                break;
              case 'port-required':
                context.report({
                  at: at('host'),
                  object: virtualService.ref,
                  warning: true,
                  message: `Service "${service!.name}" has several ports (${describeServicePorts(service!)}) and this destination gives none; for gateway traffic Istio then uses the gateway listener's port, which may be none of them: set port.number`,
                  related: ports,
                });
                break;
              case 'subset-unknown': {
                const rules = check.destinationRules;
                const defined = rules.flatMap((r) => r.subsets.map((s) => s.name));
                const suggestion = closest(destination.subset!, defined);
                const detail =
                  rules.length === 0
                    ? `no DestinationRule in the input has host "${service!.name}"`
                    : `DestinationRule ${rules.map((r) => `"${r.ref.name}"`).join(', ')} defines ${defined.map((d) => `"${d}"`).join(', ') || 'no subsets'}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
                context.report({
                  at: at('subset'),
                  object: virtualService.ref,
                  warning: problem.warning,
                  message: `VirtualService "${name}" routes to subset "${destination.subset}" of Service "${service!.name}", which no DestinationRule defines, so that traffic fails: ${detail}`,
                  related: rules.map((r) => ({ at: r.ref.keyAt('spec', 'subsets'), message: `subsets of DestinationRule ${r.ref.namespace}/${r.ref.name}` })),
                  ...(rules.length > 0 ? didYouMean(at('subset'), destination.subset!, suggestion) : {}),
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
