/**
 * "Closest in the file tree": a manifest tree often holds alternative examples or environments
 * that reuse one namespace and the same names and labels in folders never applied together.
 * When a reference or selector finds several candidates, the ones defined nearest to the
 * referring object (sharing the longest directory prefix with its file) are the ones meant.
 */
import { pushTo } from '../util/multimap.js';

/** How many leading directories two `/`-separated file paths share. */
export function directoriesInCommon(a: string, b: string): number {
  if (a === b) return a.split('/').length - 1;
  let depth = 0;
  for (let i = 0; i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i); i++) {
    if (a.charCodeAt(i) === 47 /* / */) depth++;
  }
  return depth;
}

/** The items whose files are nearest to `path` (all of them when they are equally near). */
export function nearestTo<T>(path: string, items: readonly T[], fileOf: (item: T) => string): T[] {
  if (items.length <= 1) return [...items];
  const depths = items.map((item) => (fileOf(item) === path ? Infinity : directoriesInCommon(path, fileOf(item))));
  const deepest = Math.max(...depths);
  return items.filter((_, i) => depths[i] === deepest);
}

/** Whether two `/`-separated file paths are in the same folder. */
export function inSameFolder(a: string, b: string): boolean {
  const slash = a.lastIndexOf('/');
  return slash === b.lastIndexOf('/') && a.startsWith(b.slice(0, slash + 1));
}

/**
 * Items by every folder above their file: the items nearest to a path (all those sharing its
 * deepest folder that holds any) without comparing the path with each. "Did you mean" takes
 * its candidates from there, never from an unrelated sample elsewhere in the input.
 */
export class FolderTree<T> {
  private readonly byFolder = new Map<string, T[]>();

  constructor(items: Iterable<T>, fileOf: (item: T) => string) {
    for (const item of items) {
      const file = fileOf(item);
      pushTo(this.byFolder, '', item);
      for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1)) pushTo(this.byFolder, file.slice(0, slash + 1), item);
    }
  }

  /** The deepest folder (`a/b/`, '' for the top) holding `path` and some item; undefined when there are no items. */
  nearestFolder(path: string): string | undefined {
    for (let slash = path.lastIndexOf('/'); slash !== -1; slash = slash === 0 ? -1 : path.lastIndexOf('/', slash - 1)) {
      const folder = path.slice(0, slash + 1);
      if (this.byFolder.has(folder)) return folder;
    }
    return this.byFolder.has('') ? '' : undefined;
  }

  /** The items under the nearest folder (see nearestFolder). */
  nearest(path: string): readonly T[] {
    const folder = this.nearestFolder(path);
    return folder === undefined ? [] : this.byFolder.get(folder)!;
  }
}
