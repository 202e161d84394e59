import { defineRule } from '../src/engine/rule.js';
import { formatLabels } from '../src/model/label-selector.js';
import { closest } from '../src/util/closest.js';

export default defineRule({
  meta: {
    id: 'statefulset-service-name',
    severity: 'error',
    description: "A StatefulSet's serviceName names no Service in its namespace, or one that is not headless or does not select its pods",
  },
  create(context) {
    return {
      podSource(source) {
        const name = source.serviceName;
        if (source.kind !== 'StatefulSet' || !name) return;
        const at = source.ref.at('spec', 'serviceName');
        const service = context.index.service(source.namespace, name, source.ref.file.path);
        if (!service) {
          const suggestion = closest(name, context.index.serviceNamesIn(source.namespace, source.ref.file.path));
          context.report({
            at,
            object: source.ref,
            message: `serviceName "${name}" of StatefulSet "${source.name}" names no Service in namespace "${source.namespace}": its pods get no DNS names (<pod>.${name}.${source.namespace}.svc)${suggestion ? `. Did you mean "${suggestion}"?` : ''}`,
          });
          return;
        }
        const related = [{ at: service.ref.keyAt('spec'), message: `Service ${service.namespace}/${service.name}` }];
        if (!service.headless) {
          context.report({
            at,
            object: source.ref,
            message: `Service "${name}" that governs StatefulSet "${source.name}" is not headless: set clusterIP: None so each pod gets its own DNS name`,
            related,
          });
        }
        if (!context.index.resolver.resolve(service).workloads.includes(source)) {
          context.report({
            at,
            object: source.ref,
            message: `Service "${name}" that governs StatefulSet "${source.name}" does not select its pods (selector ${service.selector ? formatLabels(service.selector) : 'none'}, pod labels ${formatLabels(source.labels) || 'none'}): the pods get no per-pod DNS records`,
            related,
          });
        }
      },
    };
  },
});
