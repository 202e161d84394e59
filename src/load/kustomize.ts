/**
 * Kustomize trees in the input, read before the manifests so each file is linted for what it is:
 * a resource (a whole object) or a patch (part of one). Every kustomization that no other
 * includes is a root, a separate build (`kubectl kustomize ROOT`): an overlay and its base are
 * alternatives, so files of sibling overlays are never applied together. The trees are read,
 * not rendered; the next step (rendering with the user's kubectl) builds on the same roots.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseText } from './parse.js';
import { displayPath, type FileEntry } from './walk.js';

/** What kustomize makes of one input file. */
export interface KustomizePlacement {
  /**
   * `resource`: listed under `resources` (a whole object); `patch`: listed under `patches`,
   * `patchesStrategicMerge` or `patchesJson6902`, or unlisted in a `patches` folder below a
   * kustomization (`config/crd/patches/…`): part of an object, never applied alone; `unlisted`:
   * beside a kustomization that does not list it (a patch kept for a variant, or an example of
   * the output): the model judges by its content.
   */
  readonly role: 'resource' | 'patch' | 'unlisted';
  /** The roots whose build includes it (as displayed, relative to the working directory). */
  readonly roots: readonly string[];
  /** The namespace every root including it gives it (`namespace:`), when they agree. */
  readonly namespace?: string;
  /** Per root, the namespace that root gives it (absent: it keeps its own). */
  readonly namespaceIn: ReadonlyMap<string, string>;
  /** What the kustomizations of its roots patch: objects of this file they name may change. */
  readonly patchTargets: readonly PatchTarget[];
}

/** An object a kustomization patches (by `target`, or by the patch's own kind and name). */
export interface PatchTarget {
  readonly kind?: string;
  readonly name?: string;
}

export interface KustomizeTrees {
  /** By the file's absolute path. */
  readonly placements: ReadonlyMap<string, KustomizePlacement>;
  /** Root directories, as displayed. */
  readonly roots: readonly string[];
  /** What rendering needs of each root, in the order of `roots`. */
  readonly builds: readonly KustomizeBuild[];
}

/** A root as rendering sees it: where it is and which patches its build applies. */
export interface KustomizeBuild {
  /** Absolute. */
  readonly dir: string;
  /** As displayed (an element of `roots`). */
  readonly shown: string;
  /** Its kustomization file, absolute. */
  readonly file: string;
  /** `kind: Component`: only a part of other builds, never built alone. */
  readonly component: boolean;
  /** Every patch of its tree in the order kustomize applies them (inner kustomizations first). */
  readonly patches: readonly KustomizePatch[];
  /** The kustomization files of its tree (absolute). */
  readonly kustomizations: readonly string[];
}

/** One entry of `patches`, `patchesStrategicMerge` or `patchesJson6902`. */
export interface KustomizePatch {
  /** The kustomization file listing it (absolute). */
  readonly kustomization: string;
  /** The patch file (absolute); absent for a patch written inline in the kustomization. */
  readonly file?: string;
  /** An inline patch: its text, and where it is written (the kustomization file and the path to the entry). */
  readonly inline?: { readonly text: string; readonly kustomization: string; readonly path: readonly (string | number)[] };
  /** What it patches, as its `target` says; without one, each document patches the object of its own kind and name. */
  readonly target?: PatchTarget;
  /** A patch without `target`: the kind and name of its (first) document. */
  readonly own?: PatchTarget;
}

interface Kustomization {
  readonly dir: string;
  /** The kustomization file (absolute). */
  readonly file: string;
  readonly component: boolean;
  /** Its own patches, each with what it patches. */
  readonly patchList: KustomizePatch[];
  readonly resources: string[];
  /** Kustomization directories it includes (resources that are folders, `bases`, `components`). */
  readonly children: string[];
  readonly patches: string[];
  readonly targets: PatchTarget[];
  readonly namespace?: string;
}

/** The names kustomize reads a kustomization from, in its order of preference. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Whether a file is a kustomization (kustomize's own format, whose `apiVersion` and `kind` may be left out). */
export function isKustomizationFile(file: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(path.basename(file));
}

