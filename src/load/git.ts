/**
 * What git says about a work tree, when git is installed and the folder is in one: which files
 * it ignores. In a work tree git ignores only untracked files, so a `.gitignore` pattern never
 * hides a tracked manifest. Without git (or when it refuses, e.g. a repository owned by another
 * user) the caller falls back to reading the `.gitignore` files itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The variables a git hook inherits (pre-commit runs inside `git commit`) would point git elsewhere. */
function gitEnvironment(env: Environment): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('GIT_') || key === 'GIT_EXEC_PATH' || key.startsWith('GIT_CONFIG')) kept[key] = value;
  }
  return kept;
}

/** git's output split on NUL, or undefined when git is missing or fails. */
function git(cwd: string, args: readonly string[], env: Environment): string[] | undefined {
  const run = spawnSync('git', args, { cwd, env: gitEnvironment(env), maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  if (run.error || run.status !== 0) return undefined;
  return run.stdout.toString('utf8').split('\0').filter(Boolean);
}

/** Work-tree tops by folder (`.git` is a folder, or a file in worktrees and submodules). */
export class Repositories {
  private readonly tops = new Map<string, string | null>();

  /** The top of the work tree holding `folder` (absolute), or undefined. */
  topOf(folder: string): string | undefined {
    const known = this.tops.get(folder);
    if (known !== undefined) return known ?? undefined;
    const parent = path.dirname(folder);
    const top = existsSync(path.join(folder, '.git')) ? folder : parent === folder ? undefined : this.topOf(parent);
    this.tops.set(folder, top ?? null);
    return top;
  }
}

/** Paths git ignores below some folders of one work tree: files, and folders as `dir/`. */
export interface GitIgnored {
  /** True when git ignores the file (absolute path inside the work tree). */
  ignores(file: string): boolean;
}

/**
 * Asks git once which untracked paths below `folders` it ignores (`--directory`: an ignored
 * folder holding no tracked file is one line, so a large ignored tree costs little).
 */
export function gitIgnored(top: string, folders: readonly string[], env: Environment): GitIgnored | undefined {
  const pathspecs = folders.map((folder) => path.relative(top, folder).split(path.sep).join('/') || '.');
  const listed = git(top, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', ...pathspecs], env);
  if (!listed) return undefined;
  const paths = new Set(listed.map((entry) => (entry.endsWith('/') ? entry.slice(0, -1) : entry)));
  return {
    ignores(file) {
      if (paths.size === 0) return false;
      const relative = path.relative(top, file).split(path.sep).join('/');
      // the file, or a folder (or a symbolic link to one) on its way
      for (let end = relative.length; end > 0; end = relative.lastIndexOf('/', end - 1)) {
        if (paths.has(relative.slice(0, end))) return true;
      }
      return false;
    },
  };
}

/** `.gitignore:3:gen/`: the rule that makes git ignore `folder`, tracked or not, or undefined. */
export function gitIgnoreRule(top: string, folder: string, env: Environment): { source: string; pattern: string } | undefined {
  const relative = path.relative(top, folder).split(path.sep).join('/');
  if (!relative) return undefined;
  // (-z works only with --stdin; the output is `source:line:pattern<TAB>path`)
  const output = git(top, ['check-ignore', '-v', '--no-index', '--', `${relative}/`], env)?.join('');
  const match = output ? /^(.*):(\d+):(.*)\t/.exec(output) : null;
  if (!match) return undefined;
  const [, source, line, pattern] = match;
  const shown = path.isAbsolute(source!) ? source! : path.join(top, source!);
  return { source: `${shown}:${line}`, pattern: pattern! };
}

/** The top of the git work tree holding `folder` (a `.git` found from it upwards), or undefined. */
export function findRepositoryRoot(folder: string): string | undefined {
  return new Repositories().topOf(path.resolve(folder));
}
