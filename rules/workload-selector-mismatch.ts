import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { Path } from '../src/load/positions.js';
import { formatLabels, formatRequirements, matchesAll, readLabelSelector, type Requirement } from '../src/model/label-selector.js';
import type { K8sObject } from '../src/model/object.js';
import { asBoolean, asLabelMap, asMap, asString, dig, NO_LABELS } from '../src/model/values.js';

/** Kinds with a LabelSelector that must select their own template (apps/v1 requires it). */
const SELECTOR_KINDS = new Map<string, string>([
  ['Deployment', 'deployment'],
  ['ReplicaSet', 'deployment'], // sic: the API server's message says "deployment" for ReplicaSets too
  ['StatefulSet', 'statefulset'],
  ['DaemonSet', 'daemonset'],
]);

interface Workload {
  readonly selectorPath: Path;
  readonly templateLabelsPath: Path;
  /** `spec.selector` may be omitted (defaulted from the template, or generated for Jobs). */
  readonly optional: boolean;
}

/** A Job's uid when the input has it (a `kubectl get` dump); otherwise one no selector can name. */
const UNKNOWN_UID = '\u0000uid';

/**
 * The labels the API server generates for a Job's pods (generateSelector) and requires a
 * selector it did not generate to match (validateGeneratedSelector): the uid is assigned on
 * creation, so only a dump can know it.
 */
function generatedJobLabels(object: K8sObject): Record<string, string> {
  const uid = asString(dig(object.raw, 'metadata', 'uid')) || UNKNOWN_UID;
  return { 'controller-uid': uid, 'batch.kubernetes.io/controller-uid': uid, 'job-name': object.name, 'batch.kubernetes.io/job-name': object.name };
}

/** ValidateJobTemplateSpec: the Jobs a CronJob makes always get a generated selector. */
function checkJobTemplate(object: K8sObject, context: RuleContext): void {
  const spec = asMap(dig(object.raw, 'spec', 'jobTemplate', 'spec'));
  if (!spec) return;
  const selector = spec['selector'];
  if (selector !== undefined && selector !== null) {
    context.report({
      at: object.keyAt('spec', 'jobTemplate', 'spec', 'selector'),
      object: object.ref,
      message: `CronJob "${object.name}": spec.jobTemplate.spec.selector: Invalid value: \`selector\` will be auto-generated; remove it (each Job the CronJob makes gets a selector of its own)`,
    });
  }
  if (spec['manualSelector'] === true) {
    context.report({
      at: object.at('spec', 'jobTemplate', 'spec', 'manualSelector'),
      object: object.ref,
      message: `CronJob "${object.name}": spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"`,
    });
  }
}

function workloadOf(object: K8sObject): Workload | undefined {
  if (SELECTOR_KINDS.has(object.kind) && (object.group === 'apps' || object.group === 'extensions')) {
    // only apps/v1 made the selector required; older versions defaulted it from the template
    return { selectorPath: ['spec', 'selector'], templateLabelsPath: ['spec', 'template', 'metadata', 'labels'], optional: object.apiVersion !== 'apps/v1' };
  }
  if (object.kind === 'Job' && object.group === 'batch') {
    return { selectorPath: ['spec', 'selector'], templateLabelsPath: ['spec', 'template', 'metadata', 'labels'], optional: true };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'workload-selector-mismatch',
    severity: 'error',
    description: "A workload's selector does not select its own pod template, or is missing or empty where required",
  },
  create(context) {
    const report = (object: K8sObject, at: ReturnType<K8sObject['at']>, message: string, templateLabels?: Path) =>
      context.report({
        at,
        object: object.ref,
        message,
        ...(templateLabels ? { related: [{ at: object.keyAt(...templateLabels), message: 'the pod template labels' }] } : {}),
      });

    return {
      object(object) {
        // a kustomize patch need not repeat its base's selector or labels
        if (object.ref.partial) return;
        if (object.kind === 'ReplicationController' && object.group === '') {
          // a map selector, defaulted from the template labels when empty
          const selector = asLabelMap(dig(object.raw, 'spec', 'selector'));
          const labels = asLabelMap(dig(object.raw, 'spec', 'template', 'metadata', 'labels')) ?? NO_LABELS;
          if (selector && Object.keys(selector).length > 0 && !Object.entries(selector).every(([k, v]) => labels[k] === v)) {
            report(object, object.keyAt('spec', 'selector'), `ReplicationController "${object.name}": \`selector\` does not match template \`labels\`: the selector wants ${formatLabels(selector)}, the template has ${formatLabels(labels) || 'no labels'}`, ['spec', 'template', 'metadata', 'labels']);
          }
          return;
        }
        if (object.kind === 'CronJob' && object.group === 'batch') {
          checkJobTemplate(object, context);
          return;
        }
        const workload = workloadOf(object);
        if (!workload) return;
        const rawSelector = dig(object.raw, ...workload.selectorPath);
        const kindWord = SELECTOR_KINDS.get(object.kind);
        if (rawSelector === undefined || rawSelector === null) {
          if (!workload.optional) {
            report(object, object.keyAt('spec'), `${object.kind} "${object.name}" has no spec.selector (Required value in apps/v1); add matchLabels that its template labels satisfy`);
          }
          return;
        }
        const selector = readLabelSelector(rawSelector);
        // a part LabelSelectorAsSelector rejects is label-syntax's finding, and the API server
        // then checks neither emptiness nor the template against the selector
        if (!selector || selector.malformed) return;
        const requirements: Requirement[] = selector.requirements;
        if (requirements.length === 0) {
          if (kindWord) report(object, object.keyAt(...workload.selectorPath), `${object.kind} "${object.name}": empty selector is invalid for ${kindWord}`);
          return;
        }
        if (object.kind === 'Job' && asBoolean(dig(object.raw, 'spec', 'manualSelector')) !== true) {
          // validateGeneratedSelector: without manualSelector the selector must select the
          // generated labels, which generateSelector also adds to the template
          if (!matchesAll(generatedJobLabels(object), requirements)) {
            report(
              object,
              object.keyAt(...workload.selectorPath),
              `Job "${object.name}": spec.selector: Invalid value: \`selector\` not auto-generated: without manualSelector: true the API server generates the selector (controller-uid, job-name) and rejects ${formatRequirements(requirements)}; remove spec.selector, or set manualSelector: true`,
            );
          }
          return;
        }
        const labels = asLabelMap(dig(object.raw, ...workload.templateLabelsPath)) ?? NO_LABELS;
        if (!matchesAll(labels, requirements)) {
          report(
            object,
            object.keyAt(...workload.selectorPath),
            `${object.kind} "${object.name}": \`selector\` does not match template \`labels\`: the selector wants ${formatRequirements(requirements)}, the template has ${formatLabels(labels) || 'no labels'}`,
            workload.templateLabelsPath,
          );
        }
      },
    };
  },
});
