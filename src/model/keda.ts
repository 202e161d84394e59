/**
 * KEDA (`keda.sh/v1alpha1`) ScaledObject: the workload it scales. `scaleTargetRef.kind`
 * defaults to Deployment and `apiVersion` to apps/v1 (KEDA's `ParseGVKR`). A ScaledJob carries
 * its own job template instead, a pod source like any other.
 */
import type { K8sObject, ObjectRef } from './object.js';
import { asMap, asString, dig, type PlainMap } from './values.js';

export const KEDA_GROUP = 'keda.sh';

export interface KedaScaleTarget {
  readonly apiVersion: string;
  readonly kind: string;
  /** `kind` was not written: Deployment by default. */
  readonly kindDefaulted: boolean;
  readonly name: string;
  /** The container whose environment the scalers read. */
  readonly envSourceContainerName?: string;
}

export class ScaledObjectView {
  readonly target?: KedaScaleTarget;

  private constructor(readonly ref: ObjectRef, raw: PlainMap) {
    const target = asMap(dig(raw, 'spec', 'scaleTargetRef'));
    const name = asString(target?.['name']);
    if (!target || !name) return;
    const container = asString(target['envSourceContainerName']);
    this.target = {
      apiVersion: asString(target['apiVersion']) || 'apps/v1',
      kind: asString(target['kind']) || 'Deployment',
      kindDefaulted: !asString(target['kind']),
      name,
      ...(container ? { envSourceContainerName: container } : {}),
    };
  }

  static from(object: K8sObject): ScaledObjectView | undefined {
    return object.kind === 'ScaledObject' && object.group === KEDA_GROUP ? new ScaledObjectView(object.ref, object.raw) : undefined;
  }

  get namespace(): string {
    return this.ref.namespace;
  }
}
