/**
 * From an editor position to what is under it: the file, the object, the path of the key or
 * value inside it; and from a finding's or object's location back to an editor range. Built
 * once per analysis.
 */
import type { ModelIndex } from '../index/index.js';
import type { Path } from '../load/positions.js';
import type { SourceFile } from '../load/source.js';
import type { Model } from '../model/model.js';
import type { NodeRef, ObjectRef } from '../model/object.js';
import type { PodSource } from '../model/pod-source.js';
import type { ServiceView } from '../model/service.js';
import { locate, type Location } from '../report/diagnostic.js';
import { pushTo } from '../util/multimap.js';
import { Links } from './links.js';
import type { FileRange, Position, Range } from './types.js';

export interface Cursor {
  readonly file: SourceFile;
  readonly offset: number;
  /** The object the cursor is in, when it is in one. */
  readonly object?: ObjectRef;
  /** The path of the key or value under the cursor inside its document. */
  readonly path: Path;
  /** The same path inside the object (without a `kind: List`'s `items[i]`). */
  readonly inObject: Path;
  readonly target: 'key' | 'value';
  /** The key or value under the cursor. */
  readonly range: Range;
}

/** What the editor features look things up in: the analysis's model and index, by file and object. */
export class Workbench {
  private readonly files = new Map<string, SourceFile>();
  private objectsByFile?: Map<SourceFile, ObjectRef[]>;
  private servicesByRef?: Map<ObjectRef, ServiceView>;
  private sourcesByRef?: Map<ObjectRef, PodSource>;
  private allLinks?: Links;

  constructor(
    readonly model: Model,
    readonly index: ModelIndex,
  ) {
    for (const file of model.files) this.files.set(file.path, file);
  }

  file(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  get links(): Links {
    return (this.allLinks ??= new Links(this.model, this.index));
  }

  service(object: ObjectRef): ServiceView | undefined {
    this.servicesByRef ??= new Map(this.model.services.map((s) => [s.ref, s]));
    return this.servicesByRef.get(object);
  }

  podSource(object: ObjectRef): PodSource | undefined {
    this.sourcesByRef ??= new Map(this.model.podSources.map((s) => [s.ref, s]));
    return this.sourcesByRef.get(object);
  }

  /** What is at a position of a file, or undefined outside any key or value. */
  cursorAt(path: string, position: Position): Cursor | undefined {
    const file = this.file(path);
    if (!file || file.problem) return undefined;
    const offset = file.offset(position.line + 1, position.character + 1);
    const node = file.nodeAt(offset);
    if (!node) return undefined;
    const object = this.objectAt(file, node.docIndex, node.path);
    const inObject = object ? node.path.slice(object.base.length) : node.path;
    return { file, offset, ...(object ? { object } : {}), path: node.path, inObject, target: node.target, range: toRange(spanLocation(file, node.span)) };
  }

  /** The object of a document holding a path (a `kind: List` holds several). */
  private objectAt(file: SourceFile, docIndex: number, path: Path): ObjectRef | undefined {
    if (!this.objectsByFile) {
      this.objectsByFile = new Map();
      for (const object of this.model.objects) pushTo(this.objectsByFile, object.file, object);
    }
    return this.objectsByFile.get(file)?.find((o) => o.docIndex === docIndex && startsWith(path, o.base));
  }
}

export function startsWith(path: Path, prefix: Path): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/** A 1-based location (columns exclusive at the end) as an editor range. */
export function toRange(location: Location): Range {
  return {
    start: { line: location.line - 1, character: location.column - 1 },
    end: { line: location.endLine - 1, character: location.endColumn - 1 },
  };
}

export function fileRange(at: NodeRef): FileRange {
  const location = locate(at);
  return { file: at.file.path, range: toRange(location) };
}

function spanLocation(file: SourceFile, span: { start: number; end: number }): Location {
  const start = file.position(span.start);
  const end = file.position(span.end);
  return { filePath: file.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return !(before(a.end, b.start) || before(b.end, a.start));
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
