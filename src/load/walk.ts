/**
 * Which files a run reads: the files named, below each folder named (and each folder a quoted
 * glob matches) every `.yaml`, `.yml` and `.json` file, and the files a glob matches. Left out:
 * `node_modules`, `.git` and other hidden folders, Helm charts (listed for the loader), and paths that
 * the ignore files and patterns exclude — `.gitignore` as git reads it (in a work tree only
 * untracked files are ignored), `.k8s-svc-lintignore` files, the configuration file's `ignore`
 * list and `--ignore-pattern`. A file named on the command line is read unless one of the
 * last three excludes it; anything named on the command line and left out gets a notice.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { gitIgnored, gitIgnoreRule, Repositories, type Environment, type GitIgnored } from './git.js';
import { IgnoreSets, isInside, type IgnoreMatch } from './ignore-files.js';

export interface FileEntry {
  readonly absolute: string;
  /** Relative to the working directory, `/`-separated. */
  readonly display: string;
  /** Why the file cannot be read (a dangling symbolic link…): reported as a finding. */
  readonly problem?: string;
}

/** What one command-line input brought in, to say when it held no manifests. */
export interface InputFiles {
  /** As given on the command line. */
  readonly input: string;
  readonly kind: 'file' | 'directory' | 'glob' | 'stdin';
  /** Display paths of the files it brought in. */
  readonly files: readonly string[];
}

export interface WalkResult {
  readonly entries: FileEntry[];
  /** For stderr: ignored inputs, symbolic link loops and the like. */
  readonly notices: string[];
  /** Folders holding a `Chart.yaml` (absolute, outermost only): Helm charts, whose files are not read. */
  readonly charts: string[];
  /** Paths given that do not exist, and globs that match nothing: usage errors. */
  readonly missing: string[];
  /** In command-line order. */
  readonly inputs: InputFiles[];
}

export interface WalkOptions {
  readonly cwd: string;
  /** Paths to leave out (config `ignore`): .gitignore patterns relative to `base`. */
  readonly ignore?: { readonly base: string; readonly patterns: readonly string[] };
  /** `--ignore-pattern`: .gitignore patterns relative to the working directory. */
  readonly ignorePatterns?: readonly string[];
  /** `--no-ignore`: no ignore file or pattern applies (hidden folders and node_modules are still skipped). */
  readonly noIgnore?: boolean;
  /** The environment git runs in (its PATH finds git); none: git is not asked. */
  readonly env?: Environment;
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
const GITIGNORE = '.gitignore';
export const LINTIGNORE = '.k8s-svc-lintignore';
const MANIFEST_NAME = /\.(ya?ml|json)$/;

export function displayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute) || '.';
  return relative.split(path.sep).join('/');
}

/** A file found below a folder (or by a glob), before the ignore files have their say. */
interface Candidate {
  readonly entry: FileEntry;
  /** Index of the input that brought it in. */
  readonly input: number;
  /** Named on the command line (only the tool's own ignore lists apply). */
  readonly named: boolean;
}

export function walkInputs(inputs: readonly string[], options: WalkOptions): WalkResult {
  const notices: string[] = [];
  const missing: string[] = [];
  const candidates: Candidate[] = [];
  const ignoreFiles = { git: [] as string[], lint: [] as string[] };
  const roots: { folder: string; input: number; named: boolean }[] = [];
  const charts: string[] = [];
  const kinds: InputFiles['kind'][] = [];
  const globBases: string[] = [];
  const add = (entry: FileEntry, input: number, named: boolean) => candidates.push({ entry, input, named });

  inputs.forEach((input, index) => {
    const absolute = path.resolve(options.cwd, input);
    let isDirectory: boolean | undefined;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      isDirectory = undefined;
    }
    if (isDirectory === undefined && fg.isDynamicPattern(input.split(path.sep).join('/'))) {
      kinds.push('glob');
      globBases.push(path.resolve(options.cwd, fg.generateTasks(input.split(path.sep).join('/'))[0]?.base ?? '.'));
      if (!expandGlob(input, index, options, { add, roots })) missing.push(input);
      return;
    }
    kinds.push(isDirectory ? 'directory' : 'file');
    if (isDirectory === undefined) {
      const link = linkProblem(absolute);
      if (link) add({ absolute, display: displayPath(options.cwd, absolute), problem: link }, index, true);
      else missing.push(input);
    } else if (!isDirectory) {
      add({ absolute, display: displayPath(options.cwd, absolute) }, index, true);
    } else {
      roots.push({ folder: absolute, input: index, named: true });
    }
  });
  for (const root of roots) walkDirectory(root.folder, options, { candidates, ignoreFiles, charts, notices, input: root.input });

  // the folders whose ignore files above them count: the folders walked, and each glob's base
  const bases = [...roots.map((root) => root.folder), ...globBases];
  const decide = options.noIgnore ? undefined : ignoreDecider(options, bases, candidates, ignoreFiles);
  const kept = new Map<string, FileEntry>();
  const perInput = inputs.map(() => [] as string[]);
  const skipped = new Map<number, number>();
  for (const { entry, input, named } of candidates) {
    if (!named && charts.some((chart) => isInside(chart, entry.absolute))) continue;
    const excluded = decide?.(entry.absolute, named);
    if (excluded) {
      if (named) notices.push(`${entry.display}: not read: ignored by ${describeMatch(excluded, options.cwd)}; --no-ignore reads it`);
      else skipped.set(input, (skipped.get(input) ?? 0) + 1);
      continue;
    }
    kept.set(entry.absolute, entry);
    perInput[input]!.push(entry.display);
  }
  if (decide) notices.push(...ignoredFolderNotices(roots, perInput, skipped, options, decide));

  const entries = [...kept.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  // a chart inside another (charts/, a subchart) is rendered by its parent
  const outermost = [...new Set(charts)].sort().filter((chart, _, all) => !all.some((other) => other !== chart && isInside(other, chart)));
  return { entries, notices, charts: outermost, missing, inputs: inputs.map((input, i) => ({ input, kind: kinds[i]!, files: perInput[i]! })) };
}

