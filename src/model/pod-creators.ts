/**
 * Custom resources that may create pods or Services at run time (an operator's `Cluster`, a
 * `Prometheus`, a `RayService`…). Where such an object is in a namespace, a selector that
 * selects nothing or a Service name that resolves to nothing there is unknown, not wrong.
 *
 * Recognised by shape: a custom resource (a group that is not built in) whose `spec` has a
 * field that only workload-like objects have, or a list of `containers` a few levels down
 * (`spec.headGroupSpec.template.spec.containers`). Objects that the model already reads as pod
 * sources are not counted: their pods are known. A table of well-known operator kinds can be
 * added beside the shape test (issue 15); this predicate is the one place that decides.
 */
import { isBuiltInGroup } from './api-resources.js';
import type { K8sObject } from './object.js';
import { asList, asMap, type PlainMap } from './values.js';

/** `spec` fields that say "this object runs pods". */
const POD_LIKE_FIELDS = ['replicas', 'instances', 'podTemplate', 'podMetadata', 'containers', 'image', 'template'];

/** How deep under `spec` a `containers` list is looked for. */
const CONTAINERS_DEPTH = 5;

export function mayCreatePods(object: K8sObject): boolean {
  const group = object.group;
  if (group === '' || isBuiltInGroup(group)) return false;
  const spec = asMap(object.raw['spec']);
  if (!spec) return false;
  for (const field of POD_LIKE_FIELDS) if (spec[field] !== undefined) return true;
  return hasContainers(spec, CONTAINERS_DEPTH);
}

function hasContainers(map: PlainMap, depth: number): boolean {
  if (Array.isArray(map['containers'])) return true;
  if (depth === 0) return false;
  for (const key in map) {
    const value = map[key];
    const child = asMap(value) ?? asMap(asList(value)?.[0]);
    if (child && hasContainers(child, depth - 1)) return true;
  }
  return false;
}
