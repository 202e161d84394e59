import { defineRule, didYouMean } from '../src/engine/rule.js';
import { describeMakers } from '../src/index/index.js';
import { backendConvention } from '../src/model/conventions.js';
import type { BackendView, IngressView } from '../src/model/ingress.js';
import { isPlaceholder } from '../src/model/values.js';
import { closest } from '../src/util/closest.js';
import { describeServicePorts } from './lib/services.js';

export default defineRule({
  meta: {
    id: 'ingress-backend-no-match',
    severity: 'error',
    description: 'An Ingress backend names a Service missing from its namespace, or a port that Service does not expose',
  },
  create(context) {
    const check = (ingress: IngressView, backend: BackendView) => {
      const name = backend.serviceName;
      // a controller's convention (AWS's `use-annotation`) names no Service port
      if (!name || isPlaceholder(name) || backendConvention(backend)) return;
      const nameField = backend.legacy ? ['serviceName'] : ['service', 'name'];
      const service = context.index.service(ingress.namespace, name, ingress.ref.file);
      if (!service) {
        // a Service an operator, the cluster or an unreadable document may make: unknown, not wrong
        const unresolved = context.index.whyNoService(ingress.ref, ingress.namespace, name);
        if (unresolved && (unresolved.kind === 'made' || unresolved.kind === 'outside')) return;
        const suggestion = closest(name, context.index.serviceNamesIn(ingress.namespace, ingress.ref.file.path));
        const maybe = unresolved?.kind === 'maybe' ? `; it may be made by ${describeMakers(unresolved.makers)}` : '';
        const unreadable = unresolved?.kind === 'unusable' ? '; a document that could not be read may define it' : '';
        context.report({
          at: ingress.backendRef(backend, ...nameField),
          object: ingress.ref,
          message: `Ingress "${ingress.ref.name}" routes to Service "${name}", which is not in namespace "${ingress.namespace}"${maybe}${unreadable}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          ...(unresolved ? { warning: true } : {}),
          ...(unresolved?.kind === 'unusable' ? { related: [{ at: { file: unresolved.document.file, span: unresolved.document.span }, message: 'this document could not be read' }] } : {}),
          ...didYouMean(ingress.backendRef(backend, ...nameField), name, suggestion),
        });
        return;
      }
      const related = [{ at: service.ref.keyAt('spec', 'ports'), message: `ports of Service ${service.namespace}/${service.name}` }];
      if (backend.portNumber !== undefined && !service.ports.some((p) => p.port === backend.portNumber)) {
        const targetInstead = service.ports.find((p) => p.targetPort === backend.portNumber);
        const hint = targetInstead ? ` (${backend.portNumber} is its targetPort; an Ingress names the Service port, ${targetInstead.port})` : '';
        context.report({
          at: ingress.backendRef(backend, ...(backend.legacy ? ['servicePort'] : ['service', 'port', 'number'])),
          object: ingress.ref,
          message: `Service "${name}" has no port ${backend.portNumber}; it exposes ${describeServicePorts(service)}${hint}`,
          related,
        });
      }
      if (backend.portName !== undefined && !service.ports.some((p) => p.name === backend.portName)) {
        const suggestion = closest(backend.portName, service.ports.flatMap((p) => (p.name ? [p.name] : [])));
        const at = ingress.backendRef(backend, ...(backend.legacy ? ['servicePort'] : ['service', 'port', 'name']));
        context.report({
          at,
          object: ingress.ref,
          message: `Service "${name}" has no port named "${backend.portName}"; it exposes ${describeServicePorts(service)}${suggestion ? `. Did you mean "${suggestion}"?` : ''}`,
          related,
          ...didYouMean(at, backend.portName, suggestion),
        });
      }
    };
    return {
      ingress(ingress) {
        for (const backend of ingress.backends) check(ingress, backend);
      },
    };
  },
});