/** A quoted glob: its files, and the folders it matches walked like named ones. False when it matches nothing. */
function expandGlob(
  pattern: string,
  input: number,
  options: WalkOptions,
  into: { add: (entry: FileEntry, input: number, named: boolean) => void; roots: { folder: string; input: number; named: boolean }[] },
): boolean {
  const found = fg.sync(pattern.split(path.sep).join('/'), {
    cwd: options.cwd,
    absolute: true,
    objectMode: true,
    onlyFiles: false,
    followSymbolicLinks: true,
    suppressErrors: true,
    ignore: ALWAYS_IGNORED,
  });
  for (const { path: absolute, dirent } of found) {
    const file = path.normalize(absolute);
    if (dirent.isDirectory()) into.roots.push({ folder: file, input, named: false });
    else if (MANIFEST_NAME.test(file)) into.add({ absolute: file, display: displayPath(options.cwd, file) }, input, false);
  }
  return found.length > 0;
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

interface WalkInto {
  readonly candidates: Candidate[];
  readonly ignoreFiles: { git: string[]; lint: string[] };
  readonly charts: string[];
  readonly notices: string[];
  readonly input: number;
}

function walkDirectory(root: string, options: WalkOptions, into: WalkInto): void {
  // One traversal finds manifests, Helm charts (by their Chart.yaml) and ignore files.
  const found = fg.sync(['**/*.{yaml,yml,json}', `**/${GITIGNORE}`, `**/${LINTIGNORE}`], {
    cwd: root,
    objectMode: true,
    onlyFiles: false,
    dot: true,
    followSymbolicLinks: true,
    suppressErrors: true,
    // hidden folders (.git, .github, .venv…) are not searched; `dot` is for the ignore files
    ignore: [...ALWAYS_IGNORED, '**/.*/**'],
  });
  // Paths come relative to the root, `/`-separated: the displayed path is the root's plus that.
  const rootDisplay = displayPath(options.cwd, root);
  // (concatenated: path.join per file, normalising each time, is a noticeable cost on big trees)
  const inRoot = root.endsWith(path.sep) ? root : root + path.sep;
  const absoluteOf = (relative: string) => inRoot + (path.sep === '/' ? relative : relative.replaceAll('/', path.sep));
  const realRoot = safeRealpath(root);
  const aliases = new SymbolicLinks(root, realRoot, absoluteOf);
  const seen = new Map<string, Candidate>();
  const folderOf = new Map<Candidate, string>();
  for (const { path: relative, name, dirent } of found) {
    if (dirent.isDirectory()) continue; // a folder named like a manifest (its files are found anyway)
    if (name === GITIGNORE || name === LINTIGNORE) {
      if (dirent.isFile()) (name === GITIGNORE ? into.ignoreFiles.git : into.ignoreFiles.lint).push(absoluteOf(relative));
      continue;
    }
    if (name.startsWith('.')) continue; // hidden files (.k8s-svc-lint.yaml) are not manifests
    const display = rootDisplay === '.' ? relative : `${rootDisplay}/${relative}`;
    const folder = relative.slice(0, Math.max(0, relative.length - name.length - 1));
    // A symbolic link to a folder finds the same files again: keep each file once (identified
    // by its real folder), at a path without links when there is one, else the shortest.
    const id = `${aliases.realFolder(folder)}/${name}`;
    const earlier = seen.get(id);
    if (earlier) {
      const earlierFolder = folderOf.get(earlier)!;
      aliases.note(folder);
      aliases.note(earlierFolder);
      if (!aliases.prefer(folder, earlierFolder, earlier.entry.display.split('/').length - display.split('/').length)) continue;
      into.candidates.splice(into.candidates.indexOf(earlier), 1);
    }
    const file = absoluteOf(relative);
    let entry: FileEntry = { absolute: file, display };
    if (dirent.isSymbolicLink()) {
      // a link fast-glob could not follow: to nothing, or to itself
      entry = { ...entry, problem: linkProblem(file) ?? 'symbolic link that cannot be followed: not read' };
    } else if (!dirent.isFile()) {
      entry = { ...entry, problem: 'not a regular file (a FIFO, socket or device): not read' };
    } else if (name === 'Chart.yaml') {
      into.charts.push(path.dirname(file));
    }
    const candidate = { entry, input: into.input, named: false };
    seen.set(id, candidate);
    folderOf.set(candidate, folder);
    into.candidates.push(candidate);
  }
  into.notices.push(...aliases.notices(options.cwd));
}

/**
 * The symbolic links to folders met in one walk: which folders are reached through one, and
 * what each link is — a loop (a link to a folder above it) or an alias of a folder elsewhere.
 */
class SymbolicLinks {
  private readonly realFolders = new Map<string, string>();
  /** Link (relative to the root) → its real target. */
  private readonly links = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly realRoot: string,
    private readonly absoluteOf: (relative: string) => string,
  ) {}

  realFolder(folder: string): string {
    let real = this.realFolders.get(folder);
    if (real === undefined) this.realFolders.set(folder, (real = safeRealpath(folder === '' ? this.root : this.absoluteOf(folder))));
    return real;
  }

  /** No symbolic link on the way from the root to `folder`. */
  private direct(folder: string): boolean {
    return this.realFolder(folder) === (folder === '' ? this.realRoot : path.join(this.realRoot, folder));
  }

  /**
   * Keep the path to `folder` instead of the earlier one (`earlierFolder`) to the same file?
   * A path without symbolic links wins; between two alike, the shorter (`shorter` > 0).
   */
  prefer(folder: string, earlierFolder: string, shorter: number): boolean {
    const direct = this.direct(folder);
    return direct !== this.direct(earlierFolder) ? direct : shorter > 0;
  }

  /** Records the outermost symbolic link on the way to `folder`, if any. */
  note(folder: string): void {
    if (this.direct(folder)) return;
    const parts = folder.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (!this.direct(prefix)) {
        if (!this.links.has(prefix)) this.links.set(prefix, this.realFolder(prefix));
        return;
      }
    }
  }

  notices(cwd: string): string[] {
    return [...this.links]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([link, target]) => {
        const shownLink = displayPath(cwd, this.absoluteOf(link));
        const shownTarget = displayPath(cwd, target);
        const parent = path.dirname(this.absoluteOf(link));
        return target === parent || isInside(target, parent)
          ? `${shownLink}: a symbolic link loop (a link to ${shownTarget}, a folder above it): its files were read once, under ${shownTarget}`
          : `${shownLink}: a symbolic link to ${shownTarget}, which is also in the input (an alias, not a loop): its files were read once, under ${shownTarget}`;
      });
  }
}

