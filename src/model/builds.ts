/**
 * Which objects are applied together. A kustomize root is one build (`kubectl kustomize ROOT`),
 * rendered or not; with `--render` each rendered root or Helm chart is an environment, its
 * objects those of the output. Two builds are alternatives when they hold the same object
 * (kind, namespace, name) or objects made from the same one of the author's (a base's
 * Deployment, whatever prefix each overlay gives it): an overlay and its sibling share their
 * base, a `secure` and an `insecure` variant both make the Deployment; applied together, one
 * would overwrite the other, so their objects never resolve against each other. Builds that
 * share nothing (`apps/frontend`, `apps/backend`) are applied side by side. Objects outside
 * every kustomize tree meet everything.
 */
import type { SourceFile } from '../load/source.js';
import type { ObjectRef } from './object.js';

export class Builds {
  /** `buildA\0buildB` (in order) for every pair of builds that are alternatives. */
  private readonly alternatives = new Set<string>();

  constructor(objects: readonly ObjectRef[]) {
    const buildsByObject = new Map<string, Set<string>>();
    const note = (key: string, builds: readonly string[]) => {
      let set = buildsByObject.get(key);
      if (!set) buildsByObject.set(key, (set = new Set()));
      for (const build of builds) set.add(build);
    };
    for (const object of objects) {
      const builds = buildsOf(object.file);
      if (builds.length === 0 || object.partial) continue;
      note(`${object.kind}/${object.namespace}/${object.name}`, builds);
      // (cluster-scoped objects, a Namespace above all, are often shared by side-by-side builds)
      const source = object.namespace ? object.file.rendering?.sourceOf?.(object.docIndex) : undefined;
      if (source) note(`\0${source}`, builds);
    }
    for (const builds of buildsByObject.values()) {
      if (builds.size < 2) continue;
      const list = [...builds];
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) this.alternatives.add(pair(list[i]!, list[j]!));
    }
  }

  /** Whether some build applies both files' objects (always, when either is outside kustomize trees). */
  together(a: SourceFile, b: SourceFile): boolean {
    if (a === b) return true;
    const ra = buildsOf(a);
    const rb = buildsOf(b);
    if (ra.length === 0 || rb.length === 0) return true;
    for (const x of ra) for (const y of rb) if (x === y || !this.alternatives.has(pair(x, y))) return true;
    return false;
  }
}

/** The builds a file's objects are part of: its environment (rendered), or its kustomize roots. */
function buildsOf(file: SourceFile): readonly string[] {
  const environment = file.rendering?.environment;
  return environment ? [environment.name] : (file.kustomize?.roots ?? NO_BUILDS);
}

const NO_BUILDS: readonly string[] = [];

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
