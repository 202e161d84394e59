/**
 * A fast parser for the YAML that Kubernetes manifests are written in: block mappings and
 * sequences, plain and quoted one-line scalars, `|`/`>` block scalars and one-line flow
 * collections. It is ~10× faster than a general YAML parser because it builds plain values
 * straight from the text and records positions only when asked.
 *
 * Anything outside that subset (anchors, tags, multi-line flow or plain scalars, merge keys,
 * duplicate keys, errors of any kind) makes it give up and return `undefined`; the caller
 * then parses the file with the complete parser (`yaml-precise.ts`), which is the reference:
 * a test checks that both give the same values and positions wherever this one answers.
 */
import { LIMITS, type ParsedDocument } from './document.js';
import { newMapping, setKey } from './values.js';
import { spanAt, type MapPos, type NodePos, type Path, type PathSegment, type SeqPos, type Span } from './positions.js';
import { plainKeyToString, resolvePlainScalar } from './scalars.js';


/** Thrown (one shared instance, no stack) when the text leaves the supported subset. */
const GIVE_UP = Symbol('unsupported YAML');

const TAB = 9, LF = 10, SPACE = 32, BANG = 33, DQUOTE = 34, HASH = 35, PERCENT = 37, AMP = 38,
  SQUOTE = 39, STAR = 42, COMMA = 44, DASH = 45, DOT = 46, COLON = 58, GT = 62, QUESTION = 63,
  AT = 64, LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, BACKTICK = 96, LBRACE = 123, PIPE = 124,
  RBRACE = 125;

const EMPTY_SPAN: Span = { start: 0, end: 0 };

/** YAML's limit for an implicit key: its `:` at most 1024 characters after its start. */
const MAX_KEY_LENGTH = 1024;

/**
 * Plain mapping keys seen before, in a table by a hash of their text (see scanKey); a key whose
 * slot another key holds is simply sliced again.
 */
const KNOWN_KEYS: (string | undefined)[] = new Array(4096);
const KNOWN_KEY_SLOTS = 4095;
/** Short plain values seen before (`TCP`, `http`, `apps/v1`…), likewise: their text and typed value. */
const KNOWN_VALUE_TEXTS: (string | undefined)[] = new Array(65536);
const KNOWN_VALUES: unknown[] = new Array(65536);
const KNOWN_VALUE_SLOTS = 65535;
const MAX_KNOWN_VALUE = 24;

