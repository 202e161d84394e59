/**
 * (namespace, key=value) → pod templates. Built once per run; a selector is resolved from the
 * shortest posting list it names, so its cost follows that list, not the number of workloads.
 */
import type { PodSource } from '../model/pod-source.js';
import { matchesRequirement, type Requirement } from '../model/label-selector.js';
import { Vocabulary } from '../util/closest.js';
import { pushTo } from '../util/multimap.js';
import { isControllerLabel, podHasLabel } from './controller-labels.js';
import { FolderTree } from './nearest.js';

const EMPTY: readonly PodSource[] = [];
const NO_VALUES: ReadonlyMap<string, readonly PodSource[]> = new Map();
/** Any namespace: used to say "this would match in namespace X". */
export const ALL_NAMESPACES = '\u0000all';

class NamespacePods {
  readonly all: PodSource[] = [];
  /** key → value → sources (the posting lists). */
  readonly byKey = new Map<string, Map<string, PodSource[]>>();
  /** key → sources whose value of it is unknown (an operator's hash, a placeholder): they may have any. */
  private anyValue?: Map<string, PodSource[]>;
  /** Kustomize patches of pod templates, and templates with placeholder labels: the few that explain a miss. */
  readonly partial: PodSource[] = [];
  readonly templated: PodSource[] = [];

  add(source: PodSource): void {
    this.all.push(source);
    if (source.partial) this.partial.push(source);
    if (source.placeholderLabels) this.templated.push(source);
    const unknown = source.anyValueLabels;
    for (const key in source.labels) {
      if (unknown?.has(key)) continue;
      let values = this.byKey.get(key);
      if (!values) this.byKey.set(key, (values = new Map()));
      pushTo(values, source.labels[key]!, source);
    }
    if (unknown) for (const key of unknown) pushTo((this.anyValue ??= new Map()), key, source);
  }

  /** Sources whose label `key` may have any value. */
  withAnyValue(key: string): readonly PodSource[] | undefined {
    return this.anyValue?.get(key);
  }

  /** The values of a label, for "did you mean" (built on first use). */
  private readonly vocabularies = new Map<string, Vocabulary>();
  private folders?: FolderTree<PodSource>;

  /** The folder tree of these pod templates (built on first use: only hints need it). */
  get folderTree(): FolderTree<PodSource> {
    this.folders ??= new FolderTree(this.all, (source) => source.ref.file.path);
    return this.folders;
  }

  withLabel(key: string, value: string): readonly PodSource[] | undefined {
    const exact = this.byKey.get(key)?.get(value);
    if (!this.anyValue) return exact;
    const any = this.anyValue.get(key);
    return any ? [...(exact ?? []), ...any] : exact;
  }

  /** Sources with label `key` (any value). */
  withKey(key: string): PodSource[] {
    return [...[...(this.byKey.get(key)?.values() ?? [])].flat(), ...(this.withAnyValue(key) ?? [])];
  }

  vocabularyOf(key: string): Vocabulary {
    let vocabulary = this.vocabularies.get(key);
    if (!vocabulary) this.vocabularies.set(key, (vocabulary = new Vocabulary(this.byKey.get(key)?.keys() ?? [])));
    return vocabulary;
  }
}

export class LabelIndex {
  private readonly namespaces = new Map<string, NamespacePods>();
  private everywhere?: NamespacePods;

  /**
   * @param previous the index of the model before some files changed (the language server): the
   *   pods of namespaces `unchanged` keeps are taken over, with what was built from them on use.
   */
  constructor(
    private readonly sources: readonly PodSource[],
    previous?: { readonly index: LabelIndex; readonly unchanged: (namespace: string) => boolean },
  ) {
    const kept = new Set<string>();
    if (previous) {
      for (const [namespace, pods] of previous.index.namespaces) {
        if (!previous.unchanged(namespace)) continue;
        this.namespaces.set(namespace, pods);
        kept.add(namespace);
      }
    }
    for (const source of sources) {
      if (kept.size > 0 && kept.has(source.namespace)) continue;
      let pods = this.namespaces.get(source.namespace);
      if (!pods) this.namespaces.set(source.namespace, (pods = new NamespacePods()));
      pods.add(source);
    }
  }

  /** The pods of a namespace; ALL_NAMESPACES is built on first use (only hints need it). */
  private podsIn(namespace: string): NamespacePods | undefined {
    if (namespace !== ALL_NAMESPACES) return this.namespaces.get(namespace);
    if (!this.everywhere) {
      this.everywhere = new NamespacePods();
      for (const source of this.sources) this.everywhere.add(source);
    }
    return this.everywhere;
  }

