import { defineRule, didYouMean } from '../src/engine/rule.js';
import { closest } from '../src/util/closest.js';

export default defineRule({
  meta: {
    id: 'hpa-target-missing',
    severity: 'warn',
    description: "A HorizontalPodAutoscaler's scaleTargetRef names no object in its namespace",
  },
  create(context) {
    return {
      horizontalPodAutoscaler(autoscaler) {
        const target = autoscaler.target;
        // a kustomize patch is judged as part of its base
        if (!target || autoscaler.ref.partial) return;
        const namespace = autoscaler.ref.namespace;
        if (context.index.objects(target.kind, namespace, target.name).length > 0) return;
        const sameKind = context.index.labels.sourcesNear(namespace, autoscaler.ref.file.path).filter((s) => s.kind === target.kind).map((s) => s.name);
        const suggestion = closest(target.name, sameKind);
        context.report({
          at: autoscaler.ref.at('spec', 'scaleTargetRef', 'name'),
          object: autoscaler.ref,
          message: `HorizontalPodAutoscaler "${autoscaler.ref.name}" scales ${target.kind} "${target.name}", which is not in namespace "${namespace}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          ...didYouMean(autoscaler.ref.at('spec', 'scaleTargetRef', 'name'), target.name, suggestion),
        });
      },
    };
  },
});
