/**
 * Ignore patterns in `.gitignore` syntax, each set relative to its own folder: `.gitignore` and
 * `.k8s-svc-lintignore` files, the configuration file's `ignore` list, `--ignore-pattern`.
 * As in git, a deeper set overrides a shallower one, so `!keep.yaml` in a subfolder can
 * re-include what a pattern above excluded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The pattern that ignores a path, for notices: `.k8s-svc-lintignore:2` and `generated/`. */
export interface IgnoreMatch {
  /** Absolute file and line (`/repo/.gitignore:3`), or a name such as `--ignore-pattern`. */
  readonly source: string;
  readonly pattern: string;
}

interface PatternSet {
  readonly base: string;
  readonly rules: Ignore;
  /** The file the patterns came from (absolute), or a name such as `--ignore-pattern`. */
  readonly origin: string;
  /** The file's lines, to name the line of a pattern. */
  readonly lines?: readonly string[];
}

export function isInside(directory: string, file: string): boolean {
  return file.startsWith(directory.endsWith(path.sep) ? directory : directory + path.sep);
}

export class IgnoreSets {
  private sets: PatternSet[] = [];

  get size(): number {
    return this.sets.length;
  }

  /** Patterns given directly (configuration file, command line), relative to `base`. */
  addPatterns(base: string, patterns: readonly string[], origin: string): void {
    if (patterns.length > 0) this.insert({ base, rules: ignore().add([...patterns]), origin });
  }

  /** An ignore file; one that cannot be read ignores nothing. */
  addFile(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    this.insert({ base: path.dirname(file), rules: ignore().add(text), origin: file, lines: text.split(/\r?\n/) });
  }

  /** Shallow folders first, so that deeper ones decide last. */
  private insert(set: PatternSet): void {
    const depth = (base: string) => base.split(path.sep).length;
    const at = this.sets.findIndex((other) => depth(other.base) > depth(set.base));
    if (at < 0) this.sets.push(set);
    else this.sets.splice(at, 0, set);
  }

  /** The pattern that ignores `absolute` (a folder when `directory`), or undefined. */
  match(absolute: string, directory = false): IgnoreMatch | undefined {
    let found: IgnoreMatch | undefined;
    for (const set of this.sets) {
      if (!isInside(set.base, absolute)) continue;
      const relative = path.relative(set.base, absolute).split(path.sep).join('/') + (directory ? '/' : '');
      const result = set.rules.test(relative);
      if (result.ignored) found = describe(set, result.rule?.pattern ?? '');
      else if (result.unignored) found = undefined;
    }
    return found;
  }
}

function describe(set: PatternSet, pattern: string): IgnoreMatch {
  if (!set.lines) return { source: set.origin, pattern };
  const line = set.lines.findIndex((text) => text.trim() === pattern) + 1;
  return { source: line > 0 ? `${set.origin}:${line}` : set.origin, pattern };
}
