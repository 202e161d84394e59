/**
 * "Closest in the file tree": a manifest tree often holds alternative examples or environments
 * that reuse one namespace and the same names and labels in folders never applied together.
 * When a reference or selector finds several candidates, the ones defined nearest to the
 * referring object (sharing the longest directory prefix with its file) are the ones meant.
 */

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
