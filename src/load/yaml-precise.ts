/**
 * The complete YAML path: the `yaml` package parses (errors with positions, every YAML
 * feature), and this module turns its syntax tree into plain values typed the way the API
 * server decodes YAML (see scalars.ts), expanding aliases and `<<` merge keys within limits.
 *
 * Where the `yaml` package and kubectl's decoder (go-yaml v2) disagree, kubectl wins: a lone
 * `-` in a flow collection is the string "-", tabs where go-yaml expects indentation are errors
 * (tabs.ts), a null key is an error, and keys are typed like plain scalars however written.
 * Everything here is linear in the size of the document: aliases are looked up in a table kept
 * while converting (the package's own lookup walks the document per alias), and duplicate keys
 * are found with a set (the package's own check compares each key with every earlier one).
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { LIMITS, type ParseResult, type ParsedDocument, type SyntaxError } from './document.js';
import type { MapPos, NodePos, Span } from './positions.js';
import { decodeQuoted, joinQuotedLines, underIndentedQuotes } from './quoted-lines.js';
import { plainKeyToString, resolvePlainScalar } from './scalars.js';
import { TAB_MESSAGE, TabChecker } from './tabs.js';
import { quote } from '../util/text.js';
import { newMapping, setKey } from './values.js';

const STR_TAG = 'tag:yaml.org,2002:str';
const MERGE_TAG = 'tag:yaml.org,2002:merge';
const TYPED_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null']);
const KNOWN_COLLECTION_TAGS = new Set(['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:omap']);
/** What may follow a backslash in a double-quoted scalar to go-yaml v2 (YAML 1.1: no `\\/`, but `\\'`). */
const GO_YAML_ESCAPES = '0abt\tnvfre "\'\\NLP_xuU\n';
/** YAML's limit for an implicit key: its `:` at most 1024 characters after its start. */
const MAX_IMPLICIT_KEY = 1024;
/** Stands in for a lone `-` in a flow collection, which the `yaml` package rejects (see loneDashes). */
const LONE_DASH = '\uE000';

class DocumentError extends Error {
  constructor(
    message: string,
    readonly span: Span,
    /** The error is about a tag, whose position the parser's warning knows. */
    readonly aboutTag = false,
  ) {
    super(message);
  }
}

interface Converted {
  value: unknown;
  pos: NodePos;
  /** Number of values inside, for bounding alias expansion. */
  size: number;
}

