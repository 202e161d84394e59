import { defineRule } from '../src/engine/rule.js';
import { formatRequirements } from '../src/model/label-selector.js';

export default defineRule({
  meta: {
    id: 'pdb-selector-no-match',
    severity: 'warn',
    description: 'A PodDisruptionBudget selects no pods in the input',
  },
  create(context) {
    return {
      podDisruptionBudget(budget) {
        const requirements = budget.selector.requirements;
        const namespace = budget.ref.namespace;
        if (!requirements) {
          context.report({
            at: budget.ref.keyAt('spec'),
            object: budget.ref,
            message: `PodDisruptionBudget "${budget.ref.name}" has no selector, so it protects no pods`,
          });
          return;
        }
        // a selector the API server rejects is label-syntax's finding
        if (budget.selector.malformed) return;
        if (requirements.length === 0) {
          // policy/v1: `{}` selects every pod of the namespace; policy/v1beta1: none (deprecation guide)
          if (budget.ref.apiVersion !== 'policy/v1beta1') return;
          context.report({
            at: budget.ref.keyAt(...budget.selector.path),
            object: budget.ref,
            message: `PodDisruptionBudget "${budget.ref.name}" has an empty selector, which in policy/v1beta1 selects no pods, so it protects none (in policy/v1 it selects every pod of the namespace)`,
          });
          return;
        }
        if (context.index.labels.selectByRequirements(namespace, requirements).length > 0) return;
        context.report({
          at: budget.ref.keyAt(...budget.selector.path),
          object: budget.ref,
          message: `PodDisruptionBudget "${budget.ref.name}" selects pods with ${formatRequirements(requirements)}, but no pod template in namespace "${namespace}" has them`,
        });
      },
    };
  },
});
