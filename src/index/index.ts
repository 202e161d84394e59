/** Everything rules and `resolve` look things up in, built once per run from the model. */
import type { Model } from '../model/model.js';
import type { K8sObject } from '../model/object.js';
import type { ServiceView } from '../model/service.js';
import { pushTo } from '../util/multimap.js';
import { LabelIndex } from './label-index.js';
import { Resolver } from './resolver.js';

export class ModelIndex {
  readonly labels: LabelIndex;
  readonly resolver: Resolver;
  private readonly servicesByName = new Map<string, ServiceView[]>();
  private readonly objectsByName = new Map<string, K8sObject[]>();

  constructor(readonly model: Model) {
    this.labels = new LabelIndex(model.podSources);
    this.resolver = new Resolver(this.labels);
    for (const service of model.services) pushTo(this.servicesByName, nameKey(service.namespace, service.name), service);
    for (const object of model.objects) pushTo(this.objectsByName, objectKey(object.kind, object.namespace, object.name), object);
  }

  /** Services of that name in that namespace (a tree may hold several copies of one). */
  services(namespace: string, name: string): readonly ServiceView[] {
    return this.servicesByName.get(nameKey(namespace, name)) ?? [];
  }

  /** Objects of a kind by namespace and name. */
  objects(kind: string, namespace: string, name: string): readonly K8sObject[] {
    return this.objectsByName.get(objectKey(kind, namespace, name)) ?? [];
  }
}

function nameKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

