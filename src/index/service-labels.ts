/**
 * (namespace, key=value) → Services, by the Services' own labels: what a ServiceMonitor's
 * selector picks. Built on first use (only runs with ServiceMonitors need it); a selector costs
 * its shortest posting list, not a scan of the namespace.
 */
import { matchesAll, type Requirement } from '../model/label-selector.js';
import type { ServiceView } from '../model/service.js';
import { Vocabulary } from '../util/closest.js';
import { pushTo } from '../util/multimap.js';

class NamespaceServices {
  readonly all: ServiceView[] = [];
  readonly byKey = new Map<string, Map<string, ServiceView[]>>();
  private readonly vocabularies = new Map<string, Vocabulary>();

  add(service: ServiceView): void {
    this.all.push(service);
    for (const key in service.labels) {
      let values = this.byKey.get(key);
      if (!values) this.byKey.set(key, (values = new Map()));
      pushTo(values, service.labels[key]!, service);
    }
  }

  vocabularyOf(key: string): Vocabulary {
    let vocabulary = this.vocabularies.get(key);
    if (!vocabulary) this.vocabularies.set(key, (vocabulary = new Vocabulary(this.byKey.get(key)?.keys() ?? [])));
    return vocabulary;
  }
}

const NONE: readonly ServiceView[] = [];

export class ServiceLabelIndex {
  private readonly namespaces = new Map<string, NamespaceServices>();

  constructor(services: readonly ServiceView[]) {
    for (const service of services) {
      let entry = this.namespaces.get(service.namespace);
      if (!entry) this.namespaces.set(service.namespace, (entry = new NamespaceServices()));
      entry.add(service);
    }
  }

  /** The Services of a namespace whose labels satisfy every requirement ([] selects all). */
  select(namespace: string, requirements: readonly Requirement[]): readonly ServiceView[] {
    const services = this.namespaces.get(namespace);
    if (!services) return NONE;
    let candidates: readonly ServiceView[] = services.all;
    for (const requirement of requirements) {
      if (requirement.operator !== 'In') continue;
      const values = services.byKey.get(requirement.key);
      // (a Service has one value per key: the lists of different values never overlap)
      const list = requirement.values.length === 1 ? (values?.get(requirement.values[0]!) ?? NONE) : requirement.values.flatMap((v) => values?.get(v) ?? []);
      if (list.length < candidates.length) candidates = list;
    }
    return candidates.filter((service) => matchesAll(service.labels, requirements));
  }

  /** The value of label `key` among a namespace's Services closest to `value` (did you mean). */
  closestValue(namespace: string, key: string, value: string): string | undefined {
    return this.namespaces.get(namespace)?.vocabularyOf(key).closest(value);
  }
}