export function parseYamlPrecise(text: string, withPositions: boolean): ParseResult {
  const warnings: SyntaxError[] = [];
  let source = text;
  let parsed: Document.Parsed[];
  /** Quoted scalars with under-indented lines, by where they start: their values (quoted-lines.ts). */
  let quotedValues: Map<number, string> | undefined;
  try {
    parsed = parseDocuments(source);
    if (parsed.some((doc) => doc.errors.some((e) => e.code === 'MISSING_CHAR' && /closing .?quote/.test(e.message)))) {
      const spans = underIndentedQuotes(source);
      if (spans.length > 0) {
        quotedValues = new Map(spans.map(({ start, end }) => [start, decodeQuoted(text.slice(start, end))]));
        source = joinQuotedLines(source, spans);
        parsed = parseDocuments(source);
      }
    }
    // `[-]` is `["-"]` to kubectl; the `yaml` package reads a block sequence there (an error).
    // Such dashes are replaced by a character of the same length and read back as "-".
    const dashes = loneDashes(source, parsed);
    if (dashes.length > 0 && !text.includes(LONE_DASH)) {
      const chars = source.split('');
      for (const at of dashes) chars[at] = LONE_DASH;
      source = chars.join('');
      parsed = parseDocuments(source);
    }
  } catch (error) {
    // The parser itself failed (it recurses on deep nesting): one error for the whole file.
    const message = error instanceof RangeError ? `nesting too deep to parse` : `cannot parse: ${String(error)}`;
    return { documents: [], errors: [{ docIndex: 0, span: { start: 0, end: 0 }, message, count: 1 }], warnings };
  }
  const documents: ParsedDocument[] = [];
  const errors: SyntaxError[] = [];
  const tabs = text.includes('\t') ? new TabChecker(source) : undefined;
  /** A document or a `---` was seen (see below). */
  let started = false;
  parsed.forEach((doc, parsedIndex) => {
    const docIndex = documents.length;
    const span = documentSpan(doc, text);
    const contents = doc.contents as YamlNode | null;
    const empty = !contents || (isScalar(contents) && !contents.anchor && !contents.tag && contents.range?.[0] === contents.range?.[1]);
    if (empty && doc.errors.length === 0 && doc.directives.docEnd && !doc.directives.docStart) {
      // a `...` alone: go-yaml skips it after a document, and fails on it before any (the
      // `yaml` package makes an empty document of it)
      if (started) return;
      const marker = text.indexOf('...', doc.range[0]);
      errors.push({ docIndex, span: { start: marker, end: marker + 3 }, message: 'a document end marker (...) before any document: kubectl cannot decode the file', count: 1 });
      documents.push({ value: undefined, span });
      started = true;
      return;
    }
    started = true;
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      // the parser recurses per level of nesting
      const message = /call stack/i.test(first.message) ? 'nesting too deep to parse' : first.message;
      errors.push({ docIndex, span: { start: first.pos[0], end: first.pos[1] }, message, count: doc.errors.length });
      documents.push({ value: undefined, span });
      return;
    }
    const unresolvedTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
    try {
      const converter = new Converter(source, tabs, quotedValues);
      const contents = doc.contents as YamlNode | null;
      const converted = contents ? converter.convert(contents, 0, -1) : undefined;
      // the text from this document's start to the next one's is checked for tabs
      const next = parsed[parsedIndex + 1];
      const tab = tabs?.firstProblem(parsedIndex === 0 ? 0 : doc.range[0], next ? next.range[0] : source.length);
      if (tab) throw new DocumentError(tab.message, tab.span);
      const value = converted ? converted.value : null;
      // Duplicate keys are reported once per document, and the document is then used as
      // kubectl reads it (the last value wins), so nothing else is reported because of them.
      const duplicate = converter.duplicates[0];
      if (duplicate) {
        const more = converter.duplicates.length;
        errors.push({ docIndex, span: duplicate.span, message: `duplicate key "${duplicate.key}": kubectl keeps only the last value`, count: more, duplicateKey: true });
      }
      const hasContent = converted !== undefined && !(converted.pos.kind === 'scalar' && converted.pos.empty);
      const docSpan = hasContent ? converted.pos.span : span;
      documents.push({ value, span: docSpan, ...(withPositions && hasContent ? { positions: converted.pos } : {}) });
      for (const warning of doc.warnings) {
        const message = warning.code === 'TAG_RESOLVE_FAILED' ? `${warning.message}: Kubernetes ignores the tag and reads the value as it is written` : warning.message;
        warnings.push({ docIndex, span: { start: warning.pos[0], end: warning.pos[1] }, message, count: 1, warning: true });
      }
    } catch (error) {
      if (!(error instanceof DocumentError) && !(error instanceof RangeError)) throw error;
      // an unsupported tag is best shown where the tag is written
      const tagSpan = error instanceof DocumentError && error.aboutTag && unresolvedTag ? { start: unresolvedTag.pos[0], end: unresolvedTag.pos[1] } : undefined;
      const errorSpan = tagSpan ?? (error instanceof DocumentError ? error.span : span);
      const message = error instanceof DocumentError ? error.message : 'nesting too deep to convert';
      errors.push({ docIndex, span: errorSpan, message, count: 1 });
      documents.push({ value: undefined, span });
    }
  });
  return { documents, errors, warnings };
}

