import { defineRule } from '../src/engine/rule.js';
import { formatRequirements } from '../src/model/label-selector.js';

export default defineRule({
  meta: {
    id: 'networkpolicy-selector-no-match',
    severity: 'warn',
    description: 'A NetworkPolicy podSelector (or a same-namespace peer podSelector) selects no pods in the input',
  },
  create(context) {
    return {
      networkPolicy(policy) {
        const namespace = policy.ref.namespace;
        const selectors = [
          { selector: policy.podSelector, role: 'applies to' },
          ...policy.peers.filter((peer) => !peer.otherNamespaces).map((peer) => ({ selector: peer, role: 'allows traffic with' })),
        ];
        for (const { selector, role } of selectors) {
          // `{}` selects every pod of the namespace; a missing podSelector is manifest-schema's finding
          if (!selector.requirements || selector.requirements.length === 0 || selector.malformed) continue;
          if (context.index.labels.selectByRequirements(namespace, selector.requirements).length > 0) continue;
          context.report({
            at: policy.ref.keyAt(...selector.path),
            object: policy.ref,
            message: `NetworkPolicy "${policy.ref.name}" ${role} pods with ${formatRequirements(selector.requirements)}, but no pod template in namespace "${namespace}" has them`,
          });
        }
      },
    };
  },
});
