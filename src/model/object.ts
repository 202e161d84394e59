/** Kubernetes objects found in documents, and references to places inside them. */
import type { Path, PathSegment, Span } from '../load/positions.js';
import type { SourceFile } from '../load/source.js';
import { groupOf, isBuiltInGroup, isNamespaced } from './api-resources.js';
import { asLabelMap, asMap, asString, NO_LABELS, type PlainMap } from './values.js';

/**
 * How every Kubernetes apiVersion begins: `v1…` or `group/v1…` (`apps/v1`, `postgresql.cnpg.io/v1beta1`).
 * What follows is api-version-kind's to judge.
 */
const API_VERSION_FORM = /^(?:[^/\s]+\/)?[vV]\d/;

/**
 * Whether a mapping is meant as a Kubernetes object. One with a `kind` is, unless its
 * `apiVersion` is there but does not look like one (Grafana provisioning files have
 * `apiVersion: 1`); one without a `kind` only when its apiVersion looks like one and it has
 * `metadata` (an object that lost its kind). Anything else (a Helm `Chart.yaml`, compose and
 * tool files) is not Kubernetes: skipped silently.
 */
export function isManifestLike(map: PlainMap): boolean {
  const apiVersion = map['apiVersion'];
  const formed = typeof apiVersion === 'string' && API_VERSION_FORM.test(apiVersion);
  if ('kind' in map) return apiVersion === undefined || formed;
  return formed && asMap(map['metadata']) !== undefined;
}

/** A place a finding can point at: a value (or its key) inside a document, or a span of a file. */
export type NodeRef =
  | { readonly file: SourceFile; readonly docIndex: number; readonly path: Path; readonly target: 'key' | 'value' }
  | { readonly file: SourceFile; readonly span: Span };

/** Identifies an object in output. */
export interface ObjectId {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Where a mapping sits: its file, document, and path inside the document ([] or ['items', i]). */
class Located {
  constructor(
    readonly file: SourceFile,
    readonly docIndex: number,
    readonly base: Path,
  ) {}

  at(...path: PathSegment[]): NodeRef {
    return { file: this.file, docIndex: this.docIndex, path: this.base.length === 0 ? path : [...this.base, ...path], target: 'value' };
  }

  keyAt(...path: PathSegment[]): NodeRef {
    return { file: this.file, docIndex: this.docIndex, path: this.base.length === 0 ? path : [...this.base, ...path], target: 'key' };
  }
}

/**
 * What an object is and where: small, and kept for the whole run (the parsed value is not).
 */
/** The annotation that suppresses findings about an object: a comma-separated rule list or `all`. */
export const IGNORE_ANNOTATION = 'k8s-svc-lint.io/ignore';

export class ObjectRef extends Located implements ObjectId {
  /** Rules whose findings about this object are suppressed (IGNORE_ANNOTATION), when it has one. */
  ignoredRules?: readonly string[] | 'all';

  constructor(
    file: SourceFile,
    docIndex: number,
    base: Path,
    readonly apiVersion: string,
    readonly kind: string,
    readonly name: string,
    /** The object's namespace, `--namespace` when it has none, '' for cluster-scoped kinds. */
    readonly namespace: string,
    /**
     * Part of an object rather than a whole one: a kustomize patch. What it holds can be wrong
     * (syntax, unknown fields, types, label syntax); what it leaves out cannot (required fields,
     * a selector, ports), and it is not resolved against other objects on its own.
     */
    readonly partial = false,
  ) {
    super(file, docIndex, base);
  }

  get group(): string {
    return groupOf(this.apiVersion);
  }

  get id(): ObjectId {
    return { apiVersion: this.apiVersion, kind: this.kind, namespace: this.namespace, name: this.name };
  }

  /** `Deployment/web`, as kubectl names objects. */
  get displayName(): string {
    return `${this.kind}/${this.name}`;
  }

