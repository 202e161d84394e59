import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { formatPath, type Path } from '../src/load/positions.js';
import { labelKeyProblems, labelValueProblems } from '../src/model/names.js';
import { quote } from '../src/util/text.js';
import type { K8sObject } from '../src/model/object.js';
import { templatePathOf } from '../src/model/pod-source.js';
import { asList, asMap, dig } from '../src/model/values.js';

type Place = { readonly path: Path; readonly shape: 'map' | 'selector' };

const LABELS: Place = { path: ['metadata', 'labels'], shape: 'map' };
const MAP_SELECTOR: Place = { path: ['spec', 'selector'], shape: 'map' };
const LABEL_SELECTOR: Place = { path: ['spec', 'selector'], shape: 'selector' };

/** Label maps and selectors by kind, besides metadata.labels and pod template labels. */
const BY_KIND = new Map<string, readonly Place[]>([
  ['Service', [MAP_SELECTOR]],
  ['ReplicationController', [MAP_SELECTOR]],
  ['Deployment', [LABEL_SELECTOR]],
  ['ReplicaSet', [LABEL_SELECTOR]],
  ['StatefulSet', [LABEL_SELECTOR]],
  ['DaemonSet', [LABEL_SELECTOR]],
  ['Job', [LABEL_SELECTOR]],
  ['PodDisruptionBudget', [LABEL_SELECTOR]],
  [
    'CronJob',
    [
      { path: ['spec', 'jobTemplate', 'metadata', 'labels'], shape: 'map' },
      { path: ['spec', 'jobTemplate', 'spec', 'selector'], shape: 'selector' },
    ],
  ],
]);

const placesByKind = new Map<string, readonly Place[]>();

/** Where an object of this kind holds label maps and selectors. */
function placesOf(object: K8sObject): readonly Place[] {
  if (object.kind === 'NetworkPolicy') return networkPolicyPlaces(object);
  const key = `${object.group}/${object.kind}`;
  let places = placesByKind.get(key);
  if (!places) {
    const template = templatePathOf(object);
    places = [LABELS, ...(template && template.length > 0 ? [{ path: [...template, 'metadata', 'labels'], shape: 'map' } as const] : []), ...(BY_KIND.get(object.kind) ?? [])];
    placesByKind.set(key, places);
  }
  return places;
}

function networkPolicyPlaces(object: K8sObject): Place[] {
  const places: Place[] = [LABELS, { path: ['spec', 'podSelector'], shape: 'selector' }];
  for (const [direction, list] of [['ingress', 'from'], ['egress', 'to']] as const) {
    (asList(dig(object.raw, 'spec', direction)) ?? []).forEach((rule, r) => {
      (asList(dig(rule, list)) ?? []).forEach((_, p) => {
        for (const field of ['podSelector', 'namespaceSelector']) places.push({ path: ['spec', direction, r, list, p, field], shape: 'selector' });
      });
    });
  }
  return places;
}

function checkMap(object: K8sObject, path: Path, context: RuleContext): void {
  const map = asMap(dig(object.raw, ...path));
  if (!map) return;
  for (const key in map) {
    for (const problem of labelKeyProblems(key)) {
      context.report({ at: object.keyAt(...path, key), object: object.ref, message: `${formatPath(path)}: invalid label key ${quote(key)}: ${problem}` });
    }
    const value = map[key];
    // values of other types are manifest-schema's findings
    if (typeof value !== 'string') continue;
    for (const problem of labelValueProblems(value)) {
      context.report({ at: object.at(...path, key), object: object.ref, message: `${formatPath(path)}: invalid value ${quote(value)} for label ${quote(key)}: ${problem}` });
    }
  }
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function checkSelector(object: K8sObject, path: Path, context: RuleContext): void {
  const selector = asMap(dig(object.raw, ...path));
  if (!selector) return;
  checkMap(object, [...path, 'matchLabels'], context);
  (asList(selector['matchExpressions']) ?? []).forEach((item, i) => {
    const expression = asMap(item);
    if (!expression) return;
    const here = [...path, 'matchExpressions', i];
    const where = formatPath(here);
    const report = (at: ReturnType<K8sObject['at']>, message: string) => context.report({ at, object: object.ref, message: `${where}${message}` });
    const key = expression['key'];
    if (typeof key === 'string') for (const problem of labelKeyProblems(key)) report(object.at(...here, 'key'), `.key: invalid label key ${quote(key)}: ${problem}`);
    const operator = expression['operator'];
    const values = asList(expression['values']) ?? [];
    if (typeof operator === 'string' && !OPERATORS.includes(operator)) {
      const near = OPERATORS.find((o) => o.toLowerCase() === operator.toLowerCase());
      report(object.at(...here, 'operator'), `.operator: Invalid value: "${operator}": not a valid selector operator${near ? ` (operators are case-sensitive: "${near}")` : ''}`);
    } else if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
      report(object.keyAt(...here, expression['values'] === undefined ? 'operator' : 'values'), ".values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
    } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
      report(object.keyAt(...here, 'values'), ".values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    }
    values.forEach((value, j) => {
      if (typeof value !== 'string') return;
      for (const problem of labelValueProblems(value)) report(object.at(...here, 'values', j), `.values[${j}]: invalid label value ${quote(value)}: ${problem}`);
    });
  });
}

export default defineRule({
  meta: {
    id: 'label-syntax',
    severity: 'error',
    description: 'A label key or value, or a selector key, value or operator, that breaks the Kubernetes label rules',
  },
  create(context) {
    return {
      object(object) {
        for (const place of placesOf(object)) {
          if (place.shape === 'map') checkMap(object, place.path, context);
          else checkSelector(object, place.path, context);
        }
      },
    };
  },
});
