/**
 * metav1.LabelSelector (matchLabels + matchExpressions) as requirements, with the API
 * server's matching rules (k8s-semantics.md §2.2).
 */
import { labelKeyProblems, labelValueProblems } from './names.js';
import { asList, asMap, asString } from './values.js';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

const OPERATORS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

export interface LabelSelectorRead {
  readonly requirements: Requirement[];
  /**
   * A part `LabelSelectorAsSelector` rejects: an unknown operator, `In`/`NotIn` without values,
   * `Exists`/`DoesNotExist` with values, a key or value that breaks the label rules. The API
   * server then rejects the object for that part alone ("invalid label selector"), so nothing
   * is judged from the rest (label-syntax reports the part).
   */
  readonly malformed: boolean;
}

/**
 * The requirements of a LabelSelector value: `undefined` for a missing (nil) selector, which
 * matches nothing; `[]` for `{}`, which matches everything. Malformed parts are skipped and
 * flagged.
 */
export function readLabelSelector(value: unknown): LabelSelectorRead | undefined {
  const selector = asMap(value);
  if (!selector) return undefined;
  const requirements: Requirement[] = [];
  let malformed = false;
  const matchLabels = asMap(selector['matchLabels']);
  for (const key in matchLabels) {
    const labelValue = matchLabels[key];
    if (typeof labelValue === 'string' || typeof labelValue === 'number' || typeof labelValue === 'boolean') {
      requirements.push({ key, operator: 'In', values: [String(labelValue)] });
      if (labelKeyProblems(key).length > 0 || (typeof labelValue === 'string' && labelValueProblems(labelValue).length > 0)) malformed = true;
    }
  }
  for (const item of asList(selector['matchExpressions']) ?? []) {
    const expression = asMap(item);
    const key = asString(expression?.['key']);
    const operator = asString(expression?.['operator']);
    if (key === undefined || operator === undefined || !OPERATORS.has(operator)) {
      malformed = true;
      continue;
    }
    const values = (asList(expression?.['values']) ?? []).filter((v): v is string => typeof v === 'string');
    const wantsValues = operator === 'In' || operator === 'NotIn';
    if (wantsValues !== values.length > 0 || labelKeyProblems(key).length > 0 || values.some((v) => labelValueProblems(v).length > 0)) malformed = true;
    requirements.push({ key, operator: operator as Operator, values });
  }
  return { requirements, malformed };
}

export function matchesRequirement(labels: Readonly<Record<string, string>>, requirement: Requirement): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]!);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function matchesAll(labels: Readonly<Record<string, string>>, requirements: readonly Requirement[]): boolean {
  return requirements.every((r) => matchesRequirement(labels, r));
}

/** `app=web, tier in (a,b), !legacy` — kubectl's selector notation. */
export function formatRequirements(requirements: readonly Requirement[]): string {
  return requirements
    .map((r) => {
      if (r.operator === 'In' && r.values.length === 1) return `${r.key}=${r.values[0]}`;
      if (r.operator === 'Exists') return r.key;
      if (r.operator === 'DoesNotExist') return `!${r.key}`;
      return `${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`;
    })
    .join(', ');
}

export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
