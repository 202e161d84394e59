import { defineRule, didYouMean } from '../src/engine/rule.js';
import { describeMakers } from '../src/index/index.js';
import type { ServiceReference } from '../src/model/references.js';
import type { ServiceView } from '../src/model/service.js';
import { closest } from '../src/util/closest.js';

function describePorts(service: ServiceView): string {
  return service.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port ?? '?'}`).join(', ') || 'no ports';
}

function where(reference: ServiceReference): string {
  return `${reference.source} of container "${reference.container}"`;
}

export default defineRule({
  meta: {
    id: 'service-reference-unknown',
    severity: 'warn',
    description: 'An env value, arg or command calls an in-cluster Service host that does not exist, or a port it does not expose',
  },
  create(context) {
    return {
      podSource(source) {
        for (const reference of source.references) {
          const { namespace, inInput, service } = context.index.resolveReference(source, reference);
          // a namespace the input holds nothing of may be deployed from elsewhere
          if (!inInput) continue;
          if (!service) {
            // a Service an operator, the cluster or an unreadable document may make: unknown, not wrong
            const unresolved = context.index.whyNoService(source.ref, namespace, reference.service);
            if (unresolved && (unresolved.kind === 'made' || unresolved.kind === 'outside')) continue;
            const suggestion = closest(reference.service, context.index.serviceNamesIn(namespace, source.ref.file.path));
            context.report({
              at: source.ref.at(...reference.path),
              object: source.ref,
              message:
                `"${reference.text}" (${where(reference)}) calls Service "${reference.service}", which is not in namespace "${namespace}"` +
                (unresolved?.kind === 'maybe' ? `; it may be made by ${describeMakers(unresolved.makers)}` : '') +
                (unresolved?.kind === 'unusable' ? '; a document that could not be read may define it' : '') +
                (suggestion ? `; did you mean "${suggestion}"?` : ''),
              ...(unresolved?.kind === 'unusable' ? { related: [{ at: { file: unresolved.document.file, span: unresolved.document.span }, message: 'this document could not be read' }] } : {}),
              ...didYouMean(source.ref.at(...reference.path), reference.service, suggestion),
            });
            continue;
          }
          const port = reference.port;
          // ExternalName Services and headless ones without ports do not constrain ports
          if (port === undefined || service.type === 'ExternalName' || service.ports.length === 0) continue;
          if (service.ports.some((p) => p.port === port)) continue;
          const byTarget = service.ports.find((p) => p.targetPort === port);
          const related = [{ at: service.ref.keyAt('spec', 'ports'), message: `ports of Service ${service.namespace}/${service.name}` }];
          const implied = reference.portImplied ? ` (the default port of the URL's scheme)` : '';
          context.report({
            at: source.ref.at(...reference.path),
            object: source.ref,
            related,
            message: byTarget
              ? `"${reference.text}" (${where(reference)}) calls Service "${service.name}" on port ${port}${implied}, which is its targetPort (the pods' port); callers use the Service port ${byTarget.port}`
              : `"${reference.text}" (${where(reference)}) calls Service "${service.name}" on port ${port}${implied}, which it does not expose; it exposes ${describePorts(service)}`,
          });
        }
      },
    };
  },
});
