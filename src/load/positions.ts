/**
 * Where each value of a parsed document sits in its file's text. Built on demand only for
 * documents that have findings (parsing with positions everywhere would cost most of a run).
 */

/** Offsets into the file text (after BOM removal and CRLF → LF), `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface ScalarPos {
  readonly kind: 'scalar';
  readonly span: Span;
  /** True for a value written as nothing (`key:`); findings on it point at the key. */
  readonly empty?: boolean;
}
export interface MapPos {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: Map<string, { key: Span; value: NodePos }>;
}
export interface SeqPos {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: NodePos[];
}
export type NodePos = ScalarPos | MapPos | SeqPos;

/**
 * The span for `path` inside a document: the value's own span, or its key's span when
 * `target` is 'key', the value is empty, or the path runs past what exists (a missing field
 * points at the deepest key that does exist).
 */
export function spanAt(root: NodePos | undefined, path: Path, target: 'key' | 'value', rootKey?: Span): Span | undefined {
  if (!root) return undefined;
  let node: NodePos = root;
  // `rootKey`: the key of `root` in a larger document, when root is a part of one
  let keySpan: Span | undefined = rootKey;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    let next: NodePos | undefined;
    let nextKey: Span | undefined;
    if (node.kind === 'map') {
      const entry = node.entries.get(String(segment));
      next = entry?.value;
      nextKey = entry?.key;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      next = node.items[segment];
      nextKey = undefined;
    }
    if (!next) return keySpan ?? node.span;
    node = next;
    keySpan = nextKey;
  }
  if (target === 'key' || (node.kind === 'scalar' && node.empty)) return keySpan ?? node.span;
  return node.span;
}

/** What a place in a document's text is: the innermost key or value holding it. */
export interface NodeAt {
  readonly path: Path;
  readonly target: 'key' | 'value';
  readonly span: Span;
}

/**
 * The innermost key or value whose text holds `offset` (relative to the document's parse), for
 * editors: hover and go-to-definition start from the node under the cursor. The end of a span
 * counts as inside (a cursor just after a word is on it).
 */
export function nodeAtOffset(root: NodePos | undefined, offset: number): NodeAt | undefined {
  if (!root || !holds(root.span, offset)) return undefined;
  const path: PathSegment[] = [];
  let node: NodePos = root;
  for (;;) {
    let next: NodePos | undefined;
    if (node.kind === 'map') {
      for (const [key, entry] of node.entries) {
        if (holds(entry.key, offset)) return { path: [...path, key], target: 'key', span: entry.key };
        if (holds(entry.value.span, offset) && !(entry.value.kind === 'scalar' && entry.value.empty)) {
          path.push(key);
          next = entry.value;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      const index = node.items.findIndex((item) => holds(item.span, offset));
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    if (!next) return { path, target: 'value', span: node.span };
    node = next;
  }
}

function holds(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Line starts of a text, for turning offsets into 1-based line and column. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  /** The offset of a 1-based line and column, kept within the text (an editor's cursor past a line's end is at its end). */
  offset(line: number, column: number, textLength: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
    const next = this.starts[line] ?? textLength + 1;
    return Math.min(start + Math.max(column, 1) - 1, next - 1, textLength);
  }
}

/** `spec.ports[0].name`: a path as the API server writes field paths. */
export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** The same positions `offset` characters later (a document parsed apart from the text before it). */
export function shiftPositions(pos: NodePos, offset: number): NodePos {
  const span = { start: pos.span.start + offset, end: pos.span.end + offset };
  if (pos.kind === 'scalar') return pos.empty ? { kind: 'scalar', span, empty: true } : { kind: 'scalar', span };
  if (pos.kind === 'seq') return { kind: 'seq', span, items: pos.items.map((item) => shiftPositions(item, offset)) };
  const entries: MapPos['entries'] = new Map();
  for (const [key, entry] of pos.entries) {
    entries.set(key, { key: { start: entry.key.start + offset, end: entry.key.end + offset }, value: shiftPositions(entry.value, offset) });
  }
  return { kind: 'map', span, entries };
}
