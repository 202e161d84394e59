import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { Path } from '../src/load/positions.js';
import type { K8sObject } from '../src/model/object.js';
import { podSpecRejection, templatePathOf } from '../src/model/pod-source.js';
import { PROBE_FIELDS, type ProbeField } from '../src/model/probes.js';
import { asList, asMap, asString, dig, type PlainMap } from '../src/model/values.js';

/** The probe actions of a ProbeHandler; exactly one must be set (validateHandler). */
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** Probe counts that must not be negative (validateProbe → ValidateNonnegativeField). */
const COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

interface Problem {
  /** The probe's field at fault, '' for the probe itself. */
  readonly field: string;
  readonly message: string;
  /** Point at the key (a field that must not be there, or lacks something), not the value. */
  readonly key: boolean;
}

/**
 * What validateLivenessProbe, validateReadinessProbe and validateStartupProbe reject in one probe
 * of an app container or a native sidecar.
 */
function probeProblems(field: ProbeField, probe: PlainMap): readonly Problem[] {
  const problems: Problem[] = [];
  let first: string | undefined;
  for (const handler of HANDLERS) {
    if (!isSet(probe[handler])) continue;
    if (first === undefined) first = handler;
    else problems.push({ field: handler, message: `Forbidden: may not specify more than 1 handler type (${first} is already set)`, key: true });
  }
  if (first === undefined) problems.push({ field: '', message: `Required value: must specify a handler type (one of ${HANDLERS.join(', ')})`, key: true });
  for (const count of COUNTS) {
    const value = probe[count];
    if (typeof value !== 'number' || !Number.isInteger(value)) continue;
    if (count === 'successThreshold' && field !== 'readinessProbe') {
      // 0 is defaulted to 1 (SetDefaults_Probe) before validation
      if (value !== 0 && value !== 1) problems.push({ field: count, message: `Invalid value: ${value}: must be 1 (a ${field} succeeds once)`, key: false });
    } else if (value < 0) {
      problems.push({ field: count, message: `Invalid value: ${value}: must be greater than or equal to 0`, key: false });
    }
  }
  const grace = probe['terminationGracePeriodSeconds'];
  if (field === 'readinessProbe' && isSet(grace)) {
    problems.push({ field: 'terminationGracePeriodSeconds', message: 'Invalid value: must not be set for readinessProbes (only liveness and startup probes restart the container)', key: true });
  } else if (typeof grace === 'number' && Number.isInteger(grace) && grace <= 0) {
    problems.push({ field: 'terminationGracePeriodSeconds', message: `Invalid value: ${grace}: must be greater than 0`, key: false });
  }
  return problems;
}

const NO_PROBLEMS: readonly Problem[] = [];

const PLAIN_INIT: readonly Problem[] = [{ field: '', message: 'Forbidden: may not be set for init containers without restartPolicy=Always', key: true }];

function checkPodSpec(object: K8sObject, template: Path, context: RuleContext): void {
  const spec = asMap(dig(dig(object.raw, ...template), 'spec'));
  if (!spec) return;
  for (const list of ['containers', 'initContainers'] as const) {
    (asList(spec[list]) ?? []).forEach((item, c) => {
      const container = asMap(item);
      if (!container) return;
      // a plain init container runs to completion before the pod starts: no probes (validateInitContainers)
      const plainInit = list === 'initContainers' && container['restartPolicy'] !== 'Always';
      for (const field of PROBE_FIELDS) {
        const value = container[field];
        if (!isSet(value)) continue;
        const probe = asMap(value);
        // (a probe that is not a mapping is manifest-schema's finding)
        const problems = plainInit ? PLAIN_INIT : probe ? probeProblems(field, probe) : NO_PROBLEMS;
        if (problems.length === 0) continue;
        const path: Path = [...template, 'spec', list, c, field];
        const where = `container "${asString(container['name']) ?? `#${c}`}" ${list}[${c}].${field}`;
        for (const problem of problems) {
          // a kustomize patch's probe may change only timings: its handler is the base's
          if (object.ref.partial && problem.message.startsWith('Required value')) continue;
          const at = problem.field === '' ? path : [...path, problem.field];
          context.report({
            at: problem.key ? object.keyAt(...at) : object.at(...at),
            object: object.ref,
            message: `${where}${problem.field ? `.${problem.field}` : ''}: ${problem.message}${podSpecRejection(object.kind)}`,
          });
        }
      }
    });
  }
}

export default defineRule({
  meta: {
    id: 'probe-invalid',
    severity: 'error',
    description: 'A probe the API server rejects: on a plain init container, with no or several handlers, a liveness or startup successThreshold other than 1',
  },
  create(context) {
    return {
      object(object) {
        const template = templatePathOf(object);
        if (template) checkPodSpec(object, template, context);
      },
    };
  },
});
