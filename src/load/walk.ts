/**
 * Which files a run reads: the paths given, and below each directory every `.yaml`, `.yml`
 * and `.json` file that is not in `node_modules`, `.git`, a `.gitignore`d path or a Helm chart.
 */
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';

export interface FileEntry {
  readonly absolute: string;
  /** Relative to the working directory, `/`-separated. */
  readonly display: string;
  /** Why the file cannot be read (a dangling symbolic link…): reported as a finding. */
  readonly problem?: string;
}

export interface WalkResult {
  readonly entries: FileEntry[];
  /** For stderr: symbolic link loops and the like. */
  readonly notices: string[];
  /** Folders holding a `Chart.yaml` (absolute, outermost only): Helm charts, whose files are not read. */
  readonly charts: string[];
  /** Paths given that do not exist: usage errors. */
  readonly missing: string[];
}

export interface WalkOptions {
  readonly cwd: string;
  /** Paths to leave out (config `ignore`): .gitignore patterns relative to `base`. */
  readonly ignore?: { readonly base: string; readonly patterns: readonly string[] };
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute) || '.';
  return relative.split(path.sep).join('/');
}

export function walkInputs(inputs: readonly string[], options: WalkOptions): WalkResult {
  const entries = new Map<string, FileEntry>();
  const notices: string[] = [];
  const charts: string[] = [];
  const missing: string[] = [];
  const configured = options.ignore ? { base: options.ignore.base, rules: ignore().add([...options.ignore.patterns]) } : undefined;
  const ignoredByConfig = (file: string) => {
    if (!configured || !isInside(configured.base, file)) return false;
    return configured.rules.ignores(path.relative(configured.base, file).split(path.sep).join('/'));
  };
  const add = (entry: FileEntry) => {
    if (!ignoredByConfig(entry.absolute)) entries.set(entry.absolute, entry);
  };
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      const link = linkProblem(absolute);
      if (link) add({ absolute, display: displayPath(options.cwd, absolute), problem: link });
      else missing.push(input);
      continue;
    }
    if (!isDirectory) {
      add({ absolute, display: displayPath(options.cwd, absolute) });
      continue;
    }
    for (const entry of walkDirectory(absolute, options, notices, charts)) add(entry);
  }
  const sorted = [...entries.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  // a chart inside another (charts/, a subchart) is rendered by its parent
  const outermost = [...new Set(charts)].sort().filter((chart, _, all) => !all.some((other) => other !== chart && isInside(other, chart)));
  return { entries: sorted, notices, charts: outermost, missing };
}

/** Why a path that does not stat is still worth a finding: a symbolic link to nothing, or a loop. */
function linkProblem(absolute: string): string | undefined {
  try {
    if (!lstatSync(absolute).isSymbolicLink()) return undefined;
  } catch {
    return undefined;
  }
  try {
    statSync(absolute);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code === 'ELOOP' ? 'symbolic link loop: not read' : 'symbolic link to a missing file: not read';
  }
}

