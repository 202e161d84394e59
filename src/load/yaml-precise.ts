/**
 * The complete YAML path: the `yaml` package parses (errors with positions, every YAML
 * feature), and this module turns its syntax tree into plain values typed the way the API
 * server decodes YAML (see scalars.ts), expanding aliases and `<<` merge keys within limits.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { LIMITS, type ParseResult, type ParsedDocument, type SyntaxError } from './document.js';
import type { MapPos, NodePos, Span } from './positions.js';
import { plainKeyToString, resolvePlainScalar } from './scalars.js';
import { setKey } from './values.js';

const STR_TAG = 'tag:yaml.org,2002:str';
const TYPED_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null']);
const KNOWN_COLLECTION_TAGS = new Set(['tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:omap']);

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
  const documents: ParsedDocument[] = [];
  const errors: SyntaxError[] = [];
  const warnings: SyntaxError[] = [];
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: false }) as Document.Parsed[];
  } catch (error) {
    // The parser itself failed (it recurses on deep nesting): one error for the whole file.
    const message = error instanceof RangeError ? `nesting too deep to parse` : `cannot parse: ${String(error)}`;
    return { documents: [], errors: [{ docIndex: 0, span: { start: 0, end: 0 }, message, count: 1 }], warnings };
  }
  if (!Array.isArray(parsed)) parsed = [parsed];
  parsed.forEach((doc, docIndex) => {
    const span = documentSpan(doc, text);
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
      const converter = new Converter(text, doc);
      const contents = doc.contents as YamlNode | null;
      const converted = contents ? converter.convert(contents, 0) : undefined;
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

/** A document without content is located at its `---` marker. */
function documentSpan(doc: Document.Parsed, text: string): Span {
  const contents = doc.contents as YamlNode | null;
  if (contents?.range && contents.range[1] > contents.range[0]) return { start: contents.range[0], end: contents.range[1] };
  const start = doc.range[0];
  return { start, end: text.startsWith('---', start) ? start + 3 : start };
}

class Converter {
  private readonly anchored = new Map<YamlNode, Converted>();
  private aliasBudget = LIMITS.aliasNodes;
  /** Keys written twice in one mapping (merge keys aside), in document order. */
  readonly duplicates: { key: string; span: Span }[] = [];

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {}