/** Reads the kustomizations of the folders the walk found files in. */
export function readKustomizeTrees(entries: readonly FileEntry[], cwd: string): KustomizeTrees {
  const kustomizations = new Map<string, Kustomization>();
  const pending = [...new Set(entries.map((e) => path.dirname(e.absolute)))];
  const inInput = new Set(entries.map((e) => e.absolute));
  while (pending.length > 0) {
    const dir = pending.pop()!;
    if (kustomizations.has(dir)) continue;
    const read = readKustomization(dir);
    if (!read) continue;
    kustomizations.set(dir, read);
    // a base outside the folders walked is read too, for the files of the input it includes
    for (const child of read.children) if (!kustomizations.has(child)) pending.push(child);
  }
  if (kustomizations.size === 0) return { placements: new Map(), roots: [], builds: [] };

  const included = new Set([...kustomizations.values()].flatMap((k) => k.children));
  const roots = [...kustomizations.keys()].filter((dir) => !included.has(dir)).sort();
  const records = new Map<string, { role: 'resource' | 'patch'; root: string; namespace: string | undefined }[]>();
  const patchTargets = new Map<string, PatchTarget[]>();
  const note = (file: string, role: 'resource' | 'patch', root: string, namespace: string | undefined) => {
    if (!inInput.has(file)) return;
    const list = records.get(file);
    if (list) list.push({ role, root, namespace });
    else records.set(file, [{ role, root, namespace }]);
  };
  for (const root of roots) {
    const shown = displayPath(cwd, root);
    const targets: PatchTarget[] = [];
    const visited = new Set<string>();
    // the outermost `namespace:` wins: kustomize applies the inner ones first
    const visit = (dir: string, namespace: string | undefined) => {
      const k = kustomizations.get(dir);
      if (!k || visited.has(dir)) return;
      visited.add(dir);
      const ns = namespace ?? k.namespace;
      for (const file of k.resources) note(file, 'resource', shown, ns);
      for (const file of k.patches) note(file, 'patch', shown, ns);
      targets.push(...k.targets);
      for (const child of k.children) visit(child, ns);
    };
    visit(root, undefined);
    patchTargets.set(shown, targets);
  }
  // Files no kustomization lists, beside one or in a `patches` folder below one, are patches
  // kept for a variant (kubebuilder's config/default/*_patch.yaml, config/crd/patches/): kustomize
  // never applies them as they are.
  const unlisted = new Set<string>();
  for (const entry of entries) {
    if (records.has(entry.absolute) || isKustomizationFile(entry.absolute)) continue;
    const dir = path.dirname(entry.absolute);
    if (/patch/i.test(path.basename(dir)) && kustomizations.has(path.dirname(dir))) records.set(entry.absolute, []);
    else if (kustomizations.has(dir)) {
      records.set(entry.absolute, []);
      unlisted.add(entry.absolute);
    }
  }

  const placements = new Map<string, KustomizePlacement>();
  for (const [file, list] of records) {
    const isResource = list.some((r) => r.role === 'resource');
    const namespaces = new Set(list.map((r) => r.namespace));
    const only = namespaces.size === 1 ? [...namespaces][0] : undefined;
    const namespaceIn = new Map<string, string>();
    for (const r of list) if (r.namespace !== undefined) namespaceIn.set(r.root, r.namespace);
    const fileRoots = [...new Set(list.map((r) => r.root))].sort();
    placements.set(file, {
      role: isResource ? 'resource' : unlisted.has(file) ? 'unlisted' : 'patch',
      roots: fileRoots,
      ...(only !== undefined && list.length > 0 ? { namespace: only } : {}),
      namespaceIn,
      patchTargets: fileRoots.flatMap((root) => patchTargets.get(root) ?? []),
    });
  }
  return { placements, roots: roots.map((r) => displayPath(cwd, r)), builds: roots.map((root) => buildOf(root, kustomizations, cwd)) };
}

/** A root's build: its patches in the order kustomize applies them (a base's before its overlay's). */
function buildOf(root: string, kustomizations: ReadonlyMap<string, Kustomization>, cwd: string): KustomizeBuild {
  const patches: KustomizePatch[] = [];
  const files: string[] = [];
  const visited = new Set<string>();
  const visit = (dir: string) => {
    const k = kustomizations.get(dir);
    if (!k || visited.has(dir)) return;
    visited.add(dir);
    for (const child of k.children) visit(child);
    patches.push(...k.patchList);
    files.push(k.file);
  };
  visit(root);
  const k = kustomizations.get(root)!;
  return { dir: root, shown: displayPath(cwd, root), file: k.file, component: k.component, patches, kustomizations: files };
}