function walkDirectory(root: string, options: WalkOptions, notices: string[], foundCharts: string[]): FileEntry[] {
  // One traversal finds manifests, Helm charts (by their Chart.yaml) and .gitignore files.
  const found = fg.sync(['**/*.{yaml,yml,json}', '**/.gitignore'], {
    cwd: root,
    objectMode: true,
    onlyFiles: false,
    dot: true,
    followSymbolicLinks: true,
    suppressErrors: true,
    // hidden folders (.git, .github, .venv…) are not searched; `dot` is for .gitignore files
    ignore: [...ALWAYS_IGNORED, '**/.*/**'],
  });
  const manifests: FileEntry[] = [];
  const charts: string[] = [];
  const gitignoreFiles: string[] = [];
  // Paths come relative to the root, `/`-separated: the displayed path is the root's plus that.
  const rootDisplay = displayPath(options.cwd, root);
  // (concatenated: path.join per file, normalising each time, is a noticeable cost on big trees)
  const inRoot = root.endsWith(path.sep) ? root : root + path.sep;
  const absoluteOf = (relative: string) => inRoot + (path.sep === '/' ? relative : relative.replaceAll('/', path.sep));
  // A symbolic link loop finds the same files again under longer and longer paths: keep each
  // file once (identified by its real folder), at its shortest path.
  const realFolders = new Map<string, string>();
  const identity = (relative: string, name: string) => {
    const folder = relative.slice(0, Math.max(0, relative.length - name.length - 1));
    let real = realFolders.get(folder);
    if (real === undefined) realFolders.set(folder, (real = safeRealpath(folder === '' ? root : absoluteOf(folder))));
    return `${real}/${name}`;
  };
  const seen = new Map<string, FileEntry>();
  let looped = false;
  for (const { path: relative, name, dirent } of found) {
    if (dirent.isDirectory()) continue; // a folder named like a manifest (its files are found anyway)
    if (name === '.gitignore') {
      if (dirent.isFile()) gitignoreFiles.push(absoluteOf(relative));
      continue;
    }
    if (name.startsWith('.')) continue; // hidden files (.k8s-svc-lint.yaml) are not manifests
    const display = rootDisplay === '.' ? relative : `${rootDisplay}/${relative}`;
    const id = identity(relative, name);
    const earlier = seen.get(id);
    if (earlier) {
      looped = true;
      if (earlier.display.split('/').length <= display.split('/').length) continue;
      manifests.splice(manifests.indexOf(earlier), 1);
    }
    const file = absoluteOf(relative);
    let entry: FileEntry = { absolute: file, display };
    if (dirent.isSymbolicLink()) {
      // a link fast-glob could not follow: to nothing, or to itself
      entry = { ...entry, problem: linkProblem(file) ?? 'symbolic link that cannot be followed: not read' };
    } else if (!dirent.isFile()) {
      entry = { ...entry, problem: 'not a regular file (a FIFO, socket or device): not read' };
    } else if (name === 'Chart.yaml') {
      charts.push(path.dirname(file));
    }
    seen.set(id, entry);
    manifests.push(entry);
  }
  if (looped) notices.push(`${displayPath(options.cwd, root)}: a symbolic link loop leads to the same files again; each was read once`);
  foundCharts.push(...charts);
  const gitignores = loadGitignores(root, gitignoreFiles);
  return manifests.filter((entry) => !charts.some((chart) => isInside(chart, entry.absolute)) && !isGitignored(entry.absolute, gitignores));
}

function safeRealpath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

function isInside(directory: string, file: string): boolean {
  return file.startsWith(directory + path.sep) || file.startsWith(directory + '/');
}

interface GitignoreFile {
  readonly directory: string;
  readonly rules: Ignore;
}

/** The `.gitignore` files found below the root, and those in its ancestors up to the repository's top. */
function loadGitignores(root: string, found: readonly string[]): GitignoreFile[] {
  const files = [...found];
  for (let directory = root; ; ) {
    const parent = path.dirname(directory);
    if (existsSync(path.join(directory, '.git')) || parent === directory) break;
    directory = parent;
    const candidate = path.join(directory, '.gitignore');
    if (existsSync(candidate)) files.push(candidate);
  }
  const loaded: GitignoreFile[] = [];
  for (const file of files) {
    try {
      loaded.push({ directory: path.dirname(file), rules: ignore().add(readFileSync(file, 'utf8')) });
    } catch {
      // an unreadable .gitignore ignores nothing
    }
  }
  return loaded;
}

function isGitignored(file: string, gitignores: readonly GitignoreFile[]): boolean {
  for (const { directory, rules } of gitignores) {
    if (!isInside(directory, file)) continue;
    const relative = path.relative(directory, file).split(path.sep).join('/');
    if (rules.ignores(relative)) return true;
  }
  return false;
}
