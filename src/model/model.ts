/**
 * The model is built while files are read, one at a time: each document's objects are handed
 * to the per-file rules with their parsed values, and only compact views (Services, pod
 * templates, references) are kept for the cross-object rules. Memory then follows the number
 * of objects, not the bytes of YAML.
 */
import type { SourceFile } from '../load/source.js';
import { K8sObject, Manifest, type ObjectRef } from './object.js';
import { PodSource } from './pod-source.js';
import { ServiceView } from './service.js';
import { asList, asMap, asString } from './values.js';

export interface ModelOptions {
  /** Namespace of objects that name none (`--namespace`). */
  readonly namespace: string;
}

export interface Model {
  readonly files: readonly SourceFile[];
  /** Every object of the run (kind, name, namespace and location only). */
  readonly objects: readonly ObjectRef[];
  readonly services: readonly ServiceView[];
  readonly podSources: readonly PodSource[];
}

/** What one file contributes while it is read. */
export interface FileObjects {
  /** Every mapping meant as an object (it has `kind` or `apiVersion`), well-formed or not. */
  readonly manifests: readonly Manifest[];
  /** Manifests with a string `kind` and `apiVersion`. */
  readonly objects: readonly K8sObject[];
}

export class ModelBuilder {
  private readonly files: SourceFile[] = [];
  private readonly objects: ObjectRef[] = [];
  private readonly services: ServiceView[] = [];
  private readonly podSources: PodSource[] = [];

  constructor(private readonly options: ModelOptions) {}

  /** Reads a file's objects and keeps their views; the file's parsed values are needed only now. */
  add(file: SourceFile): FileObjects {
    this.files.push(file);
    const manifests: Manifest[] = [];
    if (!file.problem) file.documents.forEach((doc, docIndex) => collectManifests(file, docIndex, doc.value, manifests));
    const objects: K8sObject[] = [];
    for (const manifest of manifests) {
      const apiVersion = asString(manifest.raw['apiVersion']);
      const kind = asString(manifest.raw['kind']);
      if (!apiVersion || !kind) continue;
      const object = new K8sObject(manifest, apiVersion, kind, this.options.namespace);
      objects.push(object);
      this.objects.push(object.ref);
      const service = ServiceView.from(object);
      if (service) this.services.push(service);
      const podSource = PodSource.from(object);
      if (podSource) this.podSources.push(podSource);
    }
    return { manifests, objects };
  }

  finish(): Model {
    return { files: this.files, objects: this.objects, services: this.services, podSources: this.podSources };
  }
}

/** A document's object, or the items of a `kind: List` (as `kubectl get -o yaml` writes). */
function collectManifests(file: SourceFile, docIndex: number, value: unknown, into: Manifest[]): void {
  const map = asMap(value);
  if (!map || (!('kind' in map) && !('apiVersion' in map))) return;
  const kind = asString(map['kind']);
  const items = asList(map['items']);
  if (items && kind !== undefined && kind.endsWith('List')) {
    items.forEach((item, index) => {
      const itemMap = asMap(item);
      if (itemMap && ('kind' in itemMap || 'apiVersion' in itemMap)) into.push(new Manifest(file, docIndex, ['items', index], itemMap));
    });
    return;
  }
  into.push(new Manifest(file, docIndex, [], map));
}