function parseDocuments(text: string): Document.Parsed[] {
  // uniqueKeys off: the package compares every key with every earlier one; Converter checks
  const parsed = parseAllDocuments(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: false }) as Document.Parsed[] | Document.Parsed;
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  // The package measures an implicit key from the blanks before it (after an empty value, from
  // the line before); go-yaml from the key itself. Converter checks the limit as go-yaml does.
  for (const doc of documents) {
    for (let i = doc.errors.length - 1; i >= 0; i--) if (doc.errors[i]!.code === 'KEY_OVER_1024_CHARS') doc.errors.splice(i, 1);
  }
  return documents;
}

/** Offsets of `-` written alone as an entry of a flow collection (`[-]`, `[a, -]`, `{k: -}`). */
function loneDashes(text: string, parsed: readonly Document.Parsed[]): number[] {
  const found: number[] = [];
  for (const doc of parsed) {
    for (const error of doc.errors) {
      const at = error.pos[0];
      if (error.code === 'BLOCK_IN_FLOW' && text.charCodeAt(at) === 45 /* - */ && ',]}'.includes(text[at + 1] ?? '')) found.push(at);
    }
  }
  return found;
}

/** A document without content is located at its `---` marker. */
function documentSpan(doc: Document.Parsed, text: string): Span {
  const contents = doc.contents as YamlNode | null;
  if (contents?.range && contents.range[1] > contents.range[0]) return { start: contents.range[0], end: contents.range[1] };
  const start = doc.range[0];
  return { start, end: text.startsWith('---', start) ? start + 3 : start };
}

function isMergeKey(node: unknown): boolean {
  return isScalar(node) && ((node.type === 'PLAIN' && !node.tag && node.value === '<<') || node.tag === MERGE_TAG);
}

class Converter {
  /** Anchor name → the node it was last put on (an alias refers to the latest before it), converted once asked for. */
  private readonly anchors = new Map<string, { node: YamlNode; converted?: Converted }>();
  private aliasBudget = LIMITS.aliasNodes;
  /** Flow collections open around the node being converted. */
  private flowDepth = 0;
  /** Keys written twice in one mapping (merge keys aside), in document order. */
  readonly duplicates: { key: string; span: Span }[] = [];

  constructor(
    private readonly text: string,
    /** Collects where tabs are allowed, when the text has any. */
    private readonly tabs: TabChecker | undefined,
    /** Values of quoted scalars whose lines were joined, by where they start. */
    private readonly quotedValues?: ReadonlyMap<number, string>,
  ) {}

  /**
   * `blockIndent`: the column of the block collection holding the node (-1 at the top);
   * undefined inside a flow collection and for keys.
   */
  convert(node: YamlNode, depth: number, blockIndent: number | undefined): Converted {
    const result = this.convertNode(node, depth, blockIndent);
    if (!isAlias(node)) this.anchor(node, result);
    return result;
  }

  private convertNode(node: YamlNode, depth: number, blockIndent: number | undefined): Converted {
    if (depth > LIMITS.depth) {
      throw new DocumentError(`nesting deeper than ${LIMITS.depth} levels`, this.span(node));
    }
    if (isAlias(node)) {
      const target = this.aliased(node);
      // counted before the value is used: a document of aliases costs its size, not its expansion
      this.aliasBudget -= target.size;
      if (this.aliasBudget < 0) {
        throw new DocumentError(`aliases expand to more than ${LIMITS.aliasNodes} values`, this.span(node));
      }
      return target;
    }
    if (isScalar(node)) return this.scalar(node, blockIndent);
    if (isMap(node)) return this.mapping(node, depth);
    if (isSeq(node)) return this.sequence(node, depth);
    throw new DocumentError('unsupported YAML node', this.span(node));
  }

  private anchor(node: YamlNode, converted?: Converted): void {
    const name = (node as { anchor?: string }).anchor;
    if (name) this.anchors.set(name, converted ? { node, converted } : { node });
  }

  /** The node an alias refers to, converted. */
  private aliased(alias: import('yaml').Alias): Converted {
    const anchored = this.anchors.get(alias.source);
    if (!anchored) throw new DocumentError(`alias *${alias.source} refers to no earlier anchor`, this.span(alias as YamlNode));
    // an anchor on a mapping key is converted as a value only when an alias uses it so
    anchored.converted ??= this.convertNode(anchored.node, 0, undefined);
    return anchored.converted;
  }

