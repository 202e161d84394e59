import { defineRule, didYouMean } from '../src/engine/rule.js';
import { describeMakers } from '../src/index/index.js';
import { formatLabels } from '../src/model/label-selector.js';
import { isPlaceholder } from '../src/model/values.js';
import { closest } from '../src/util/closest.js';

export default defineRule({
  meta: {
    id: 'statefulset-service-name',
    severity: 'error',
    description: "A StatefulSet's serviceName names no Service in its namespace (warning: one that is not headless or does not select its pods)",
  },
  create(context) {
    return {
      podSource(source) {
        const name = source.serviceName;
        // a kustomize patch is judged as part of its base
        if (source.kind !== 'StatefulSet' || !name || source.partial || isPlaceholder(name)) return;
        const at = source.ref.at('spec', 'serviceName');
        const service = context.index.service(source.namespace, name, source.ref.file);
        if (!service) {
          const unresolved = context.index.whyNoService(source.ref, source.namespace, name);
          if (unresolved && (unresolved.kind === 'made' || unresolved.kind === 'outside')) return;
          const suggestion = closest(name, context.index.serviceNamesIn(source.namespace, source.ref.file.path));
          context.report({
            at,
            object: source.ref,
            message:
              `serviceName "${name}" of StatefulSet "${source.name}" names no Service in namespace "${source.namespace}": its pods get no DNS names (<pod>.${name}.${source.namespace}.svc)` +
              (unresolved?.kind === 'maybe' ? `; it may be made by ${describeMakers(unresolved.makers)}` : '') +
              (unresolved?.kind === 'unusable' ? '; a document that could not be read may define it' : '') +
              (suggestion ? `. Did you mean "${suggestion}"?` : ''),
            ...(unresolved ? { warning: true } : {}),
            ...didYouMean(at, name, suggestion),
          });
          return;
        }
        // The set works either way; only the per-pod DNS names (<pod>.<service>) are missing: warnings.
        const related = [{ at: service.ref.keyAt('spec'), message: `Service ${service.namespace}/${service.name}` }];
        if (!service.headless) {
          context.report({
            at,
            object: source.ref,
            message: `Service "${name}" that governs StatefulSet "${source.name}" is not headless, so its pods get no DNS names of their own (<pod>.${name}); set clusterIP: None if clients address pods one by one`,
            related,
            warning: true,
          });
        }
        if (!service.selectorHasPlaceholders && !context.index.resolver.resolve(service).workloads.includes(source)) {
          context.report({
            at,
            object: source.ref,
            message: `Service "${name}" that governs StatefulSet "${source.name}" does not select its pods (selector ${service.selector ? formatLabels(service.selector) : 'none'}, pod labels ${formatLabels(source.labels) || 'none'}): the pods get no per-pod DNS records`,
            related,
            warning: true,
          });
        }
      },
    };
  },
});
