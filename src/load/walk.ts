/**
 * Which files a run reads: the paths given, and below each directory every `.yaml`, `.yml`
 * and `.json` file that is not in `node_modules`, `.git`, a `.gitignore`d path or a Helm chart.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';

export interface FileEntry {
  readonly absolute: string;
  /** Relative to the working directory, `/`-separated. */
  readonly display: string;
}

export interface WalkResult {
  readonly entries: FileEntry[];
  /** For stderr: Helm charts skipped and the like. */
  readonly notices: string[];
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
  const relative = path.relative(cwd, absolute) || path.basename(absolute);
  return relative.split(path.sep).join('/');
}

export function walkInputs(inputs: readonly string[], options: WalkOptions): WalkResult {
  const entries = new Map<string, FileEntry>();
  const notices: string[] = [];
  const missing: string[] = [];
  const configured = options.ignore ? { base: options.ignore.base, rules: ignore().add([...options.ignore.patterns]) } : undefined;
  const ignoredByConfig = (file: string) => {
    if (!configured || !isInside(configured.base, file)) return false;
    return configured.rules.ignores(path.relative(configured.base, file).split(path.sep).join('/'));
  };
  for (const input of inputs) {
    const absolute = path.resolve(options.cwd, input);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      missing.push(input);
      continue;
    }
    if (!isDirectory) {
      if (!ignoredByConfig(absolute)) entries.set(absolute, { absolute, display: displayPath(options.cwd, absolute) });
      continue;
    }
    for (const file of walkDirectory(absolute, options, notices)) {
      if (!ignoredByConfig(file)) entries.set(file, { absolute: file, display: displayPath(options.cwd, file) });
    }
  }
  const sorted = [...entries.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { entries: sorted, notices, missing };
}

function walkDirectory(root: string, options: WalkOptions, notices: string[]): string[] {
  // One traversal finds manifests, Helm charts (by their Chart.yaml) and .gitignore files.
  const found = fg.sync(['**/*.{yaml,yml,json}', '**/.gitignore'], {
    cwd: root,
    absolute: true,
    onlyFiles: true,
    dot: true,
    followSymbolicLinks: true,
    suppressErrors: true,
    // hidden folders (.git, .github, .venv…) are not searched; `dot` is for .gitignore files
    ignore: [...ALWAYS_IGNORED, '**/.*/**'],
  });
  const manifests: string[] = [];
  const charts: string[] = [];
  const gitignoreFiles: string[] = [];
  for (const file of found) {
    const name = path.basename(file);
    if (name === '.gitignore') gitignoreFiles.push(file);
    else if (name.startsWith('.')) continue; // hidden files (.k8s-svc-lint.yaml) are not manifests
    else {
      manifests.push(file);
      if (name === 'Chart.yaml') charts.push(path.dirname(file));
    }
  }
  charts.sort();
  for (const chart of charts) {
    const shown = displayPath(options.cwd, chart);
    notices.push(`${shown}: skipped a Helm chart; lint its rendered manifests instead: helm template ${shown} | k8s-svc-lint -`);
  }
  const gitignores = loadGitignores(root, gitignoreFiles);
  return manifests.filter((file) => !charts.some((chart) => isInside(chart, file)) && !isGitignored(file, gitignores));
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
