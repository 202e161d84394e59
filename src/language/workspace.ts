/**
 * A workspace folder as the language server sees it: the files the CLI would read when run in
 * that folder (the same walker, configuration, ignore files and options), with the editor's
 * open buffers in place of their files on disk. Open, unsaved buffers are the truth; files
 * changed on disk are read again; a closed buffer falls back to its file on disk.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../engine/rule.js';
import { readSourceFile, readSourceText } from '../load/read.js';
import type { SourceFile } from '../load/source.js';
import { displayPath, walkInputs, type FileEntry, type WalkOptions } from '../load/walk.js';
import { analyze, type Analysis, type AnalysisOptions } from '../pipeline.js';

export interface WorkspaceOptions {
  /** The folder, absolute: paths are shown relative to it, as a CLI run there shows them. */
  readonly root: string;
  /** How the folder is walked (its `cwd` is the root). */
  readonly walk: WalkOptions;
  /** What is read, relative to the root: the whole folder (`.`), or a file opened outside any workspace folder. */
  readonly inputs?: readonly string[];
  readonly analysis: AnalysisOptions;
  readonly rules: readonly Rule[];
}

/** A change on disk, as an editor's file watcher reports it. */
export interface FileChange {
  readonly absolute: string;
  readonly kind: 'created' | 'changed' | 'deleted';
}

const MANIFEST_NAME = /\.(ya?ml|json)$/i;

export class Workspace {
  /** The files the walker finds, by path (relative to the root, `/`-separated). */
  private entries = new Map<string, FileEntry>();
  /** Open editor buffers, by path. */
  private readonly buffers = new Map<string, string>();
  private current?: Analysis;
  /** What walking the folder said (Helm charts skipped, ignored folders). */
  notices: readonly string[] = [];

  constructor(readonly options: WorkspaceOptions) {
    this.walk();
  }

  get root(): string {
    return this.options.root;
  }

  /** The path of a file inside the folder (`k8s/web.yaml`), or undefined outside it. */
  pathOf(absolute: string): string | undefined {
    const relative = path.relative(this.root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return displayPath(this.root, absolute);
  }

  absoluteOf(file: string): string {
    return path.resolve(this.root, file);
  }

  /** Whether a file is linted: the walker finds it, or it is an open buffer not yet saved. */
  includes(file: string): boolean {
    return this.entries.has(file) || (this.buffers.has(file) && this.isUnsaved(file));
  }

  /** The text an editor shows for a file of the workspace: its buffer, or its file on disk. */
  text(file: string): string | undefined {
    return this.buffers.get(file) ?? this.current?.model.files.find((f) => f.path === file)?.text;
  }

  /** Walks the folder again (files created or deleted, ignore files or configuration changed). */
  walk(): void {
    const walked = walkInputs(this.options.inputs ?? ['.'], { ...this.options.walk, cwd: this.root });
    this.entries = new Map(walked.entries.map((entry) => [entry.display, entry]));
    this.notices = walked.notices;
    this.current = undefined;
  }

  open(file: string, text: string): void {
    this.buffers.set(file, text);
    this.current = undefined;
  }

  change(file: string, text: string): void {
    this.open(file, text);
  }

  /** The buffer is closed: its file on disk counts again (a buffer never saved is gone). */
  close(file: string): void {
    this.buffers.delete(file);
    this.current = undefined;
  }

  /** Files changed on disk: a created or deleted file walks the folder again; a changed one is read again. */
  filesChanged(changes: readonly FileChange[]): void {
    if (changes.some((change) => change.kind !== 'changed')) this.walk();
    else this.current = undefined;
  }

  /** The analysis of the workspace as it is now (cached until something changes). */
  get analysis(): Analysis {
    this.current ??= analyze(this.sources(), this.options.rules, this.options.analysis);
    return this.current;
  }

  /** A buffer whose file is not on disk (a new file not saved yet): linted as if it were there. */
  private isUnsaved(file: string): boolean {
    return MANIFEST_NAME.test(file) && !existsSync(this.absoluteOf(file));
  }

  private *sources(): Generator<SourceFile> {
    const files = new Set(this.entries.keys());
    for (const file of this.buffers.keys()) if (this.includes(file)) files.add(file);
    const precise = this.options.analysis.precise ?? false;
    for (const file of [...files].sort(compareText)) {
      const buffer = this.buffers.get(file);
      yield buffer !== undefined ? readSourceText(file, buffer, precise) : readSourceFile(this.entries.get(file)!, precise);
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
