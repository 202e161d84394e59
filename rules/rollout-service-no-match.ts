import { defineRule } from '../src/engine/rule.js';
import { DISTINCT_ROLES } from '../src/model/rollouts.js';
import { missingServiceFix, missingServiceText } from './lib/services.js';

export default defineRule({
  meta: {
    id: 'rollout-service-no-match',
    severity: 'error',
    description: "An Argo Rollout's canary, stable, active, preview, ping or pong Service is missing, is used twice, or does not select the Rollout's pods",
  },
  create(context) {
    return {
      rollout(rollout) {
        const name = rollout.ref.name;
        for (const reference of rollout.services) {
          const check = context.index.graph.rolloutService(rollout, reference);
          const at = rollout.ref.at(...reference.path);
          for (const problem of check.problems) {
            switch (problem.code) {
              case 'service-missing':
                context.report({
                  at,
                  object: rollout.ref,
                  warning: problem.warning,
                  message: `Argo Rollouts cannot run Rollout "${name}": its ${reference.role} Service is ${missingServiceText(check.lookup)}`,
                  ...missingServiceFix(at, check.lookup),
                });
                break;
              case 'same-service': {
                const first = DISTINCT_ROLES.find(([, second]) => second === reference.role)?.[0];
                context.report({ at, object: rollout.ref, message: `Rollout "${name}" uses Service "${reference.name}" as both its ${first} and its ${reference.role} Service; Argo Rollouts needs two different Services and rejects the Rollout` });
                break;
              }
              case 'selector-mismatch': {
                const service = check.lookup.service!;
                const differences = check.mismatches!.map((m) => (m.actual === undefined ? `no ${m.key} label` : `${m.key}=${m.actual}`)).join(' and ');
                const source = rollout.workloadRef && !rollout.templateLabels ? ` (from ${rollout.workloadRef.kind}/${rollout.workloadRef.name})` : '';
                context.report({
                  at,
                  object: rollout.ref,
                  message: `${reference.role} Service "${reference.name}" selects ${check.mismatches!.map((m) => `${m.key}=${m.wanted}`).join(', ')}, but the pods of Rollout "${name}"${source} have ${differences}; Argo Rollouts rejects the Rollout, and the Service would reach none of its pods`,
                  related: [{ at: service.ref.keyAt('spec', 'selector'), message: `selector of Service ${service.namespace}/${service.name}` }],
                });
                break;
              }
            }
          }
        }
      },
    };
  },
});