  convert(node: YamlNode, depth: number): Converted {
    if (depth > LIMITS.depth) {
      throw new DocumentError(`nesting deeper than ${LIMITS.depth} levels`, this.span(node));
    }
    let result: Converted;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      const cached = target ? this.anchored.get(target as YamlNode) : undefined;
      if (!cached) throw new DocumentError(`alias *${node.source} refers to no earlier anchor`, this.span(node));
      this.aliasBudget -= cached.size;
      if (this.aliasBudget < 0) {
        throw new DocumentError(`aliases expand to more than ${LIMITS.aliasNodes} values`, this.span(node));
      }
      return cached;
    }
    if (isScalar(node)) result = this.scalar(node);
    else if (isMap(node)) result = this.mapping(node, depth);
    else if (isSeq(node)) result = this.sequence(node, depth);
    else throw new DocumentError('unsupported YAML node', this.span(node));
    if ((node as { anchor?: string }).anchor) this.anchored.set(node, result);
    return result;
  }

  private span(node: YamlNode): Span {
    const range = node.range;
    return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
  }

  private scalar(node: import('yaml').Scalar): Converted {
    const raw = String(node.value ?? '');
    const range = node.range ?? [0, 0, 0];
    let value: unknown;
    if (node.tag === STR_TAG) value = raw;
    else if (node.tag && TYPED_TAGS.has(node.tag)) value = resolvePlainScalar(raw);
    else if (node.type === 'PLAIN' && !node.tag) value = resolvePlainScalar(raw);
    else value = raw; // quoted, block, or an unknown tag: go-yaml keeps the text
    let end = range[1];
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') end = this.blockScalarEnd(range[0], end);
    const empty = node.type === 'PLAIN' && raw === '' && range[0] === range[1];
    const pos: NodePos = empty
      ? { kind: 'scalar', span: { start: range[0], end: range[0] }, empty: true }
      : { kind: 'scalar', span: { start: range[0], end } };
    return { value, pos, size: 1 };
  }

  /** A block scalar ends with its last content line, not the line breaks or blank lines after it. */
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
      return e;
    }
  }

  private key(node: unknown): { key: string; span: Span } {
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (target && isScalar(target)) return { key: String(target.value ?? ''), span: this.span(node) };
    }
    if (isScalar(node)) {
      const raw = String(node.value ?? '');
      const plain = node.type === 'PLAIN' && !node.tag;
      const range = node.range ?? [0, 0, 0];
      return { key: plain ? plainKeyToString(raw) : raw, span: { start: range[0], end: range[1] } };
    }
    const span = isMap(node) || isSeq(node) ? this.span(node as YamlNode) : { start: 0, end: 0 };
    throw new DocumentError('a mapping key must be a scalar', span);
  }

  private mapping(node: import('yaml').YAMLMap, depth: number): Converted {
    this.checkCollectionTag(node);
    const object: Record<string, unknown> = {};
    const entries: MapPos['entries'] = new Map();
    let size = 1;
    let end = node.range?.[0] ?? 0;
    const written = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode | null;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && !keyNode.tag && keyNode.value === '<<') {
        size += this.merge(pair.value as YamlNode | null, object, entries, depth);
        end = this.entryEnd(pair.value as YamlNode | null, end);
        continue;
      }
      const { key, span: keySpan } = this.key(keyNode);
      if (written.has(key)) this.duplicates.push({ key, span: keySpan });
      written.add(key);
      const valueNode = pair.value as YamlNode | null;
      const converted: Converted = valueNode
        ? this.convert(valueNode, depth + 1)
        : { value: null, pos: { kind: 'scalar', span: { start: keySpan.end, end: keySpan.end }, empty: true }, size: 1 };
      setKey(object, key, converted.value);
      entries.set(key, { key: keySpan, value: converted.pos });
      size += converted.size;
      end = converted.pos.kind === 'scalar' && converted.pos.empty ? converted.pos.span.start : converted.pos.span.end;
    }
    if (node.flow && node.range) end = node.range[1];
    return { value: object, pos: { kind: 'map', span: { start: node.range?.[0] ?? 0, end }, entries }, size };
  }

  private entryEnd(node: YamlNode | null, fallback: number): number {
    return node?.range ? node.range[1] : fallback;
  }

  /** go-yaml v2 merge keys: a mapping, or a list of mappings where earlier ones win. */
  private merge(node: YamlNode | null, object: Record<string, unknown>, entries: MapPos['entries'], depth: number): number {
    if (!node) return 0;
    const sources = isSeq(node) ? [...(node.items as YamlNode[])].reverse() : [node];
    let size = 0;
    for (const source of sources) {
      const converted = this.convert(source, depth + 1);
      if (converted.pos.kind !== 'map' || typeof converted.value !== 'object' || converted.value === null) {
        throw new DocumentError('a merge key (<<) needs a mapping or a list of mappings', this.span(source));
      }
      for (const [key, value] of Object.entries(converted.value)) setKey(object, key, value);
      for (const [key, entry] of converted.pos.entries) entries.set(key, entry);
      size += converted.size;
    }
    return size;
  }

  private sequence(node: import('yaml').YAMLSeq, depth: number): Converted {
    this.checkCollectionTag(node);
    const items: unknown[] = [];
    const positions: NodePos[] = [];
    let size = 1;
    let end = node.range?.[0] ?? 0;
    for (const item of node.items as (YamlNode | null)[]) {
      const converted: Converted = item
        ? this.convert(item, depth + 1)
        : { value: null, pos: { kind: 'scalar', span: { start: end, end }, empty: true }, size: 1 };
      items.push(converted.value);
      positions.push(converted.pos);
      size += converted.size;
      end = converted.pos.kind === 'scalar' && converted.pos.empty ? converted.pos.span.start : converted.pos.span.end;
    }
    if (node.flow && node.range) end = node.range[1];
    return { value: items, pos: { kind: 'seq', span: { start: node.range?.[0] ?? 0, end }, items: positions }, size };
  }

  private checkCollectionTag(node: YamlNode): void {
    const tag = (node as { tag?: string }).tag;
    if (tag && !KNOWN_COLLECTION_TAGS.has(tag) && !tag.startsWith('!')) {
      throw new DocumentError(`unsupported tag ${tag}: Kubernetes cannot decode it`, this.span(node), true);
    }
  }
}
