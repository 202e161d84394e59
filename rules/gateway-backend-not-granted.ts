import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'gateway-backend-not-granted',
    severity: 'error',
    description: 'A Gateway API route refers to a Service in another namespace that no ReferenceGrant there allows',
  },
  create(context) {
    return {
      route(route) {
        const kind = route.ref.kind;
        for (const check of context.index.graph.backends(route)) {
          if (!check.problems.some((p) => p.code === 'not-granted')) continue;
          const { backend, lookup } = check;
          const grants = check.grants ?? [];
          const near = grants.find((g) => g.from.some((f) => f.namespace === route.namespace && f.kind === kind));
          const why = near
            ? `; ReferenceGrant "${near.ref.name}" there lets ${kind}s from "${route.namespace}" refer to ${near.to.map((t) => `${t.kind || 'core'}${t.name ? ` "${t.name}"` : 's'}`).join(', ')} only`
            : grants.length > 0
              ? `; its ReferenceGrants (${grants.map((g) => g.ref.name).join(', ')}) do not name ${kind}s from "${route.namespace}"`
              : '';
          context.report({
            at: route.ref.at(...backend.path, 'namespace'),
            object: route.ref,
            message: `${kind} "${route.ref.name}" in namespace "${route.namespace}" refers to Service "${backend.name}" in namespace "${lookup.namespace}", but no ReferenceGrant in "${lookup.namespace}" allows ${kind}s from "${route.namespace}" to refer to it, so the reference is refused${why}`,
            related: grants.map((g) => ({ at: g.ref.keyAt('spec', 'from'), message: `ReferenceGrant ${g.ref.namespace}/${g.ref.name}` })),
          });
        }
      },
    };
  },
});
