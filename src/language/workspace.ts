/**
 * A workspace folder as the language server sees it: the files the CLI would read when run in
 * that folder (the same walker, configuration, ignore files, kustomize trees and options), with
 * the editor's open buffers in place of their files on disk. Open, unsaved buffers are the
 * truth; files changed on disk are read again; a closed buffer falls back to its file on disk.
 *
 * Each change reads one file again (an Analyzer keeps every file's part of the model and its
 * per-file findings); the analysis is then run again over the whole model when asked for.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../engine/rule.js';
import { readKustomizeTrees, type KustomizePlacement } from '../load/kustomize.js';
import { readSourceFile, readSourceText } from '../load/read.js';
import { displayPath, walkInputs, type FileEntry, type WalkOptions } from '../load/walk.js';
import { Analyzer, type Analysis, type AnalysisOptions } from '../pipeline.js';

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
/** What kustomize reads as a folder's kustomization: a change may make files resources or patches. */
const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/;

export class Workspace {
  /** The files the walker finds, by path (relative to the root, `/`-separated). */
  private entries = new Map<string, FileEntry>();
  /** What kustomize makes of each file (a resource, a patch), by absolute path. */
  private placements: ReadonlyMap<string, KustomizePlacement> = new Map();
  /** Open editor buffers, by path. */
  private readonly buffers = new Map<string, string>();
  /** The paths the analyzer holds a file of. */
  private readonly read = new Set<string>();
  private readonly analyzer: Analyzer;
  private current?: Analysis;
  /** What walking the folder said (Helm charts skipped, ignored folders). */
  notices: readonly string[] = [];

  constructor(readonly options: WorkspaceOptions) {
    this.analyzer = new Analyzer(options.rules, options.analysis);
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
    return this.buffers.get(file) ?? this.analysis.model.files.find((f) => f.path === file)?.text;
  }

  /**
   * Walks the folder (again: files created or deleted): files new to it are read, files gone
   * from it dropped, and files whose place in a kustomize tree changed read again.
   */
  walk(): void {
    const walked = walkInputs(this.options.inputs ?? ['.'], { ...this.options.walk, cwd: this.root });
    const before = { entries: this.entries, placements: this.placements };
    this.entries = new Map(walked.entries.map((entry) => [entry.display, entry]));
    this.placements = readKustomizeTrees(walked.entries, this.root).placements;
    this.notices = walked.notices;
    for (const file of [...this.read]) if (!this.includes(file)) this.drop(file);
    let added = false;
    for (const [file, entry] of this.entries) {
      const moved = placementKey(before.placements.get(entry.absolute)) !== placementKey(this.placements.get(entry.absolute));
      if (this.read.has(file) && !moved && before.entries.has(file)) continue;
      added ||= !this.read.has(file);
      this.readFile(file);
    }
    if (added) this.analyzer.sortFiles();
  }

  open(file: string, text: string): void {
    this.buffers.set(file, text);
    if (!this.includes(file)) return;
    const added = !this.read.has(file);
    this.readFile(file);
    if (added) this.analyzer.sortFiles();
  }

  change(file: string, text: string): void {
    this.open(file, text);
  }

  /** The buffer is closed: its file on disk counts again (a buffer never saved is gone). */
  close(file: string): void {
    this.buffers.delete(file);
    if (this.entries.has(file)) this.readFile(file);
    else if (this.read.has(file)) this.drop(file);
  }

  /**
   * Files changed on disk: a created or deleted file, or a changed kustomization, walks the
   * folder again; a changed file is read again (unless open: its buffer is the truth).
   */
  filesChanged(changes: readonly FileChange[]): void {
    if (changes.some((change) => change.kind !== 'changed' || KUSTOMIZATION.test(path.basename(change.absolute)))) return this.walk();
    for (const change of changes) {
      const file = this.pathOf(change.absolute);
      if (file !== undefined && this.entries.has(file) && !this.buffers.has(file)) this.readFile(file);
    }
  }

  /** The analysis of the workspace as it is now (run again after a change, when asked for). */
  get analysis(): Analysis {
    this.current ??= this.analyzer.run();
    return this.current;
  }

  /** Reads a file (its buffer when open) into the analysis, in place of what it was. */
  private readFile(file: string): void {
    const precise = this.options.analysis.precise ?? false;
    const buffer = this.buffers.get(file);
    const entry = this.entries.get(file);
    const source = buffer !== undefined || !entry ? readSourceText(file, buffer ?? '', precise) : readSourceFile(entry, precise);
    const placement = this.placements.get(entry?.absolute ?? this.absoluteOf(file));
    if (placement) source.kustomize = placement;
    this.analyzer.setFile(source);
    this.read.add(file);
    this.current = undefined;
  }

  private drop(file: string): void {
    this.analyzer.deleteFile(file);
    this.read.delete(file);
    this.current = undefined;
  }

  /** A buffer whose file is not on disk (a new file not saved yet): linted as if it were there. */
  private isUnsaved(file: string): boolean {
    return MANIFEST_NAME.test(file) && !existsSync(this.absoluteOf(file));
  }
}

/** A placement as text, to tell whether it changed. */
function placementKey(placement: KustomizePlacement | undefined): string {
  return placement ? JSON.stringify({ ...placement, namespaceIn: [...placement.namespaceIn] }) : '';
}
