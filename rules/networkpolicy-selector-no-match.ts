import { defineRule } from '../src/engine/rule.js';
import { describeMakers } from '../src/index/index.js';
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
        // a kustomize patch is judged as part of its base
        if (policy.ref.partial) return;
        const namespace = policy.ref.namespace;
        const selectors = [
          { selector: policy.podSelector, role: 'applies to' },
          ...policy.peers.filter((peer) => !peer.otherNamespaces).map((peer) => ({ selector: peer, role: 'allows traffic with' })),
        ];
        for (const { selector, role } of selectors) {
          // `{}` selects every pod of the namespace; a missing podSelector is manifest-schema's finding
          if (!selector.requirements || selector.requirements.length === 0 || selector.malformed) continue;
          if (context.index.labels.selectByRequirements(namespace, selector.requirements).length > 0) continue;
          const equal = selector.requirements.flatMap((r) => (r.operator === 'In' ? r.values.map((v) => [r.key, v] as const) : []));
          const unresolved = context.index.whyNoPods(policy.ref, namespace, equal);
          if (unresolved && (unresolved.kind === 'made' || unresolved.kind === 'outside')) continue;
          const maybe = unresolved?.kind === 'maybe' ? `; they may come from ${describeMakers(unresolved.makers)}, whose operator labels them` : '';
          const unreadable = unresolved?.kind === 'unusable' ? '; a document that could not be read may define them' : '';
          context.report({
            at: policy.ref.keyAt(...selector.path),
            object: policy.ref,
            message: `NetworkPolicy "${policy.ref.name}" ${role} pods with ${formatRequirements(selector.requirements)}, but no pod template in namespace "${namespace}" has them${maybe}${unreadable}`,
            ...(unresolved?.kind === 'unusable' ? { related: [{ at: { file: unresolved.document.file, span: unresolved.document.span }, message: 'this document could not be read' }] } : {}),
          });
        }
      },
    };
  },
});