  private span(node: YamlNode): Span {
    const range = node.range;
    return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
  }

  private scalar(node: Scalar, blockIndent: number | undefined): Converted {
    const raw = this.rawText(node);
    const range = node.range ?? [0, 0, 0];
    this.checkAsGoYaml(node, raw);
    let value: unknown;
    if (node.tag === STR_TAG) value = raw;
    else if (node.tag && TYPED_TAGS.has(node.tag)) value = resolvePlainScalar(raw);
    else if (node.type === 'PLAIN' && !node.tag) value = resolvePlainScalar(raw);
    else value = raw; // quoted, block, or an unknown tag: go-yaml keeps the text
    let end = range[1];
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') end = this.blockScalarEnd(range[0], end);
    const empty = node.type === 'PLAIN' && raw === '' && range[0] === range[1];
    // a value written as nothing is where its `key:` or `-` ends, not after the blanks or comment that follow
    const at = empty ? this.afterPrevious(range[0]) : range[0];
    const pos: NodePos = empty ? { kind: 'scalar', span: { start: at, end: at }, empty: true } : { kind: 'scalar', span: { start: at, end } };
    if (this.tabs && !empty) this.tabs.scalar(node.type, range[0], range[1], blockIndent);
    return { value, pos, size: 1 };
  }

  /** A scalar's text as written (a lone dash put back, joined lines decoded as written). */
  private rawText(node: Scalar): string {
    const joined = this.quotedValues && node.range ? this.quotedValues.get(node.range[0]) : undefined;
    if (joined !== undefined) return joined;
    const raw = typeof node.value === 'string' ? node.value : String(node.value ?? '');
    return node.type === 'PLAIN' && raw.includes(LONE_DASH) ? raw.replaceAll(LONE_DASH, '-') : raw;
  }

  /** Just after the last character before `offset` that is not a space or tab. */
  private afterPrevious(offset: number): number {
    let p = offset;
    for (let c = this.text.charCodeAt(p - 1); p > 0 && (c === 32 || c === 9); c = this.text.charCodeAt(--p - 1));
    return p;
  }

  /**
   * A block scalar ends with its last content line, not the line breaks or blank lines after
   * it; one without content ends with its header's indicators (not a comment after them).
   */
  private blockScalarEnd(start: number, end: number): number {
    const text = this.text;
    let e = end;
    for (;;) {
      if (e > start && text.charCodeAt(e - 1) === 10) {
        e--;
        continue;
      }
      const lineStart = text.lastIndexOf('\n', e - 1) + 1;
      if (lineStart > start && text.slice(lineStart, e).trim() === '') {
        e = lineStart;
        continue;
      }
      if (lineStart <= start) {
        let header = start + 1;
        while (header < e && /[-+0-9]/.test(text[header]!)) header++;
        return header;
      }
      return e;
    }
  }

  /** A mapping key as kubectl's decoder turns it into a JSON property name. */
  private key(node: unknown): { key: string; span: Span } {
    const span = isAlias(node) || isScalar(node) || isMap(node) || isSeq(node) ? this.span(node as YamlNode) : { start: 0, end: 0 };
    let scalar: unknown = node;
    if (isAlias(node)) {
      const anchored = this.anchors.get(node.source);
      if (!anchored) throw new DocumentError(`alias *${node.source} refers to no earlier anchor`, span);
      scalar = anchored.node;
    }
    if (!isScalar(scalar)) throw new DocumentError('a mapping key must be a scalar', span);
    if (node === scalar) {
      this.anchor(scalar);
      this.checkAsGoYaml(scalar, this.rawText(scalar));
    }
    if (this.tabs) this.tabs.scalar(scalar.type, span.start, span.end, undefined);
    const raw = this.rawText(scalar);
    // a plain key and one tagged !!int, !!bool… are typed as a plain scalar is, then written as text
    const typed = scalar.tag ? TYPED_TAGS.has(scalar.tag) : scalar.type === 'PLAIN';
    const key = typed ? plainKeyToString(raw) : raw;
    if (key === null) throw new DocumentError(`a null key (${raw === '' ? 'empty' : raw}): kubectl cannot decode a mapping with one`, span);
    return { key, span };
  }

