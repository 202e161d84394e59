/** Kubernetes objects found in documents, and references to places inside them. */
import type { Path, PathSegment, Span } from '../load/positions.js';
import type { SourceFile } from '../load/source.js';
import { groupOf, isNamespaced } from './api-resources.js';
import { asLabelMap, asMap, asString, NO_LABELS, type PlainMap } from './values.js';

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
  constructor(file: SourceFile, docIndex: number, base: Path, readonly raw: PlainMap) {
    super(file, docIndex, base);
  }
}

/** A manifest with a string `apiVersion` and `kind`, while its file is being read. */
export class K8sObject extends Manifest {
  readonly ref: ObjectRef;

  constructor(manifest: Manifest, apiVersion: string, kind: string, defaultNamespace: string) {
    super(manifest.file, manifest.docIndex, manifest.base, manifest.raw);
    const metadata = asMap(manifest.raw['metadata']);
    const namespace = asString(metadata?.['namespace']);
    this.ref = new ObjectRef(
      manifest.file,
      manifest.docIndex,
      manifest.base,
      apiVersion,
      kind,
      asString(metadata?.['name']) ?? '',
      isNamespaced(kind) ? namespace || defaultNamespace : '',
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
