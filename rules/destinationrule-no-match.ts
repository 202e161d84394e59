import { defineRule } from '../src/engine/rule.js';
import { formatLabels } from '../src/model/label-selector.js';
import { missingServiceFix, missingServiceText } from './lib/services.js';

export default defineRule({
  meta: {
    id: 'destinationrule-no-match',
    severity: 'warn',
    description: "An Istio DestinationRule's host is a cluster-local Service that is missing, or a subset's labels select none of the Service's pods",
  },
  create(context) {
    return {
      destinationRule(rule) {
        const check = context.index.graph.destinationRule(rule);
        const name = rule.ref.name;
        for (const problem of check.problems) {
          if (problem.code === 'service-missing') {
            context.report({
              at: rule.ref.at('spec', 'host'),
              object: rule.ref,
              message: `DestinationRule "${name}" applies to ${missingServiceText(check.lookup!)}, so its policy applies to nothing`,
              ...missingServiceFix(rule.ref.at('spec', 'host'), check.lookup!),
            });
          }
        }
        const service = check.lookup?.service;
        for (const problem of check.subsetProblems) {
          const { subset } = problem;
          const pods = check.workloads.map((w) => w.ref.displayName).join(', ');
          context.report({
            at: rule.ref.keyAt('spec', 'subsets', subset.index, 'labels'),
            object: rule.ref,
            message: `subset "${subset.name}" of DestinationRule "${name}" selects ${formatLabels(subset.labels)}, which none of the pods of Service "${service!.name}" (${pods}) have, so traffic routed to it fails`,
            related: check.workloads.slice(0, 3).map((w) => ({ at: w.keyAt('metadata', 'labels'), message: `labels of ${w.ref.displayName}` })),
          });
        }
      },
    };
  },
});