  private mapping(node: YAMLMap, depth: number): Converted {
    this.checkCollectionTag(node);
    const object = newMapping();
    const entries: MapPos['entries'] = new Map();
    /** Keys written in this mapping (keys from merges may be overridden, not repeated). */
    const written = new Set<string>();
    const start = node.range?.[0] ?? 0;
    const column = node.flow ? undefined : start - (this.text.lastIndexOf('\n', start - 1) + 1);
    if (node.flow && this.tabs && node.range) this.tabs.flow(node.range[0], node.range[1]);
    if (node.flow) this.flowDepth++;
    let size = 1;
    let end = start;
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      if (isMergeKey(keyNode)) {
        size += this.merge(pair.value as YamlNode | null, object, entries, depth);
        end = this.entryEnd(pair.value as YamlNode | null, end);
        continue;
      }
      const { key, span: keySpan } = this.key(keyNode);
      if (written.has(key)) this.duplicates.push({ key, span: keySpan });
      written.add(key);
      const valueNode = pair.value as YamlNode | null;
      this.checkPair(keySpan, valueNode, node.flow === true);
      const converted: Converted = valueNode
        ? this.convert(valueNode, depth + 1, column)
        : { value: null, pos: { kind: 'scalar', span: { start: keySpan.end, end: keySpan.end }, empty: true }, size: 1 };
      setKey(object, key, converted.value);
      entries.set(key, { key: keySpan, value: converted.pos });
      size += converted.size;
      end = converted.pos.kind === 'scalar' && converted.pos.empty ? converted.pos.span.start : converted.pos.span.end;
    }
    if (node.flow) this.flowDepth--;
    if (node.flow && node.range) end = node.range[1];
    return { value: object, pos: { kind: 'map', span: { start, end }, entries }, size };
  }

  private entryEnd(node: YamlNode | null, fallback: number): number {
    return node?.range ? node.range[1] : fallback;
  }

  /** go-yaml v2 merge keys: a mapping, or a list of mappings where earlier ones win. */
  private merge(node: YamlNode | null, object: Record<string, unknown>, entries: MapPos['entries'], depth: number): number {
    if (!node) return 0;
    // converted in the order written (anchors defined inside count from there), applied last first
    const sources = (isSeq(node) ? (node.items as YamlNode[]) : [node]).map((source) => {
      const converted = this.convert(source, depth + 1, undefined);
      if (converted.pos.kind !== 'map' || typeof converted.value !== 'object' || converted.value === null) {
        throw new DocumentError('a merge key (<<) needs a mapping or a list of mappings', this.span(source));
      }
      return { value: converted.value as Record<string, unknown>, entries: converted.pos.entries, size: converted.size };
    });
    let size = 0;
    for (const source of sources.reverse()) {
      for (const key of Object.keys(source.value)) setKey(object, key, source.value[key]);
      for (const [key, entry] of source.entries) entries.set(key, entry);
      size += source.size;
    }
    return size;
  }

  private sequence(node: YAMLSeq, depth: number): Converted {
    this.checkCollectionTag(node);
    const items: unknown[] = [];
    const positions: NodePos[] = [];
    const start = node.range?.[0] ?? 0;
    const column = node.flow ? undefined : start - (this.text.lastIndexOf('\n', start - 1) + 1);
    if (node.flow && this.tabs && node.range) this.tabs.flow(node.range[0], node.range[1]);
    if (node.flow) this.flowDepth++;
    let size = 1;
    let end = start;
    for (const item of node.items as (YamlNode | null)[]) {
      const converted: Converted = item
        ? this.convert(item, depth + 1, column)
        : { value: null, pos: { kind: 'scalar', span: { start: end, end }, empty: true }, size: 1 };
      items.push(converted.value);
      positions.push(converted.pos);
      size += converted.size;
      end = converted.pos.kind === 'scalar' && converted.pos.empty ? converted.pos.span.start : converted.pos.span.end;
    }
    if (node.flow) this.flowDepth--;
    if (node.flow && node.range) end = node.range[1];
    return { value: items, pos: { kind: 'seq', span: { start, end }, items: positions }, size };
  }

  /** Where go-yaml v2 (kubectl) rejects a scalar that the `yaml` package accepts. */
  private checkAsGoYaml(node: Scalar, raw: string): void {
    const range = node.range ?? [0, 0, 0];
    if (node.type === 'PLAIN' && this.flowDepth > 0 && (raw.startsWith(':') || raw.includes('?'))) {
      // in a flow collection go-yaml reads every `?` as an explicit key and a leading `:` as a value indicator
      throw new DocumentError(`plain value ${quote(raw)} in a flow collection: kubectl reads its ${raw.startsWith(':') ? '":"' : '"?"'} as YAML syntax; quote it`, this.span(node));
    }
    if (node.type === 'QUOTE_DOUBLE') {
      for (let at = this.text.indexOf('\\', range[0]); at !== -1 && at < range[1]; at = this.text.indexOf('\\', at + 2)) {
        const escaped = this.text[at + 1] ?? '';
        if (!GO_YAML_ESCAPES.includes(escaped)) {
          throw new DocumentError(`unknown escape \\${escaped}: kubectl (YAML 1.1) cannot decode it`, { start: at, end: at + 2 });
        }
        const width = escaped === 'x' ? 2 : escaped === 'u' ? 4 : escaped === 'U' ? 8 : 0;
        const code = width > 0 ? parseInt(this.text.slice(at + 2, at + 2 + width), 16) : 0;
        if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
          throw new DocumentError(`escape ${this.text.slice(at, at + 2 + width)} is not a Unicode character: kubectl cannot decode it`, { start: at, end: at + 2 + width });
        }
      }
    }
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      // until the content's indentation is known (its first line, without an indentation indicator), a tab is an error to go-yaml
      const text = this.text;
      if (/[1-9]/.test(text.slice(range[0], text.indexOf('\n', range[0])))) return;
      for (let line = text.indexOf('\n', range[0]) + 1; line > 0 && line < range[1]; ) {
        let p = line;
        while (text.charCodeAt(p) === 32) p++;
        if (text.charCodeAt(p) === 9) throw new DocumentError(TAB_MESSAGE, { start: p, end: p + 1 });
        if (text.charCodeAt(p) !== 10) break;
        line = p + 1;
      }
    }
  }

  /** go-yaml's limit on an implicit key, and, in a flow sequence, `[a:]`, which it reads as the text "a:". */
  private checkPair(keySpan: Span, valueNode: YamlNode | null, inFlowMapping: boolean): void {
    const text = this.text;
    let colon = keySpan.end;
    while (text.charCodeAt(colon) === 32 || text.charCodeAt(colon) === 9) colon++;
    if (text.charCodeAt(colon) !== 58 /* : */) return;
    if (colon - keySpan.start > MAX_IMPLICIT_KEY) {
      throw new DocumentError(`an implicit key longer than ${MAX_IMPLICIT_KEY} characters: kubectl cannot decode it`, keySpan);
    }
    if (this.flowDepth > 0 && !inFlowMapping && !valueNode && ',]}'.includes(text[colon + 1] ?? '')) {
      throw new DocumentError('a ":" right before "," or "]": kubectl reads it as part of the text, other YAML parsers as a mapping; quote it', { start: colon, end: colon + 1 });
    }
  }

  private checkCollectionTag(node: YamlNode): void {
    const tag = (node as { tag?: string }).tag;
    if (tag && !KNOWN_COLLECTION_TAGS.has(tag) && !tag.startsWith('!')) {
      throw new DocumentError(`unsupported tag ${tag}: Kubernetes cannot decode it`, this.span(node), true);
    }
  }
}
