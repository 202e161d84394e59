/**
 * Objects that point at pods or workloads: NetworkPolicies and PodDisruptionBudgets select
 * pods with a LabelSelector; HorizontalPodAutoscalers name a workload to scale.
 */
import type { Path } from '../load/positions.js';
import { readLabelSelector, type Requirement } from './label-selector.js';
import type { K8sObject, ObjectRef } from './object.js';
import { asList, asMap, asString, dig, type PlainMap } from './values.js';

/** A pod selector somewhere in an object: where it is and what it requires. */
export interface PodSelectorView {
  readonly path: Path;
  /** undefined: no selector (nil), which selects nothing; []: `{}`, which selects every pod. */
  readonly requirements?: readonly Requirement[];
  /** A part the API server rejects (label-syntax's finding): the selector is not judged. */
  readonly malformed?: boolean;
}

export interface PolicyPeerView extends PodSelectorView {
  /** With a namespaceSelector the pods may be in other namespaces: not judged. */
  readonly otherNamespaces: boolean;
}

export class NetworkPolicyView {
  readonly podSelector: PodSelectorView;
  /** `from`/`to` peers that select pods of the policy's own namespace. */
  readonly peers: readonly PolicyPeerView[];

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    const spec = asMap(raw['spec']);
    this.podSelector = selectorAt(spec?.['podSelector'], ['spec', 'podSelector']);
    const peers: PolicyPeerView[] = [];
    for (const [direction, list] of [['ingress', 'from'], ['egress', 'to']] as const) {
      (asList(spec?.[direction]) ?? []).forEach((rule, r) => {
        (asList(dig(rule, list)) ?? []).forEach((peer, p) => {
          const podSelector = dig(peer, 'podSelector');
          if (podSelector === undefined) return;
          peers.push({
            ...selectorAt(podSelector, ['spec', direction, r, list, p, 'podSelector']),
            otherNamespaces: dig(peer, 'namespaceSelector') !== undefined,
          });
        });
      });
    }
    this.peers = peers;
  }

  static from(object: K8sObject): NetworkPolicyView | undefined {
    if (object.kind !== 'NetworkPolicy' || (object.group !== 'networking.k8s.io' && object.group !== 'extensions')) return undefined;
    return new NetworkPolicyView(object.ref, object.raw);
  }
}

export class PodDisruptionBudgetView {
  readonly selector: PodSelectorView;

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    this.selector = selectorAt(dig(raw, 'spec', 'selector'), ['spec', 'selector']);
  }

  static from(object: K8sObject): PodDisruptionBudgetView | undefined {
    if (object.kind !== 'PodDisruptionBudget' || object.group !== 'policy') return undefined;
    return new PodDisruptionBudgetView(object.ref, object.raw);
  }
}

export interface ScaleTarget {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
}

export class HorizontalPodAutoscalerView {
  readonly target?: ScaleTarget;

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    const target = asMap(dig(raw, 'spec', 'scaleTargetRef'));
    const kind = asString(target?.['kind']);
    const name = asString(target?.['name']);
    const apiVersion = asString(target?.['apiVersion']);
    if (kind && name) this.target = { kind, name, ...(apiVersion ? { apiVersion } : {}) };
  }

  static from(object: K8sObject): HorizontalPodAutoscalerView | undefined {
    if (object.kind !== 'HorizontalPodAutoscaler' || object.group !== 'autoscaling') return undefined;
    return new HorizontalPodAutoscalerView(object.ref, object.raw);
  }
}

function selectorAt(value: unknown, path: Path): PodSelectorView {
  const selector = readLabelSelector(value);
  if (!selector) return { path };
  return selector.malformed ? { path, requirements: selector.requirements, malformed: true } : { path, requirements: selector.requirements };
}
