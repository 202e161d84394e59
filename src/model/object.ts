/** A Kubernetes object found in a document, and references to places inside it. */
import type { Path, PathSegment, Span } from '../load/positions.js';
import type { SourceFile } from '../load/source.js';
import { groupOf, isNamespaced } from './api-resources.js';
import { asLabelMap, asMap, asString, type PlainMap } from './values.js';

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

/**
 * A mapping in a document that has `kind` or `apiVersion`, i.e. meant as a Kubernetes object:
 * a document, or an item of a `kind: List`. Whether it is well-formed is for rules to say.
 */
export class Manifest {
  constructor(
    readonly file: SourceFile,
    readonly docIndex: number,
    /** Where the mapping sits in its document: [] or ['items', i]. */
    readonly base: Path,
    readonly raw: PlainMap,
  ) {}

  at(...path: PathSegment[]): NodeRef {
    return { file: this.file, docIndex: this.docIndex, path: [...this.base, ...path], target: 'value' };
  }

  keyAt(...path: PathSegment[]): NodeRef {
    return { file: this.file, docIndex: this.docIndex, path: [...this.base, ...path], target: 'key' };
  }
}

export class K8sObject extends Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly name: string;
  /** The object's namespace, `--namespace` when it has none, '' for cluster-scoped kinds. */
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;

  constructor(manifest: Manifest, apiVersion: string, kind: string, defaultNamespace: string) {
    super(manifest.file, manifest.docIndex, manifest.base, manifest.raw);
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.group = groupOf(apiVersion);
    const metadata = asMap(manifest.raw['metadata']);
    this.name = asString(metadata?.['name']) ?? '';
    const namespace = asString(metadata?.['namespace']);
    this.namespace = isNamespaced(kind) ? namespace || defaultNamespace : '';
    this.labels = asLabelMap(metadata?.['labels']) ?? {};
    this.annotations = asLabelMap(metadata?.['annotations']) ?? {};
  }

  get id(): ObjectId {
    return { apiVersion: this.apiVersion, kind: this.kind, namespace: this.namespace, name: this.name };
  }

  /** `Deployment/web`, as kubectl names objects. */
  get displayName(): string {
    return `${this.kind}/${this.name}`;
  }
}