export function parseYamlFast(text: string, withPositions: boolean): ParsedDocument[] | undefined {
  if (text.includes('\r') || text.includes('\uFEFF')) return undefined;
  try {
    return new FastParser(text, withPositions).parseStream();
  } catch (error) {
    // Deep nesting overflows this recursive parser; the complete parser reports it properly.
    if (error === GIVE_UP || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Where `path` is in one document that the fast parser has read before (`text` is that document
 * alone): the span `spanAt` gives over its full positions, found by parsing only along the path;
 * the values of other keys and other items are skipped by their indentation. Undefined when the
 * text leaves the subset: the caller then parses the document in full.
 */
export function locateYamlFast(text: string, path: Path, target: 'key' | 'value'): Span | undefined {
  try {
    return new FastParser(text, true).locate(path, target);
  } catch (error) {
    if (error === GIVE_UP || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** A node the locator has reached, with what the full parser would be called with to parse it. */
type Place =
  | { readonly shape: 'map'; readonly firstKey: number; readonly colon: number; readonly indent: number }
  | { readonly shape: 'seq'; readonly line: number; readonly indent: number }
  | { readonly shape: 'inline'; readonly at: number; readonly parentIndent: number }
  | { readonly shape: 'empty'; readonly at: number };

/** One step down a path: the entry's key (none for sequence items) and its value. */
interface Step {
  readonly key: Span | undefined;
  readonly value: Place;
}

/** The engine's own copy of a string (the one property names use), so objects take it as a key without looking it up. */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0]!;
}

function giveUp(): never {
  throw GIVE_UP;
}

class FastParser {
  private readonly len: number;
  /** Start of the line where parsing continues after the last value. */
  private next = 0;
  /** Position record of the last value parsed (only when recording). */
  private lastPos: NodePos = { kind: 'scalar', span: EMPTY_SPAN };
  /** Indentation of the line `nextContentLine` returned last. */
  private lineIndent = 0;
  /** Collections currently open; deeper than the limit is left to the complete parser to report. */
  private depth = 0;
  /** Finding one path in a document parsed before (see locate). */
  private locating = false;

  constructor(
    private readonly src: string,
    private readonly record: boolean,
  ) {
    this.len = src.length;
  }

  parseStream(): ParsedDocument[] {
    const docs: ParsedDocument[] = [];
    let open = false;
    let markerStart = 0;
    let content: { value: unknown; pos: NodePos } | undefined;
    const close = (end: number) => {
      if (!open) return;
      const span = content ? content.pos.span : { start: markerStart, end: markerStart + 3 };
      const extent = { start: markerStart, end };
      docs.push({
        value: content ? content.value : null,
        span,
        extent,
        byFastParser: true,
        ...(this.record && content ? { positions: content.pos } : {}),
      });
      open = false;
      content = undefined;
    };
    let line = 0;
    /** A document or a `---` was seen. */
    let started = false;
    for (;;) {
      line = this.nextContentLine(line);
      if (line >= this.len) break;
      const first = this.src.charCodeAt(line);
      if (first === PERCENT) giveUp();
      const marker = this.markerAt(line);
      if (marker !== 0) {
        // a `...` before any document or `---` is an error to kubectl (go-yaml skips one after a
        // document): left to the complete parser
        if (marker === DOT && !started) giveUp();
        close(line);
        if (marker === DASH) {
          open = true;
          markerStart = line;
          started = true;
        }
        line = this.endOfLineAfter(line + 3);
        continue;
      }
      if (content) giveUp();
      started = true;
      if (!open) {
        open = true;
        markerStart = line;
      }
      const value = this.blockNode(line, -1);
      content = { value, pos: this.lastPos };
      line = this.next;
    }
    close(this.len);
    return docs;
  }

  /** `---` or `...` at column 0 followed by a blank: returns DASH or DOT, else 0. */
  private markerAt(line: number): number {
    const s = this.src;
    const c = s.charCodeAt(line);
    if ((c !== DASH && c !== DOT) || s.charCodeAt(line + 1) !== c || s.charCodeAt(line + 2) !== c) return 0;
    return this.isBlankOrEnd(line + 3) ? c : 0;
  }

  private isBlankOrEnd(p: number): boolean {
    if (p >= this.len) return true;
    const c = this.src.charCodeAt(p);
    return c === SPACE || c === TAB || c === LF;
  }

  /** Start of the next line that holds content (not blank, not only a comment), or `len`. */
  private nextContentLine(from: number): number {
    const s = this.src;
    let p = from;
    while (p < this.len) {
      let q = p;
      let c = s.charCodeAt(q);
      let tab = false;
      while (c === SPACE || c === TAB) {
        if (c === TAB) tab = true;
        c = s.charCodeAt(++q);
      }
      // A tab in the indentation, even of a blank or comment line, is mostly an error to
      // kubectl (see tabs.ts): left to the complete parser. (The locator reads documents
      // parsed before, and skips the lines of block scalars here too.)
      if (tab && !this.locating) giveUp();
      if (q >= this.len) return this.len;
      if (c === LF) {
        p = q + 1;
        continue;
      }
      if (c === HASH) {
        const nl = s.indexOf('\n', q);
        if (nl === -1) return this.len;
        p = nl + 1;
        continue;
      }
      if (tab) giveUp();
      this.lineIndent = q - p;
      return p;
    }
    return this.len;
  }

  private indentOf(line: number): number {
    let p = line;
    while (this.src.charCodeAt(p) === SPACE) p++;
    return p - line;
  }

  private lineEnd(p: number): number {
    const nl = this.src.indexOf('\n', p);
    return nl === -1 ? this.len : nl;
  }

  /** The rest of the line from `p` must be blank or a comment; returns the next line's start. */
  private endOfLineAfter(p: number): number {
    const s = this.src;
    const start = p;
    let c = s.charCodeAt(p);
    while (c === SPACE || c === TAB) c = s.charCodeAt(++p);
    if (p >= this.len) return this.len;
    if (c === LF) return p + 1;
    if (c === HASH && p > start) return this.lineEnd(p) + 1;
    return giveUp();
  }

  private isSequenceEntry(p: number): boolean {
    return this.src.charCodeAt(p) === DASH && this.isBlankOrEnd(p + 1);
  }

  /** A block node whose first line starts at `line`, indented more than `parentIndent`. */
  private blockNode(line: number, parentIndent: number): unknown {
    const indent = this.lineIndent;
    const p = line + indent;
    if (this.isSequenceEntry(p)) return this.blockSequence(line, indent);
    const colon = this.scanKey(p);
    if (colon >= 0) return this.blockMapping(p, indent, colon);
    void parentIndent;
    return giveUp();
  }

  // ---- locating one path -------------------------------------------------------------------

  locate(path: Path, target: 'key' | 'value'): Span {
    this.locating = true;
    let line = this.nextContentLine(0);
    if (line < this.len && this.markerAt(line) === DASH) line = this.nextContentLine(this.endOfLineAfter(line + 3));
    if (line >= this.len || this.markerAt(line) !== 0) giveUp(); // no content: left to the full parse
    let node = this.blockAt(line);
    let keySpan: Span | undefined;
    for (let i = 0; ; i++) {
      // a value on one line (or none): parsed whole, the rest of the path looked up in it
      if (node.shape === 'inline' || node.shape === 'empty') return spanAt(this.positionsAt(node), path.slice(i), target, keySpan)!;
      if (i === path.length) return target === 'key' && keySpan ? keySpan : this.positionsAt(node).span;
      const step = node.shape === 'map' ? this.entryOf(node, path[i]!) : this.itemOf(node, path[i]!);
      if (!step) return keySpan ?? this.positionsAt(node).span; // the path runs past what exists
      keySpan = step.key;
      node = step.value;
    }
  }

  /** The block collection whose first line is `line` (just returned by nextContentLine), as blockNode reads it. */
  private blockAt(line: number): Place {
    const indent = this.lineIndent;
    const p = line + indent;
    if (this.isSequenceEntry(p)) return { shape: 'seq', line, indent };
    const colon = this.scanKey(p);
    if (colon >= 0) return { shape: 'map', firstKey: p, colon, indent };
    return giveUp();
  }

  /** Parses the node at `place` with positions, exactly as the full parse of the document does. */
  private positionsAt(place: Place): NodePos {
    switch (place.shape) {
      case 'map':
        this.scanKey(place.firstKey);
        this.blockMapping(place.firstKey, place.indent, place.colon);
        return this.lastPos;
      case 'seq':
        this.blockSequence(place.line, place.indent);
        return this.lastPos;
      case 'inline':
        this.inlineValue(place.at, place.parentIndent);
        return this.lastPos;
      case 'empty':
        return { kind: 'scalar', span: { start: place.at, end: place.at }, empty: true };
    }
  }

  /** The entry of a block mapping with key `segment`, skipping the values of the others. */
  private entryOf(map: Extract<Place, { shape: 'map' }>, segment: PathSegment): Step | undefined {
    const s = this.src;
    const wanted = String(segment);
    const indent = map.indent;
    let keyStart = map.firstKey;
    for (;;) {
      const colon = this.scanKey(keyStart);
      if (colon < 0) giveUp();
      const found = this.keyText === wanted;
      const key = { start: keyStart, end: this.keyEnd };
      let q = colon + 1;
      let c = s.charCodeAt(q);
      while (c === SPACE || c === TAB) c = s.charCodeAt(++q);
      let next: number;
      if (q >= this.len || c === LF || c === HASH) {
        // the value is on the lines below: more indented, or a sequence at this indentation
        const line = this.nextContentLine(this.lineEnd(q) + 1);
        const below = line < this.len && this.markerAt(line) === 0;
        let value: Place;
        if (below && this.lineIndent > indent) value = this.blockAt(line);
        else if (below && this.lineIndent === indent && this.isSequenceEntry(line + indent)) value = { shape: 'seq', line, indent };
        else value = { shape: 'empty', at: colon + 1 };
        if (found) return { key, value };
        next = value.shape === 'empty' ? line : this.skipBelow(line, indent, value.shape === 'seq');
      } else {
        if (found) return { key, value: { shape: 'inline', at: q, parentIndent: indent } };
        // one line, or a block scalar whose lines are all more indented
        next = this.skipBelow(this.nextContentLine(this.lineEnd(q) + 1), indent, false);
      }
      if (next >= this.len || this.markerAt(next) !== 0 || this.lineIndent < indent) return undefined;
      if (this.lineIndent > indent) giveUp();
      if (this.isSequenceEntry(next + indent)) return undefined;
      keyStart = next + indent;
    }
  }

  /** Item `segment` of a block sequence, skipping the items before it. */
  private itemOf(seq: Extract<Place, { shape: 'seq' }>, segment: PathSegment): Step | undefined {
    if (typeof segment !== 'number') return undefined;
    const s = this.src;
    const indent = seq.indent;
    let line = seq.line;
    for (let index = 0; ; index++) {
      const dash = line + indent;
      if (index === segment) {
        let q = dash + 1;
        let c = s.charCodeAt(q);
        while (c === SPACE) c = s.charCodeAt(++q);
        if (c === TAB) giveUp();
        if (q >= this.len || c === LF || c === HASH) {
          const below = this.nextContentLine(this.lineEnd(q) + 1);
          if (below < this.len && this.markerAt(below) === 0 && this.lineIndent > indent) return { key: undefined, value: this.blockAt(below) };
          return { key: undefined, value: { shape: 'empty', at: dash + 1 } };
        }
        if (this.isSequenceEntry(q)) giveUp();
        const colon = this.scanKey(q);
        if (colon >= 0) return { key: undefined, value: { shape: 'map', firstKey: q, colon, indent: q - line } };
        return { key: undefined, value: { shape: 'inline', at: q, parentIndent: indent } };
      }
      const next = this.skipBelow(this.nextContentLine(this.lineEnd(dash) + 1), indent, false);
      if (next >= this.len || this.markerAt(next) !== 0 || this.lineIndent !== indent || !this.isSequenceEntry(next + indent)) return undefined;
      line = next;
    }
  }

  /**
   * From content line `line` on, the first content line indented `indent` or less (with
   * `sameIndentItems`, sequence entries at `indent` are skipped too: a mapping's value).
   */
  private skipBelow(line: number, indent: number, sameIndentItems: boolean): number {
    let p = line;
    while (p < this.len && this.markerAt(p) === 0) {
      const lineIndent = this.lineIndent;
      if (lineIndent < indent || (lineIndent === indent && !(sameIndentItems && this.isSequenceEntry(p + indent)))) break;
      p = this.nextContentLine(this.lineEnd(p) + 1);
    }
    return p;
  }

  // ---- keys -------------------------------------------------------------------------------

  private keyText = '';
  private keyEnd = 0;

  /**
   * If a mapping key starts at `p`, returns the position of its `:` and sets keyText/keyEnd;
   * otherwise -1.
   */
  private scanKey(p: number): number {
    const s = this.src;
    const c = s.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      const text = c === DQUOTE ? this.doubleQuoted(p) : this.singleQuoted(p);
      const end = this.quotedEnd;
      let q = end;
      while (s.charCodeAt(q) === SPACE || s.charCodeAt(q) === TAB) q++;
      if (s.charCodeAt(q) !== COLON || !this.isBlankOrEnd(q + 1)) return -1;
      if (q - p > MAX_KEY_LENGTH) giveUp();
      this.keyText = text;
      this.keyEnd = end;
      return q;
    }
    if (!this.canStartPlain(p)) return -1;
    let q = p;
    let hash = 0;
    for (;;) {
      const ch = s.charCodeAt(q);
      if (q >= this.len || ch === LF) return -1;
      if (ch === COLON && this.isBlankOrEnd(q + 1)) break;
      if (ch === HASH && q > p) {
        const prev = s.charCodeAt(q - 1);
        if (prev === SPACE || prev === TAB) return -1;
      }
      hash = (Math.imul(hash, 31) + ch) | 0;
      q++;
    }
    if (q - p > MAX_KEY_LENGTH) giveUp();
    let end = q;
    while (s.charCodeAt(end - 1) === SPACE || s.charCodeAt(end - 1) === TAB) end--;
    this.keyEnd = end;
    // Manifests use a few hundred distinct keys: reusing one string per key spares slicing and
    // re-interning the same property name thousands of times.
    const known = KNOWN_KEYS[hash & KNOWN_KEY_SLOTS];
    if (known !== undefined && known.length === q - p && s.startsWith(known, p)) {
      this.keyText = known;
      return q;
    }
    const raw = s.slice(p, end);
    if (raw === '<<') giveUp(); // merge keys: left to the complete parser
    const key = plainKeyToString(raw);
    if (key === null) giveUp(); // a null key: an error the complete parser reports
    if (key === raw && end === q) {
      const interned = internalized(key);
      KNOWN_KEYS[hash & KNOWN_KEY_SLOTS] = interned;
      this.keyText = interned;
      return q;
    }
    this.keyText = key;
    return q;
  }

  /** A plain scalar may not start with an indicator (ns-plain-first). */
  private canStartPlain(p: number): boolean {
    const c = this.src.charCodeAt(p);
    switch (c) {
      case DASH:
      case QUESTION:
      case COLON:
        return !this.isBlankOrEnd(p + 1);
      case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case HASH: case AMP:
      case STAR: case BANG: case PIPE: case GT: case SQUOTE: case DQUOTE: case PERCENT: case AT:
      case BACKTICK: case SPACE: case TAB: case LF:
        return false;
      default:
        return p < this.len;
    }
  }

  // ---- block collections ------------------------------------------------------------------

  /** `firstColon`: scanKey's answer for the first key, which the caller just scanned (keyText and keyEnd are still its). */
  private blockMapping(firstKey: number, indent: number, firstColon: number): unknown {
    const s = this.src;
    if (++this.depth > LIMITS.depth) giveUp();
    const object = newMapping();
    const entries: MapPos['entries'] | undefined = this.record ? new Map() : undefined;
    let end = 0;
    let keyStart = firstKey;
    for (let colon = firstColon; ; colon = this.scanKey(keyStart)) {
      if (colon < 0) giveUp();
      const key = this.keyText;
      const keyEnd = this.keyEnd;
      // duplicate keys are an error: let the complete parser say so (parsed values are never undefined)
      if (object[key] !== undefined && Object.hasOwn(object, key)) giveUp();
      let q = colon + 1;
      let c = s.charCodeAt(q);
      while (c === SPACE || c === TAB) c = s.charCodeAt(++q);
      let value: unknown = null;
      let empty = false;
      if (q >= this.len || c === LF || c === HASH) {
        const after = this.lineEnd(q) + 1;
        const line = this.nextContentLine(after);
        empty = true;
        if (line < this.len && this.markerAt(line) === 0) {
          const lineIndent = this.lineIndent;
          if (lineIndent > indent) {
            value = this.blockNode(line, indent);
            empty = false;
          } else if (lineIndent === indent && this.isSequenceEntry(line + lineIndent)) {
            value = this.blockSequence(line, lineIndent);
            empty = false;
          }
        }
        if (empty) this.next = Math.min(after, this.len);
      } else {
        value = this.inlineValue(q, indent);
      }
      setKey(object, key, value);
      if (entries) {
        const valuePos: NodePos = empty ? { kind: 'scalar', span: { start: colon + 1, end: colon + 1 }, empty } : this.lastPos;
        entries.set(key, { key: { start: keyStart, end: keyEnd }, value: valuePos });
        end = empty ? colon + 1 : valuePos.span.end;
      }

      const line = this.nextContentLine(this.next);
      this.next = line;
      if (line >= this.len || this.markerAt(line) !== 0) break;
      const lineIndent = this.lineIndent;
      if (lineIndent < indent) break;
      if (lineIndent > indent) giveUp();
      if (this.isSequenceEntry(line + lineIndent)) break;
      keyStart = line + lineIndent;
    }
    if (entries) this.lastPos = { kind: 'map', span: { start: firstKey, end }, entries };
    this.depth--;
    return object;
  }

  private blockSequence(firstLine: number, indent: number): unknown[] {
    const s = this.src;
    if (++this.depth > LIMITS.depth) giveUp();
    const items: unknown[] = [];
    const positions: SeqPos['items'] | undefined = this.record ? [] : undefined;
    let line = firstLine;
    let end = 0;
    for (;;) {
      const dash = line + indent;
      let q = dash + 1;
      let c = s.charCodeAt(q);
      while (c === SPACE) c = s.charCodeAt(++q);
      if (c === TAB) giveUp(); // an error to kubectl after a `-` (tabs.ts)
      let value: unknown = null;
      let empty = false;
      let colon: number;
      if (q >= this.len || c === LF || c === HASH) {
        const after = this.lineEnd(q) + 1;
        const next = this.nextContentLine(after);
        if (next < this.len && this.markerAt(next) === 0 && this.lineIndent > indent) {
          value = this.blockNode(next, indent);
        } else {
          empty = true;
          this.next = Math.min(after, this.len);
        }
      } else if (this.isSequenceEntry(q)) {
        return giveUp(); // `- - x`: compact nested sequences
      } else if ((colon = this.scanKey(q)) >= 0) {
        value = this.blockMapping(q, q - line, colon);
      } else {
        value = this.inlineValue(q, indent);
      }
      items.push(value);
      if (positions) {
        const valuePos: NodePos = empty ? { kind: 'scalar', span: { start: dash + 1, end: dash + 1 }, empty } : this.lastPos;
        positions.push(valuePos);
        end = empty ? dash + 1 : valuePos.span.end;
      }

      const next = this.nextContentLine(this.next);
      this.next = next;
      if (next >= this.len || this.markerAt(next) !== 0) break;
      const nextIndent = this.lineIndent;
      if (nextIndent < indent) break;
      if (nextIndent > indent) giveUp();
      if (!this.isSequenceEntry(next + nextIndent)) break;
      line = next;
    }
    if (positions) this.lastPos = { kind: 'seq', span: { start: firstLine + indent, end }, items: positions };
    this.depth--;
    return items;
  }

  // ---- values on the current line -----------------------------------------------------------

  /** A value starting at `p` on its line (after `key:` or `- `); sets `next` and `lastPos`. */
  private inlineValue(p: number, parentIndent: number): unknown {
    const s = this.src;
    const c = s.charCodeAt(p);
    let value: unknown;
    let end: number;
    switch (c) {
      case PIPE:
      case GT:
        return this.blockScalar(p, parentIndent);
      case DQUOTE:
        value = this.doubleQuoted(p);
        end = this.quotedEnd;
        break;
      case SQUOTE:
        value = this.singleQuoted(p);
        end = this.quotedEnd;
        break;
      case LBRACKET:
      case LBRACE:
        value = this.flowCollection(p);
        end = this.flowEnd;
        this.next = this.endOfLineAfter(end);
        return value;
      default: {
        if (!this.canStartPlain(p)) giveUp();
        // one pass to the end of the line (or a comment), hashing as it goes
        const len = this.len;
        let q = p;
        let hash = 0;
        for (; q < len; q++) {
          const ch = s.charCodeAt(q);
          if (ch === LF) break;
          if (ch === HASH) {
            const prev = s.charCodeAt(q - 1);
            if (prev === SPACE || prev === TAB) break;
          } else if (ch === COLON) {
            const after = s.charCodeAt(q + 1);
            if (q + 1 === len || after === LF || after === SPACE || after === TAB) giveUp(); // `a: b: c` is an error in YAML
          }
          hash = (Math.imul(hash, 31) + ch) | 0;
        }
        const lineEnd = q === len || s.charCodeAt(q) === LF ? q : this.lineEnd(q);
        end = q;
        while (s.charCodeAt(end - 1) === SPACE || s.charCodeAt(end - 1) === TAB) end--;
        value = end === q && end - p <= MAX_KNOWN_VALUE ? this.knownValue(p, end, hash) : resolvePlainScalar(s.slice(p, end));
        if (this.record) this.lastPos = { kind: 'scalar', span: { start: p, end } };
        this.next = lineEnd + 1;
        return value;
      }
    }
    if (this.record) this.lastPos = { kind: 'scalar', span: { start: p, end } };
    this.next = this.endOfLineAfter(end);
    return value;
  }

  /** A short plain scalar, reusing the text and typed value of an identical one seen before. */
  private knownValue(start: number, end: number, hash: number): unknown {
    const slot = hash & KNOWN_VALUE_SLOTS;
    const known = KNOWN_VALUE_TEXTS[slot];
    if (known !== undefined && known.length === end - start && this.src.startsWith(known, start)) return KNOWN_VALUES[slot];
    const text = this.src.slice(start, end);
    const value = resolvePlainScalar(text);
    KNOWN_VALUE_TEXTS[slot] = text;
    KNOWN_VALUES[slot] = value;
    return value;
  }

  private quotedEnd = 0;

  /** A double-quoted scalar closed on its own line; sets `quotedEnd` after the closing quote. */
  private doubleQuoted(start: number): string {
    const s = this.src;
    let out = '';
    let segment = start + 1;
    let q = segment;
    for (;;) {
      if (q >= this.len) giveUp();
      const c = s.charCodeAt(q);
      if (c === DQUOTE) break;
      if (c === LF) giveUp();
      if (c === BACKSLASH) {
        out += s.slice(segment, q);
        const [text, length] = this.escape(q + 1);
        out += text;
        q += 1 + length;
        segment = q;
        continue;
      }
      q++;
    }
    this.quotedEnd = q + 1;
    return out + s.slice(segment, q);
  }

  private escape(p: number): [string, number] {
    const c = this.src[p];
    const simple = c === undefined ? undefined : SIMPLE_ESCAPES.get(c);
    if (simple !== undefined) return [simple, 1];
    const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (width === 0) return giveUp();
    const hex = this.src.slice(p + 1, p + 1 + width);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) giveUp();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) giveUp();
    return [String.fromCodePoint(code), 1 + width];
  }

  private singleQuoted(start: number): string {
    const s = this.src;
    let out = '';
    let segment = start + 1;
    let q = segment;
    for (;;) {
      if (q >= this.len) giveUp();
      const c = s.charCodeAt(q);
      if (c === LF) giveUp();
      if (c === SQUOTE) {
        if (s.charCodeAt(q + 1) !== SQUOTE) break;
        out += s.slice(segment, q + 1);
        q += 2;
        segment = q;
        continue;
      }
      q++;
    }
    this.quotedEnd = q + 1;
    return out + s.slice(segment, q);
  }

  /** `|` or `>` with optional chomping indicator; explicit indentation indicators give up. */
  private blockScalar(start: number, parentIndent: number): string {
    const s = this.src;
    const folded = s.charCodeAt(start) === GT;
    let p = start + 1;
    let strip = false;
    const h = s.charCodeAt(p);
    if (h === DASH) {
      strip = true;
      p++;
    } else if (h === 43 /* + */ || (h >= 48 && h <= 57)) {
      giveUp();
    }
    const firstLine = this.endOfLineAfter(p);

    // The content indentation is that of the first non-blank line.
    let indent = -1;
    let widestLeadingBlank = 0;
    for (let line = firstLine; line < this.len; ) {
      const lineIndent = this.indentOf(line);
      const c = s.charCodeAt(line + lineIndent);
      if (line + lineIndent >= this.len) break;
      if (c === LF) {
        widestLeadingBlank = Math.max(widestLeadingBlank, lineIndent);
        line += lineIndent + 1;
        continue;
      }
      if (c === TAB) giveUp();
      indent = lineIndent;
      break;
    }

    const lines: string[] = [];
    let contentEnd = p;
    let resume = firstLine;
    if (indent > parentIndent && indent > 0) {
      if (widestLeadingBlank > indent) giveUp();
      let trailingBlank = 0;
      let line = firstLine;
      while (line < this.len) {
        const lineIndent = this.indentOf(line);
        const end = this.lineEnd(line);
        if (line + lineIndent >= end) {
          // spaces beyond the indentation on a blank line would be content: left to the full parser
          if (lineIndent > indent) giveUp();
          lines.push('');
          trailingBlank++;
        } else {
          if (lineIndent < indent) {
            if (s.charCodeAt(line + lineIndent) === TAB) giveUp(); // a tab in the indentation: an error
            break;
          }
          const text = s.slice(line + indent, end);
          // more-indented lines are not folded: left to the full parser
          if (folded && (text.charCodeAt(0) === SPACE || text.charCodeAt(0) === TAB)) giveUp();
          lines.push(text);
          trailingBlank = 0;
          contentEnd = end;
        }
        line = end + 1;
      }
      lines.length -= trailingBlank;
      resume = Math.min(line, this.len);
    }

    let value = folded ? foldLines(lines) : lines.join('\n');
    if (!strip && lines.length > 0) value += '\n';
    if (this.record) this.lastPos = { kind: 'scalar', span: { start, end: contentEnd } };
    this.next = resume;
    return value;
  }

  // ---- flow collections on one line ----------------------------------------------------------

  private flowEnd = 0;

  private flowCollection(start: number): unknown {
    const s = this.src;
    if (++this.depth > LIMITS.depth) giveUp();
    const isMap = s.charCodeAt(start) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const items: unknown[] = [];
    const object = newMapping();
    const itemPos: NodePos[] | undefined = this.record && !isMap ? [] : undefined;
    const entries: MapPos['entries'] | undefined = this.record && isMap ? new Map() : undefined;
    let p = this.skipInlineSpace(start + 1);
    if (s.charCodeAt(p) === close) {
      this.flowEnd = p + 1;
    } else {
      for (;;) {
        if (isMap) {
          const keyStart = p;
          let key: string;
          let keyEnd: number;
          const c = s.charCodeAt(p);
          if (c === DQUOTE || c === SQUOTE) {
            key = c === DQUOTE ? this.doubleQuoted(p) : this.singleQuoted(p);
            keyEnd = this.quotedEnd;
            p = this.skipInlineSpace(keyEnd);
            if (s.charCodeAt(p) !== COLON) giveUp();
            p++;
          } else {
            const raw = this.flowPlain(p, true);
            keyEnd = this.flowEnd;
            if (raw === '<<') giveUp();
            const typed = plainKeyToString(raw);
            if (typed === null) giveUp();
            key = typed;
            p = keyEnd;
            if (s.charCodeAt(p) !== COLON || !this.isBlankOrEnd(p + 1)) giveUp();
            p++;
          }
          if (p - 1 - keyStart > MAX_KEY_LENGTH) giveUp();
          if (Object.hasOwn(object, key)) giveUp();
          p = this.skipInlineSpace(p);
          const value = this.flowNode(p);
          setKey(object, key, value);
          if (entries) entries.set(key, { key: { start: keyStart, end: keyEnd }, value: this.lastPos });
        } else {
          items.push(this.flowNode(p));
          if (itemPos) itemPos.push(this.lastPos);
        }
        p = this.skipInlineSpace(this.flowEnd);
        const c = s.charCodeAt(p);
        if (c === COMMA) {
          p = this.skipInlineSpace(p + 1);
          const after = s.charCodeAt(p);
          if (after === close || after === COMMA) giveUp(); // trailing or empty entries
          continue;
        }
        if (c === close) {
          this.flowEnd = p + 1;
          break;
        }
        giveUp();
      }
    }
    const span = { start, end: this.flowEnd };
    if (entries) this.lastPos = { kind: 'map', span, entries };
    else if (itemPos) this.lastPos = { kind: 'seq', span, items: itemPos };
    this.depth--;
    return isMap ? object : items;
  }

  private skipInlineSpace(p: number): number {
    const s = this.src;
    let c = s.charCodeAt(p);
    while (c === SPACE || c === TAB) c = s.charCodeAt(++p);
    if (c === LF || p >= this.len || c === HASH) giveUp(); // flow collections spanning lines
    return p;
  }

  /** One entry of a flow collection; sets `flowEnd` and `lastPos`. */
  private flowNode(p: number): unknown {
    const c = this.src.charCodeAt(p);
    let value: unknown;
    if (c === LBRACKET || c === LBRACE) return this.flowCollection(p);
    if (c === DQUOTE || c === SQUOTE) {
      value = c === DQUOTE ? this.doubleQuoted(p) : this.singleQuoted(p);
      this.flowEnd = this.quotedEnd;
    } else {
      value = resolvePlainScalar(this.flowPlain(p, false));
    }
    if (this.record) this.lastPos = { kind: 'scalar', span: { start: p, end: this.flowEnd } };
    return value;
  }

  /** A plain scalar inside a flow collection; sets `flowEnd` to its trimmed end. */
  private flowPlain(p: number, isKey: boolean): string {
    const s = this.src;
    // go-yaml reads a `?` anywhere and a leading `:` in a flow collection as YAML syntax
    if (!this.canStartPlain(p) || s.charCodeAt(p) === COLON) giveUp();
    let q = p;
    for (;; q++) {
      const c = s.charCodeAt(q);
      if (q >= this.len || c === LF || c === QUESTION) giveUp();
      if (c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE) break;
      if (c === COLON) {
        const n = s.charCodeAt(q + 1);
        if (n === SPACE || n === TAB || n === COMMA || n === RBRACKET || n === RBRACE) {
          if (isKey) break;
          giveUp(); // single-pair mappings inside flow sequences
        }
      }
      if (c === HASH && (s.charCodeAt(q - 1) === SPACE || s.charCodeAt(q - 1) === TAB)) giveUp();
    }
    let end = q;
    while (s.charCodeAt(end - 1) === SPACE || s.charCodeAt(end - 1) === TAB) end--;
    if (end === p) giveUp();
    this.flowEnd = end;
    return s.slice(p, end);
  }
}

const SIMPLE_ESCAPES = new Map<string, string>([
  ['0', '\0'], ['a', '\x07'], ['b', '\b'], ['t', '\t'], ['\t', '\t'], ['n', '\n'], ['v', '\v'], ['f', '\f'], ['r', '\r'],
  ['e', '\x1b'], [' ', ' '], ['"', '"'], ['\\', '\\'], ['N', '\x85'], ['_', '\xa0'], ['L', '\u2028'], ['P', '\u2029'],
]);

/** Folding of `>` content whose lines are not more-indented: line breaks become spaces, blank lines breaks. */
function foldLines(lines: string[]): string {
  let out = '';
  let blanks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') {
      blanks++;
      continue;
    }
    if (!started) out += '\n'.repeat(blanks);
    else out += blanks === 0 ? ' ' : '\n'.repeat(blanks);
    out += line;
    blanks = 0;
    started = true;
  }
  return out;
}
