/**
 * Which objects are applied together. A rendered environment (`--render`: the output of one
 * kustomize root or Helm chart) is applied on its own: its objects meet each other and the
 * objects outside every kustomize tree, never another environment's.
 * Unrendered, a kustomize root is one build (`kubectl kustomize ROOT`).
 * Two roots are alternatives when their builds hold the same object (kind, namespace, name):
 * an overlay and its sibling share their base, a `secure` and an `insecure` variant both make
 * the Deployment; applied together, one would overwrite the other. Roots that share no object
 * (`apps/frontend`, `apps/backend`) are applied side by side. Objects outside every kustomize
 * tree meet everything, as before.
 */
import type { SourceFile } from '../load/source.js';
import type { ObjectRef } from './object.js';

export class Builds {
  /** `rootA\0rootB` (in order) for every pair of roots that are alternatives. */
  private readonly alternatives = new Set<string>();

  constructor(objects: readonly ObjectRef[]) {
    const rootsByObject = new Map<string, Set<string>>();
    for (const object of objects) {
      const roots = object.file.kustomize?.roots;
      if (!roots || roots.length === 0 || object.partial) continue;
      const identity = `${object.kind}/${object.namespace}/${object.name}`;
      let set = rootsByObject.get(identity);
      if (!set) rootsByObject.set(identity, (set = new Set()));
      for (const root of roots) set.add(root);
    }
    for (const roots of rootsByObject.values()) {
      if (roots.size < 2) continue;
      const list = [...roots];
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) this.alternatives.add(pair(list[i]!, list[j]!));
    }
  }

  /** Whether some build applies both files' objects (always, when either is outside kustomize trees). */
  together(a: SourceFile, b: SourceFile): boolean {
    const ea = a.rendering?.environment;
    const eb = b.rendering?.environment;
    if (ea || eb) return ea === eb || (!ea && !inTree(a)) || (!eb && !inTree(b));
    const ra = a.kustomize?.roots;
    const rb = b.kustomize?.roots;
    if (!ra || !rb || ra.length === 0 || rb.length === 0 || a === b) return true;
    for (const x of ra) for (const y of rb) if (x === y || !this.alternatives.has(pair(x, y))) return true;
    return false;
  }
}

/** Whether a file is part of a kustomize tree that was not rendered. */
function inTree(file: SourceFile): boolean {
  return (file.kustomize?.roots.length ?? 0) > 0;
}

/** Whether a file's objects are applied only with some objects (a kustomize build or a rendered environment). */
export function inBuild(file: SourceFile): boolean {
  return file.kustomize !== undefined || file.rendering !== undefined;
}

function pair(a: string, b: string): string {
  return a < b ? `${a}\0${b}` : `${b}\0${a}`;
}

/**
 * Whether some build puts both files' objects in one namespace with its `namespace:`, whatever
 * namespace they name themselves (kubebuilder's `namespace: system`, moved by config/default).
 */
export function sameNamespaceByBuild(a: SourceFile, b: SourceFile): boolean {
  const na = a.kustomize?.namespaceIn;
  const nb = b.kustomize?.namespaceIn;
  if (!na || !nb) return false;
  for (const [root, namespace] of na) if (nb.get(root) === namespace) return true;
  return false;
}