  /** Where it is, for a message: its file, or (`--render`) the overlay or chart whose output holds it. */
  get whereabouts(): string {
    const environment = this.file.rendering?.environment;
    return environment ? `${environment.tool === 'helm' ? 'chart' : 'overlay'} ${environment.name}` : this.file.path;
  }
}

/**
 * The order of objects in the model: by file, then name, kind and namespace, then place. Lists
 * built from the model (posting lists, "did you mean" candidates, workloads named in a message)
 * follow it, so ties are broken the same way whatever order the files, or the documents of a
 * stream, came in. (Files arrive in path order, so sorting costs little.)
 */
export function compareObjects(a: ObjectRef, b: ObjectRef): number {
  return (
    compareText(a.file.path, b.file.path) ||
    compareText(a.name, b.name) ||
    compareText(a.kind, b.kind) ||
    compareText(a.namespace, b.namespace) ||
    a.docIndex - b.docIndex ||
    (a.base.length === 0 || b.base.length === 0 ? a.base.length - b.base.length : Number(a.base[1]) - Number(b.base[1]))
  );
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * A mapping meant as a Kubernetes object (it has `kind` or `apiVersion`), while its file is
 * being read: the parsed value is at hand. Whether it is well-formed is for rules to say.
 */
export class Manifest extends Located {
  /** A kustomize patch, not a whole object (see ObjectRef.partial). */
  readonly partial: boolean;
  /**
   * JSON pointers (within this object) of values that were `${VAR:-default}`: judged by their
   * default, but whether envsubst's output is a string or a number depends on quoting.
   */
  typeUnknown?: ReadonlySet<string>;

  constructor(file: SourceFile, docIndex: number, base: Path, readonly raw: PlainMap) {
    super(file, docIndex, base);
    const role = file.kustomize?.role;
    this.partial = role === 'patch' || (role === 'unlisted' && looksPartial(raw));
  }

  /** Takes the pointers of its document (`/items/2/spec/…` for a List item) that fall inside it. */
  setTypeUnknown(document: ReadonlySet<string>): void {
    const prefix = this.base.map((s) => `/${s}`).join('');
    const own = new Set<string>();
    for (const pointer of document) if (pointer.startsWith(prefix)) own.add(pointer.slice(prefix.length));
    if (own.size > 0) this.typeUnknown = own;
  }
}

/**
 * Whether an object that a kustomization beside it does not list lacks what every whole object
 * of its kind has (a name, a workload's selector or containers, a CRD's names): then it is a
 * patch kept for a variant (kubebuilder's `manager_*_patch.yaml`), not an object to apply.
 */
function looksPartial(raw: PlainMap): boolean {
  const metadata = asMap(raw['metadata']);
  if (typeof metadata?.['name'] !== 'string') return true;
  const spec = asMap(raw['spec']);
  const apiVersion = asString(raw['apiVersion']) ?? '';
  const kind = asString(raw['kind']) ?? '';
  if (kind === 'CustomResourceDefinition') return asMap(spec?.['names']) === undefined;
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(kind) && isBuiltInGroup(groupOf(apiVersion))) {
    const containers = asMap(asMap(spec?.['template'])?.['spec'])?.['containers'];
    return !Array.isArray(containers) || (kind !== 'Job' && spec?.['selector'] === undefined);
  }
  if (kind === 'Service' && apiVersion === 'v1') return spec === undefined || (spec['ports'] === undefined && spec['selector'] === undefined && spec['type'] !== 'ExternalName');
  return false;
}

/** A manifest with a string `apiVersion` and `kind`, while its file is being read. */
export class K8sObject extends Manifest {
  readonly ref: ObjectRef;

  constructor(manifest: Manifest, apiVersion: string, kind: string, defaultNamespace: string) {
    super(manifest.file, manifest.docIndex, manifest.base, manifest.raw);
    if (manifest.typeUnknown) this.typeUnknown = manifest.typeUnknown;
    const metadata = asMap(manifest.raw['metadata']);
    const namespace = asString(metadata?.['namespace']);
    this.ref = new ObjectRef(
      manifest.file,
      manifest.docIndex,
      manifest.base,
      apiVersion,
      kind,
      asString(metadata?.['name']) ?? '',
      // a kustomization's `namespace:` replaces what the object says, in every build of it
      isNamespaced(kind) ? manifest.file.kustomize?.namespace || namespace || defaultNamespace : '',
      manifest.partial,
    );
    const ignored = asString(asMap(metadata?.['annotations'])?.[IGNORE_ANNOTATION]);
    if (ignored !== undefined) {
      const rules = ignored.split(',').map((r) => r.trim()).filter(Boolean);
      this.ref.ignoredRules = rules.includes('all') ? 'all' : rules;
    }
  }

  get apiVersion(): string {
    return this.ref.apiVersion;
  }

  get kind(): string {
    return this.ref.kind;
  }

  get group(): string {
    return this.ref.group;
  }

  get name(): string {
    return this.ref.name;
  }

  get namespace(): string {
    return this.ref.namespace;
  }

  get displayName(): string {
    return this.ref.displayName;
  }

  get labels(): Readonly<Record<string, string>> {
    return asLabelMap(asMap(this.raw['metadata'])?.['labels']) ?? NO_LABELS;
  }

  get annotations(): Readonly<Record<string, string>> {
    return asLabelMap(asMap(this.raw['metadata'])?.['annotations']) ?? NO_LABELS;
  }
}
