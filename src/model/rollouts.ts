/**
 * Argo Rollouts (`argoproj.io/v1alpha1` Rollout): the Services a rollout strategy switches
 * between. Argo validates each against the Rollout's pod template labels (every label of the
 * Service's selector but `rollouts-pod-template-hash` must be one of them) and then adds the
 * pod-template-hash to the selector at run time. With `workloadRef`, the template is the
 * referenced workload's.
 */
import type { Path } from '../load/positions.js';
import type { K8sObject, ObjectRef } from './object.js';
import { asLabelMap, asMap, asString, dig, type PlainMap } from './values.js';

export const ARGO_GROUP = 'argoproj.io';

/** The label Argo adds to the Services' selectors and its pods. */
export const ROLLOUT_HASH_LABEL = 'rollouts-pod-template-hash';

export type RolloutServiceRole = 'canary' | 'stable' | 'active' | 'preview' | 'ping' | 'pong';

export interface RolloutServiceRef {
  readonly role: RolloutServiceRole;
  readonly name: string;
  /** Path of the name inside the Rollout. */
  readonly path: Path;
}

export interface WorkloadRefView {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
}

/** Where each Service name sits in a Rollout, with the role Argo gives it. */
const SERVICE_FIELDS: readonly { role: RolloutServiceRole; path: Path }[] = [
  { role: 'canary', path: ['spec', 'strategy', 'canary', 'canaryService'] },
  { role: 'stable', path: ['spec', 'strategy', 'canary', 'stableService'] },
  { role: 'ping', path: ['spec', 'strategy', 'canary', 'pingPong', 'pingService'] },
  { role: 'pong', path: ['spec', 'strategy', 'canary', 'pingPong', 'pongService'] },
  { role: 'active', path: ['spec', 'strategy', 'blueGreen', 'activeService'] },
  { role: 'preview', path: ['spec', 'strategy', 'blueGreen', 'previewService'] },
];

/** Pairs Argo rejects when both name one Service. */
export const DISTINCT_ROLES: readonly (readonly [RolloutServiceRole, RolloutServiceRole])[] = [
  ['canary', 'stable'],
  ['active', 'preview'],
];

export class RolloutView {
  readonly services: readonly RolloutServiceRef[];
  /** `spec.template.metadata.labels`, when the Rollout has its own template. */
  readonly templateLabels?: Readonly<Record<string, string>>;
  readonly workloadRef?: WorkloadRefView;

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    this.services = SERVICE_FIELDS.flatMap(({ role, path }) => {
      const name = asString(dig(raw, ...path));
      return name ? [{ role, name, path }] : [];
    });
    const template = asMap(dig(raw, 'spec', 'template'));
    if (template) this.templateLabels = asLabelMap(dig(template, 'metadata', 'labels')) ?? {};
    const workload = asMap(dig(raw, 'spec', 'workloadRef'));
    const kind = asString(workload?.['kind']);
    const name = asString(workload?.['name']);
    const apiVersion = asString(workload?.['apiVersion']);
    if (kind && name) this.workloadRef = { kind, name, ...(apiVersion ? { apiVersion } : {}) };
  }

  static from(object: K8sObject): RolloutView | undefined {
    return object.kind === 'Rollout' && object.group === ARGO_GROUP ? new RolloutView(object.ref, object.raw) : undefined;
  }

  get namespace(): string {
    return this.ref.namespace;
  }
}
