import { defineRule, didYouMean } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'scaledobject-target-missing',
    severity: 'warn',
    description: "A KEDA ScaledObject's scaleTargetRef names no workload in its namespace, or its envSourceContainerName no container of it",
  },
  create(context) {
    return {
      scaledObject(scaledObject) {
        const check = context.index.graph.scaleTarget(scaledObject);
        const target = scaledObject.target;
        if (!check || !target) return;
        for (const problem of check.problems) {
          if (problem.code === 'target-missing') {
            const defaulted = target.kindDefaulted ? ' (kind defaults to Deployment)' : '';
            const other = check.otherKind;
            const hint = other
              ? `; there is a ${other.kind} "${other.name}": set scaleTargetRef.kind: ${other.kind} (apiVersion ${other.ref.apiVersion})`
              : check.suggestion
                ? `; did you mean "${check.suggestion}"?`
                : '';
            context.report({
              at: scaledObject.ref.at('spec', 'scaleTargetRef', 'name'),
              object: scaledObject.ref,
              message: `ScaledObject "${scaledObject.ref.name}" scales ${target.kind} "${target.name}"${defaulted}, which is not in namespace "${scaledObject.namespace}", so nothing is scaled${hint}`,
              ...(other ? {} : didYouMean(scaledObject.ref.at('spec', 'scaleTargetRef', 'name'), target.name, check.suggestion)),
            });
          } else if (problem.code === 'env-container-missing') {
            const names = check.source!.containers.map((c) => c.name).join(', ');
            context.report({
              at: scaledObject.ref.at('spec', 'scaleTargetRef', 'envSourceContainerName'),
              object: scaledObject.ref,
              message: `${target.kind} "${target.name}" has no container "${target.envSourceContainerName}" (it has ${names}), so the scalers cannot read their settings from its environment`,
              related: [{ at: check.source!.ref.at('metadata', 'name'), message: check.source!.ref.displayName }],
            });
          }
        }
      },
    };
  },
});
