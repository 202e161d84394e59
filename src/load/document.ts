import type { NodePos, Span } from './positions.js';

/** One YAML document (or one JSON file) as parsed. */
export interface ParsedDocument {
  /**
   * The plain value, typed as the API server would decode it; `undefined` when the document
   * has a syntax error (the error is in the parse result's `errors`).
   */
  readonly value: unknown;
  /** The document's content (or its `---` marker when it has none). */
  readonly span: Span;
  /** Present only when positions were asked for. */
  readonly positions?: NodePos;
  /**
   * The text this document was parsed from, when parsing that text alone gives the same
   * document: positions are then found by parsing just this part again.
   */
  readonly extent?: Span;
  /** Parsed by the fast parser: its locator can then find positions along a path (yaml-fast.ts). */
  readonly byFastParser?: true;
}

export interface SyntaxError {
  readonly docIndex: number;
  readonly span: Span;
  readonly message: string;
  /** How many errors the document has in all (the finding reports the first). */
  readonly count: number;
  /** Not an error: something kubectl accepts but likely not as meant (an unknown tag). */
  readonly warning?: true;
  /** A key written twice in a mapping: the document is still used, the last value winning. */
  readonly duplicateKey?: true;
}

export interface ParseResult {
  readonly documents: ParsedDocument[];
  readonly errors: SyntaxError[];
  /** Things worth a notice that do not stop the document from being used (unknown tags). */
  readonly warnings: SyntaxError[];
}

/** Limits that keep hostile input from exhausting memory or the stack. */
export const LIMITS = {
  /** Values materialised through aliases in one document (guards against "billion laughs"). */
  aliasNodes: 100_000,
  /** Nesting depth of collections. */
  depth: 200,
} as const;
