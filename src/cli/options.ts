/** Command-line values → checked settings. A bad value is a usage error (exit 2) naming it. */
import type { Rule, Severity } from '../engine/rule.js';
import { minorOf, NEWEST_KNOWN_KUBE_VERSION } from '../model/api-resources.js';

export class UsageError extends Error {}

export const DEFAULT_NODE_PORT_RANGE = '30000-32767';

/** `--no-manifests`: what an input holding no Kubernetes manifest is. */
export const NO_MANIFESTS_LEVELS = ['off', 'warn', 'error'] as const;
export type NoManifestsLevel = (typeof NO_MANIFESTS_LEVELS)[number];

export function parseKubeVersion(value: string): number {
  const minor = minorOf(value);
  if (minor === undefined) throw new UsageError(`--kube-version: expected a Kubernetes version such as ${NEWEST_KNOWN_KUBE_VERSION}, got "${value}"`);
  return minor;
}

export function parseNodePortRange(value: string): { min: number; max: number } {
  const match = /^(\d+)-(\d+)$/.exec(value.trim());
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min < 1 || max > 65535 || min > max) {
    throw new UsageError(`--node-port-range: expected FROM-TO within 1-65535 such as ${DEFAULT_NODE_PORT_RANGE}, got "${value}"`);
  }
  return { min, max };
}

const SEVERITIES = new Set<string>(['off', 'warn', 'error']);

/** `--rule id=off|warn|error`, repeatable. */
export function parseRuleSettings(values: readonly string[], rules: readonly Rule[]): Map<string, Severity> {
  const known = new Set(rules.map((r) => r.meta.id));
  const severities = new Map<string, Severity>();
  for (const value of values) {
    const [id, severity, extra] = value.split('=');
    if (!id || !severity || extra !== undefined || !SEVERITIES.has(severity)) {
      throw new UsageError(`--rule: expected ID=off|warn|error, got "${value}"`);
    }
    if (!known.has(id)) throw new UsageError(`--rule: unknown rule "${id}" (see k8s-svc-lint rules)`);
    severities.set(id, severity as Severity);
  }
  return severities;
}

export function parseMaxWarnings(value: string): number | undefined {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--max-warnings: expected a whole number, got "${value}"`);
  const number = Number(value);
  return number < 0 ? undefined : number;
}

/** --color / --no-color win; then FORCE_COLOR, NO_COLOR; else colour only on a terminal that is not TERM=dumb. */
export function useColor(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env['NO_COLOR']) return false;
  if (env['TERM'] === 'dumb') return false;
  return isTTY;
}
