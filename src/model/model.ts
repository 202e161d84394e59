/** All objects of a run, sorted into the views rules work with. Built once, read-only after. */
import type { SourceFile } from '../load/source.js';
import { pushTo } from '../util/multimap.js';
import { K8sObject, Manifest } from './object.js';
import { PodSource } from './pod-source.js';
import { ServiceView } from './service.js';
import { asList, asMap, asString } from './values.js';

export interface ModelOptions {
  /** Namespace of objects that name none (`--namespace`). */
  readonly namespace: string;
}

export interface Model {
  readonly files: readonly SourceFile[];
  /** Every mapping meant as an object (it has `kind` or `apiVersion`), well-formed or not. */
  readonly manifests: readonly Manifest[];
  /** Manifests with a string `kind` and `apiVersion`. */
  readonly objects: readonly K8sObject[];
  readonly services: readonly ServiceView[];
  readonly podSources: readonly PodSource[];
  /** Objects of one kind, e.g. `byKind.get('Endpoints')`. */
  readonly byKind: ReadonlyMap<string, readonly K8sObject[]>;
}

export function buildModel(files: readonly SourceFile[], options: ModelOptions): Model {
  const manifests: Manifest[] = [];
  for (const file of files) {
    file.documents.forEach((doc, docIndex) => collectManifests(file, docIndex, doc.value, manifests));
  }
  const objects: K8sObject[] = [];
  const services: ServiceView[] = [];
  const podSources: PodSource[] = [];
  const byKind = new Map<string, K8sObject[]>();
  for (const manifest of manifests) {
    const apiVersion = asString(manifest.raw['apiVersion']);
    const kind = asString(manifest.raw['kind']);
    if (!apiVersion || !kind) continue;
    const object = new K8sObject(manifest, apiVersion, kind, options.namespace);
    objects.push(object);
    pushTo(byKind, kind, object);
    if (kind === 'Service' && object.group === '') services.push(new ServiceView(object));
    const podSource = PodSource.from(object);
    if (podSource) podSources.push(podSource);
  }
  return { files, manifests, objects, services, podSources, byKind };
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
