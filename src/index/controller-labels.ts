/**
 * Labels that controllers add to the pods they create (k8s-semantics.md §5). A selector on
 * one of them can be decided statically only for the well-known value patterns; hash and uid
 * values are unknowable offline, so they are taken to match.
 */
import type { PodSource } from '../model/pod-source.js';

type Matcher = (source: PodSource, value: string) => boolean;

const anyValue: Matcher = () => true;

function statefulSetOrdinal(source: PodSource, value: string): boolean {
  if (!/^\d+$/.test(value)) return false;
  const ordinal = Number(value);
  const start = source.ordinalsStart ?? 0;
  const replicas = source.replicas ?? 1;
  return ordinal >= start && ordinal < start + replicas;
}

const BY_KIND = new Map<string, ReadonlyMap<string, Matcher>>([
  ['Deployment', new Map([['pod-template-hash', anyValue]])],
  ['ReplicaSet', new Map([['pod-template-hash', anyValue]])],
  [
    'StatefulSet',
    new Map<string, Matcher>([
      ['controller-revision-hash', anyValue],
      ['statefulset.kubernetes.io/pod-name', (source, value) => value.startsWith(`${source.name}-`) && statefulSetOrdinal(source, value.slice(source.name.length + 1))],
      ['apps.kubernetes.io/pod-index', statefulSetOrdinal],
    ]),
  ],
  ['DaemonSet', new Map([['controller-revision-hash', anyValue], ['pod-template-generation', anyValue]])],
  [
    'Job',
    new Map<string, Matcher>([
      ['batch.kubernetes.io/job-name', (source, value) => value === source.name],
      ['job-name', (source, value) => value === source.name],
      ['batch.kubernetes.io/controller-uid', anyValue],
      ['controller-uid', anyValue],
    ]),
  ],
  [
    'CronJob',
    new Map<string, Matcher>([
      ['batch.kubernetes.io/job-name', (source, value) => value.startsWith(`${source.name}-`)],
      ['job-name', (source, value) => value.startsWith(`${source.name}-`)],
      ['batch.kubernetes.io/controller-uid', anyValue],
      ['controller-uid', anyValue],
    ]),
  ],
]);

const ALL_KEYS = new Set([...BY_KIND.values()].flatMap((labels) => [...labels.keys()]));

/** Keys that some controller sets: these are not in the posting lists of the label index. */
export function isControllerLabel(key: string): boolean {
  return ALL_KEYS.has(key);
}

/** Whether the pods of `source` carry `key=value`, from the template or from their controller. */
export function podHasLabel(source: PodSource, key: string, value: string): boolean {
  if (source.labels[key] === value) return true;
  // set by an operator at run time, or a template placeholder: it may be this value
  if (source.anyValueLabels?.has(key)) return true;
  const matcher = BY_KIND.get(source.kind)?.get(key);
  return matcher !== undefined && !Object.hasOwn(source.labels, key) && matcher(source, value);
}
