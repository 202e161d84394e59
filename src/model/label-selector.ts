/**
 * metav1.LabelSelector (matchLabels + matchExpressions) as requirements, with the API
 * server's matching rules (k8s-semantics.md §2.2).
 */
import { asList, asMap, asString } from './values.js';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

const OPERATORS = new Set<string>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * The requirements of a LabelSelector value: `undefined` for a missing (nil) selector, which
 * matches nothing; `[]` for `{}`, which matches everything. Malformed parts are skipped
 * (label-syntax reports them).
 */
export function readLabelSelector(value: unknown): Requirement[] | undefined {
  const selector = asMap(value);
  if (!selector) return undefined;
  const requirements: Requirement[] = [];
  const matchLabels = asMap(selector['matchLabels']);
  for (const [key, labelValue] of Object.entries(matchLabels ?? {})) {
    if (typeof labelValue === 'string' || typeof labelValue === 'number' || typeof labelValue === 'boolean') {
      requirements.push({ key, operator: 'In', values: [String(labelValue)] });
    }
  }
  for (const item of asList(selector['matchExpressions']) ?? []) {
    const expression = asMap(item);
    const key = asString(expression?.['key']);
    const operator = asString(expression?.['operator']);
    if (key === undefined || operator === undefined || !OPERATORS.has(operator)) continue;
    const values = (asList(expression?.['values']) ?? []).filter((v): v is string => typeof v === 'string');
    requirements.push({ key, operator: operator as Operator, values });
  }
  return requirements;
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
