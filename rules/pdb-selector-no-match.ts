import { defineRule } from '../src/engine/rule.js';
import { describeMakers } from '../src/index/index.js';
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
        // a kustomize patch is judged as part of its base (it need not repeat the selector)
        if (budget.ref.partial) return;
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
        const equal = requirements.flatMap((r) => (r.operator === 'In' ? r.values.map((v) => [r.key, v] as const) : []));
        const unresolved = context.index.whyNoPods(budget.ref, namespace, equal);
        if (unresolved && (unresolved.kind === 'made' || unresolved.kind === 'outside')) return;
        const maybe = unresolved?.kind === 'maybe' ? `; they may come from ${describeMakers(unresolved.makers)}, whose operator labels them` : '';
        const unreadable = unresolved?.kind === 'unusable' ? '; a document that could not be read may define them' : '';
        context.report({
          at: budget.ref.keyAt(...budget.selector.path),
          object: budget.ref,
          message: `PodDisruptionBudget "${budget.ref.name}" selects pods with ${formatRequirements(requirements)}, but no pod template in namespace "${namespace}" has them${maybe}${unreadable}`,
          ...(unresolved?.kind === 'unusable' ? { related: [{ at: { file: unresolved.document.file, span: unresolved.document.span }, message: 'this document could not be read' }] } : {}),
        });
      },
    };
  },
});
