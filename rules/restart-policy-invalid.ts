import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { formatPath, type Path } from '../src/load/positions.js';
import type { K8sObject } from '../src/model/object.js';
import { templatePathOf } from '../src/model/pod-source.js';
import { asMap, dig } from '../src/model/values.js';

/** The values of PodSpec.restartPolicy; others are manifest-schema's (enum) finding. */
const POLICIES = new Set(['Always', 'OnFailure', 'Never']);

/**
 * Kinds that run their pods to completion (validateJobSpec, also for a CronJob's job template):
 * `Always` — the default when omitted (SetDefaults_PodSpec) — is rejected.
 */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

/**
 * Kinds that keep their pods running: only `Always` (ValidatePodTemplateSpecForReplicaSet,
 * ValidateStatefulSetSpec, ValidateDaemonSetSpec, ValidatePodTemplateSpecForRC).
 */
const KEEP_RUNNING = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

function check(object: K8sObject, template: Path, context: RuleContext): void {
  const spec = asMap(dig(dig(object.raw, ...template), 'spec'));
  if (!spec) return;
  const written = spec['restartPolicy'];
  if (written !== undefined && written !== null && (typeof written !== 'string' || !POLICIES.has(written))) return;
  // a kustomize patch that does not set it keeps its base's
  if ((written === undefined || written === null) && object.ref.partial) return;
  const policy = typeof written === 'string' ? written : 'Always';
  const runsToCompletion = RUN_TO_COMPLETION.has(object.kind);
  if (policy === 'Always' && !runsToCompletion) return; // the usual case: nothing to build
  const specPath: Path = [...template, 'spec'];
  const field = formatPath([...specPath, 'restartPolicy']);
  const at = written === undefined || written === null ? object.keyAt(...specPath) : object.at(...specPath, 'restartPolicy');
  if (runsToCompletion) {
    if (policy === 'Always') {
      const omitted = written === undefined || written === null ? ' (omitted, it defaults to Always)' : '';
      context.report({
        at,
        object: object.ref,
        message: `${object.kind} "${object.name}": ${field}: Required value: valid values: "OnFailure", "Never"${omitted}; a ${object.kind}'s pods run to completion`,
      });
      return;
    }
    const jobSpec = asMap(dig(object.raw, ...template.slice(0, -1)));
    if (policy === 'OnFailure' && jobSpec?.['podFailurePolicy'] !== undefined && jobSpec['podFailurePolicy'] !== null) {
      context.report({ at, object: object.ref, message: `${object.kind} "${object.name}": ${field}: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified` });
    }
  } else if (KEEP_RUNNING.has(object.kind) && policy !== 'Always') {
    context.report({
      at,
      object: object.ref,
      message: `${object.kind} "${object.name}": ${field}: Unsupported value: "${policy}": supported values: "Always"; a ${object.kind} keeps its pods running (use a Job for work that finishes)`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'restart-policy-invalid',
    severity: 'error',
    description: 'A pod template restartPolicy its workload kind rejects: Jobs and CronJobs need OnFailure or Never (not the default Always); other workloads only Always',
  },
  create(context) {
    return {
      object(object) {
        const template = templatePathOf(object);
        if (template && template.length > 0) check(object, template, context);
      },
    };
  },
});