  sourcesIn(namespace: string): readonly PodSource[] {
    return this.podsIn(namespace)?.all ?? EMPTY;
  }

  /** The kustomize patches among the pod templates of a namespace. */
  partialIn(namespace: string): readonly PodSource[] {
    return this.podsIn(namespace)?.partial ?? EMPTY;
  }

  /** The pod templates of a namespace with template placeholders in their labels. */
  templatedIn(namespace: string): readonly PodSource[] {
    return this.podsIn(namespace)?.templated ?? EMPTY;
  }

  /**
   * The deepest folder holding both `path` and pod templates of the namespace: the region of the
   * input that hints for an object in `path` draw from (see FolderTree).
   */
  nearestFolder(namespace: string, path: string): string | undefined {
    return this.podsIn(namespace)?.folderTree.nearestFolder(path);
  }

  /** The pod templates of a namespace nearest to `path` in the file tree. */
  sourcesNear(namespace: string, path: string): readonly PodSource[] {
    return this.podsIn(namespace)?.folderTree.nearest(path) ?? EMPTY;
  }

  /** Label values of `key` among the pod templates of a namespace. */
  valuesOf(namespace: string, key: string): ReadonlyMap<string, readonly PodSource[]> {
    return this.podsIn(namespace)?.byKey.get(key) ?? NO_VALUES;
  }

  /** The value of label `key` in `namespace` closest to `value` (see `closest`). */
  closestValue(namespace: string, key: string, value: string): string | undefined {
    return this.podsIn(namespace)?.vocabularyOf(key).closest(value);
  }

  /** Sources whose template has `key=value`. */
  withLabel(namespace: string, key: string, value: string): readonly PodSource[] {
    return this.podsIn(namespace)?.withLabel(key, value) ?? EMPTY;
  }

  /** What a Service's equality selector selects in `namespace`. */
  selectByMap(namespace: string, selector: Readonly<Record<string, string>>): readonly PodSource[] {
    const pods = this.podsIn(namespace);
    if (!pods) return EMPTY;
    let shortest: readonly PodSource[] | undefined;
    let keys = 0;
    for (const key in selector) {
      keys++;
      if (isControllerLabel(key)) continue;
      const list = pods.withLabel(key, selector[key]!);
      if (!list) return EMPTY;
      if (!shortest || list.length < shortest.length) shortest = list;
    }
    // one label (the usual Service selector): its posting list is the answer
    if (keys === 1 && shortest) return shortest;
    const selected: PodSource[] = [];
    for (const source of shortest ?? pods.all) if (hasLabels(source, selector)) selected.push(source);
    return selected;
  }

  /** What a LabelSelector's requirements select (an empty list selects every pod). */
  selectByRequirements(namespace: string, requirements: readonly Requirement[]): PodSource[] {
    const pods = this.podsIn(namespace);
    if (!pods) return [];
    let shortest: readonly PodSource[] | undefined;
    for (const requirement of requirements) {
      if (isControllerLabel(requirement.key)) continue;
      let candidates: readonly PodSource[] | undefined;
      if (requirement.operator === 'In') {
        candidates = requirement.values.flatMap((value) => pods.withLabel(requirement.key, value) ?? []);
      } else if (requirement.operator === 'Exists') {
        candidates = pods.withKey(requirement.key);
      }
      if (candidates && (!shortest || candidates.length < shortest.length)) shortest = candidates;
    }
    const unique = shortest ? [...new Set(shortest)] : pods.all;
    return unique.filter((source) => requirements.every((r) => podMatches(source, r)));
  }
}

function hasLabels(source: PodSource, selector: Readonly<Record<string, string>>): boolean {
  for (const key in selector) if (!podHasLabel(source, key, selector[key]!)) return false;
  return true;
}

function podMatches(source: PodSource, requirement: Requirement): boolean {
  // a label whose value is unknown may satisfy In, NotIn and Exists (it is there); never DoesNotExist
  if (source.anyValueLabels?.has(requirement.key)) return requirement.operator !== 'DoesNotExist';
  if (requirement.operator === 'In' && isControllerLabel(requirement.key)) {
    return requirement.values.some((value) => podHasLabel(source, requirement.key, value));
  }
  return matchesRequirement(source.labels, requirement);
}
