/** A file (or stdin) as read and parsed: the unit every later layer works from. */
import type { ParseResult, ParsedDocument, SyntaxError } from './document.js';
import { parseText, type SourceFormat } from './parse.js';
import { LineMap, type NodePos } from './positions.js';

/** Why a file could not be used at all. */
export interface FileProblem {
  readonly message: string;
}

export class SourceFile {
  readonly documents: readonly ParsedDocument[];
  readonly errors: readonly SyntaxError[];
  readonly warnings: readonly SyntaxError[];
  private positioned?: readonly ParsedDocument[];
  private lineMap?: LineMap;

  /**
   * @param path as shown to the user: relative to the working directory, `/`-separated
   * @param text the content with any BOM removed and CRLF line ends turned into LF
   */
  constructor(
    readonly path: string,
    readonly text: string,
    readonly format: SourceFormat,
    parsed: ParseResult,
    /** Set when the file could not be read or decoded; it then has no documents. */
    readonly problem?: FileProblem,
  ) {
    this.documents = parsed.documents;
    this.errors = parsed.errors;
    this.warnings = parsed.warnings;
  }

  static parse(path: string, text: string, format: SourceFormat): SourceFile {
    return new SourceFile(path, text, format, parseText(text, format, false));
  }

  static unreadable(path: string, problem: FileProblem): SourceFile {
    return new SourceFile(path, '', 'yaml', { documents: [], errors: [], warnings: [] }, problem);
  }

  /** Positions of a document's values, computed on first use by parsing the file again with positions. */
  positionsOf(docIndex: number): NodePos | undefined {
    this.positioned ??= parseText(this.text, this.format, true).documents;
    return this.positioned[docIndex]?.positions;
  }

  position(offset: number): { line: number; column: number } {
    this.lineMap ??= new LineMap(this.text);
    return this.lineMap.position(offset);
  }
}