function safeRealpath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

interface IgnoreDecider {
  /** The rule that leaves the file out, or undefined to read it. */
  (file: string, named: boolean): IgnoreMatch | undefined;
  /** The tool's own sets (`.k8s-svc-lintignore`, configuration, `--ignore-pattern`). */
  readonly toolSets: IgnoreSets;
  /** How `.gitignore` is applied below a folder: git's answer, or the files read here. */
  gitRule(folder: string): IgnoreMatch | undefined;
}

/**
 * The ignore rules of a run. The tool's own lists apply to every file; `.gitignore` to the files
 * found by walking: in a git work tree, git's own answer (tracked files are never ignored);
 * elsewhere, or without git, the `.gitignore` files as git would read them for untracked files.
 */
function ignoreDecider(
  options: WalkOptions,
  bases: readonly string[],
  candidates: readonly Candidate[],
  found: { git: readonly string[]; lint: readonly string[] },
): IgnoreDecider {
  const repositories = new Repositories();
  const toolSets = new IgnoreSets();
  const gitSets = new IgnoreSets();
  // ignore files of the folders above each root (and of the folders of the files named), up to
  // its work tree's top, or the file system's
  const above = new Set<string>();
  const climb = (start: string, top: string | undefined) => {
    for (let directory = start; !above.has(directory); directory = path.dirname(directory)) {
      above.add(directory);
      if (directory === top || directory === path.dirname(directory)) break;
    }
  };
  for (const folder of bases) {
    const top = repositories.topOf(folder);
    if (folder !== top) climb(path.dirname(folder), top);
  }
  for (const { entry, named } of candidates) {
    if (named) climb(path.dirname(entry.absolute), repositories.topOf(path.dirname(entry.absolute)));
  }
  for (const directory of above) {
    toolSets.addFile(path.join(directory, LINTIGNORE));
    gitSets.addFile(path.join(directory, GITIGNORE));
  }
  for (const file of found.lint) toolSets.addFile(file);
  for (const file of found.git) gitSets.addFile(file);
  if (options.ignore) toolSets.addPatterns(options.ignore.base, options.ignore.patterns, 'the configuration file');
  if (options.ignorePatterns) toolSets.addPatterns(options.cwd, options.ignorePatterns, '--ignore-pattern');

  // git's answer per work tree, asked once for all the roots inside it
  const byTop = new Map<string, string[]>();
  for (const folder of bases) {
    const top = repositories.topOf(folder);
    if (top !== undefined) byTop.set(top, [...(byTop.get(top) ?? []), folder]);
  }
  for (const { entry, named } of candidates) {
    // work trees nested below a root (a cloned repository, a submodule) answer for their files
    if (named) continue;
    const top = repositories.topOf(path.dirname(entry.absolute));
    if (top !== undefined && !byTop.has(top)) byTop.set(top, [top]);
  }
  const answers = new Map<string, GitIgnored | null>();
  const gitAnswer = (top: string): GitIgnored | undefined => {
    let answer = answers.get(top);
    if (answer === undefined) answers.set(top, (answer = (options.env && gitIgnored(top, byTop.get(top) ?? [top], options.env)) || null));
    return answer ?? undefined;
  };

  const decide = ((file: string, named: boolean) => {
    const tool = toolSets.size > 0 ? toolSets.match(file) : undefined;
    if (tool || named) return tool;
    const top = repositories.topOf(path.dirname(file));
    const git = top !== undefined ? gitAnswer(top) : undefined;
    if (git) return git.ignores(file) ? (gitSets.match(file) ?? { source: GITIGNORE, pattern: '' }) : undefined;
    return gitSets.size > 0 ? gitSets.match(file) : undefined;
  }) as IgnoreDecider;
  Object.assign(decide, {
    toolSets,
    gitRule(folder: string) {
      const top = repositories.topOf(folder);
      const git = top !== undefined ? gitAnswer(top) : undefined;
      if (git && top !== undefined) return gitIgnoreRule(top, folder, options.env ?? {});
      return gitSets.match(folder, true);
    },
  });
  return decide;
}