function readKustomization(dir: string): Kustomization | undefined {
  const file = KUSTOMIZATION_FILE_NAMES.map((name) => path.join(dir, name)).find((candidate) => isFile(candidate));
  if (!file) return undefined;
  let value: unknown;
  try {
    value = parseText(readFileSync(file, 'utf8'), 'yaml', false).documents[0]?.value;
  } catch {
    return undefined;
  }
  const map = asMap(value);
  if (!map) return undefined;
  const k: Kustomization = { dir, file, component: map['kind'] === 'Component', patchList: [], resources: [], children: [], patches: [], targets: [], ...(typeof map['namespace'] === 'string' && map['namespace'] ? { namespace: map['namespace'] } : {}) };
  const local = (entry: unknown): string | undefined => {
    if (typeof entry !== 'string' || entry.includes('://') || entry.includes('?ref=') || /^(github|gitlab|bitbucket)\.(com|org)\//.test(entry)) return undefined;
    return path.resolve(dir, entry);
  };
  for (const entry of [...list(map['resources']), ...list(map['bases']), ...list(map['components'])]) {
    const target = local(entry);
    if (!target) continue;
    if (isDirectory(target)) k.children.push(target);
    else k.resources.push(target);
  }
  const addPatch = (file: string | undefined, target: unknown) => {
    let own: PatchTarget | undefined;
    if (file && isFile(file)) {
      k.patches.push(file);
      own = target === undefined ? patchOwnTarget(file) : undefined;
      if (own) k.targets.push(own);
    }
    const given = targetOf(target);
    if (given) k.targets.push(given);
    if (file && isFile(file)) k.patchList.push({ kustomization: k.file, file, ...(given ? { target: given } : own ? { own } : {}) });
  };
  const addInline = (text: string, target: unknown, path: (string | number)[]) => {
    const given = targetOf(target);
    if (given) k.targets.push(given);
    const own = given ? undefined : ownTarget(text);
    k.patchList.push({ kustomization: file, inline: { text, kustomization: file, path }, ...(given ? { target: given } : own ? { own } : {}) });
  };
  list(map['patches']).forEach((entry, i) => {
    const patch = asMap(entry);
    if (patch && typeof patch['patch'] === 'string') addInline(patch['patch'], patch['target'], ['patches', i, 'patch']);
    else if (patch) addPatch(local(patch['path']), patch['target']);
  });
  list(map['patchesJson6902']).forEach((entry, i) => {
    const patch = asMap(entry);
    if (patch && typeof patch['patch'] === 'string') addInline(patch['patch'], patch['target'], ['patchesJson6902', i, 'patch']);
    else if (patch) addPatch(local(patch['path']), patch['target']);
  });
  list(map['patchesStrategicMerge']).forEach((entry, i) => {
    // an inline patch is YAML text; a file is a path
    if (typeof entry === 'string' && entry.includes('\n')) addInline(entry, undefined, ['patchesStrategicMerge', i]);
    else if (typeof entry === 'string') addPatch(local(entry), undefined);
  });
  return k;
}

function targetOf(target: unknown): PatchTarget | undefined {
  const t = asMap(target);
  if (!t) return undefined;
  return { ...(typeof t['kind'] === 'string' ? { kind: t['kind'] } : {}), ...(typeof t['name'] === 'string' ? { name: t['name'] } : {}) };
}

/** The kind and name of a strategic merge patch's text (the object it patches). */
function ownTarget(text: string): PatchTarget | undefined {
  try {
    const map = asMap(parseText(text, 'yaml', false).documents[0]?.value);
    const kind = map?.['kind'];
    const name = asMap(map?.['metadata'])?.['name'];
    return typeof kind === 'string' ? { kind, ...(typeof name === 'string' ? { name } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** The kind and name of a strategic merge patch file (the object it patches). */
function patchOwnTarget(file: string): PatchTarget | undefined {
  try {
    return ownTarget(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function asMap(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
