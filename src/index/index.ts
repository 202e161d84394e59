/** Everything cross-object rules and `resolve` look things up in, built once per run from the model. */
import type { Model } from '../model/model.js';
import type { PodSource } from '../model/pod-source.js';
import type { ServiceView } from '../model/service.js';
import { pushTo } from '../util/multimap.js';
import { LabelIndex } from './label-index.js';
import { Resolver } from './resolver.js';

export class ModelIndex {
  readonly labels: LabelIndex;
  readonly resolver: Resolver;
  private readonly servicesByName = new Map<string, ServiceView[]>();
  private readonly workloadsByName = new Map<string, PodSource[]>();

  constructor(readonly model: Model) {
    this.labels = new LabelIndex(model.podSources);
    this.resolver = new Resolver(this.labels);
    for (const service of model.services) pushTo(this.servicesByName, `${service.namespace}/${service.name}`, service);
    for (const source of model.podSources) pushTo(this.workloadsByName, `${source.kind}/${source.namespace}/${source.name}`, source);
  }

  /** Services of that name in that namespace (a tree may hold several copies of one). */
  services(namespace: string, name: string): readonly ServiceView[] {
    return this.servicesByName.get(`${namespace}/${name}`) ?? [];
  }

  /** Workloads (pod templates) of a kind by namespace and name. */
  workloads(kind: string, namespace: string, name: string): readonly PodSource[] {
    return this.workloadsByName.get(`${kind}/${namespace}/${name}`) ?? [];
  }
}