function describeMatch(match: IgnoreMatch, cwd: string): string {
  const source = path.isAbsolute(match.source) ? displayPath(cwd, match.source.replace(/:\d+$/, '')) + (/:\d+$/.exec(match.source)?.[0] ?? '') : match.source;
  return match.pattern ? `${source} (${match.pattern})` : source;
}

/**
 * A folder named on the command line that an ignore rule excludes as a whole is never left out
 * without a word: what was not read, why, and how to read it.
 */
function ignoredFolderNotices(
  roots: readonly { folder: string; input: number; named: boolean }[],
  perInput: readonly (readonly string[])[],
  skipped: ReadonlyMap<number, number>,
  options: WalkOptions,
  decide: IgnoreDecider,
): string[] {
  const notices: string[] = [];
  for (const { folder, input, named } of roots) {
    if (!named) continue;
    const shown = displayPath(options.cwd, folder);
    const tool = decide.toolSets.match(folder, true);
    const count = skipped.get(input) ?? 0;
    if (tool) {
      notices.push(`${shown}: not read: ignored by ${describeMatch(tool, options.cwd)}; --no-ignore reads it`);
      continue;
    }
    if (count === 0) continue;
    const git = decide.gitRule(folder);
    if (!git) continue;
    const read = perInput[input]!.length;
    const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    notices.push(
      `${shown}: ignored by ${describeMatch(git, options.cwd)}: ${files(count)} in it not read` +
        (read > 0 ? ` (${files(read)} tracked by git were read)` : '') +
        '; --no-ignore reads them',
    );
  }
  return notices;
}
