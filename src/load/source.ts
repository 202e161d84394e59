/** A file (or stdin) as read and parsed: the unit every later layer works from. */
import type { ParseResult, ParsedDocument, SyntaxError } from './document.js';
import type { KustomizePlacement } from './kustomize.js';
import type { Rendering } from './rendering.js';
import { parseText, type SourceFormat } from './parse.js';
import { locateYamlFast } from './yaml-fast.js';
import { LineMap, nodeAtOffset, spanAt, type NodeAt, type NodePos, type Path, type Span } from './positions.js';

/** A build (`--render`) that failed: the tool's own message, at the entry that failed when known. */
export interface RenderFailure {
  readonly message: string;
  readonly span: Span;
}

/** Why a file could not be used at all. */
export interface FileProblem {
  readonly message: string;
}

interface Positioned {
  readonly root: NodePos | undefined;
  /** Where the text that was parsed again starts in the file. */
  readonly offset: number;
}

export class SourceFile {
  readonly errors: readonly SyntaxError[];
  readonly warnings: readonly SyntaxError[];
  /** Where each document's content is, kept after the parsed values are released. */
  readonly documentSpans: readonly Span[];
  private parsed: readonly ParsedDocument[] | undefined;
  private readonly extents: readonly (Span | undefined)[];
  private readonly positioned = new Map<number, Positioned>();
  private readonly located = new Map<string, Span | undefined>();
  private wholeFile?: readonly ParsedDocument[];
  private lineMap?: LineMap;
  /** Documents whose positions the fast parser's locator may find (see `locate`). */
  private readonly byFastParser: readonly boolean[];
  private readonly precise: boolean;
  /** Set when the file could not be read; it then has no documents. */
  readonly problem?: FileProblem;
  /** Worth telling the user, but not a finding: why the file was skipped (not text), or that it is empty. */
  readonly notice?: string;
  /** What a kustomize tree of the input makes of this file (set by the loader). */
  kustomize?: KustomizePlacement;
  /** Set on the output of `kustomize build` or `helm template` (`--render`): how to map it back. */
  rendering?: Rendering;
  /**
   * Environments (`--render`) whose rendered output holds this file's objects: the file is not
   * linted on its own, its findings come through the rendered objects.
   */
  renderedIn?: readonly string[];
  /** Why rendering failed, for each build that failed on this file (a kustomization, a Chart.yaml). */
  renderFailures?: readonly RenderFailure[];
  /** `---` lines and `# Source: CHART/templates/FILE.yaml` comments of `helm template` output. */
  private templateMarks?: readonly { readonly offset: number; readonly template: string | undefined }[];

  /**
   * @param path as shown to the user: relative to the working directory, `/`-separated
   * @param text the content with any BOM removed and CRLF line ends turned into LF
   */
  constructor(
    readonly path: string,
    readonly text: string,
    readonly format: SourceFormat,
    parsed: ParseResult,
    /** `precise`: parse again with the complete parser only, as the file was parsed (see parse.ts). */
    options: { readonly problem?: FileProblem; readonly notice?: string; readonly precise?: boolean } = {},
  ) {
    if (options.problem) this.problem = options.problem;
    if (options.notice) this.notice = options.notice;
    this.precise = options.precise ?? false;
    this.parsed = parsed.documents;
    this.byFastParser = parsed.documents.map((d) => d.byFastParser === true);
    this.errors = parsed.errors;
    this.warnings = parsed.warnings;
    this.documentSpans = parsed.documents.map((d) => d.span);
    this.extents = parsed.documents.map((d) => d.extent);
  }

  static parse(path: string, text: string, format: SourceFormat): SourceFile {
    return new SourceFile(path, text, format, parseText(text, format, false));
  }

  static unreadable(path: string, problem: FileProblem): SourceFile {
    return new SourceFile(path, '', 'yaml', { documents: [], errors: [], warnings: [] }, { problem });
  }

  static skip(path: string, reason: string): SourceFile {
    return new SourceFile(path, '', 'yaml', { documents: [], errors: [], warnings: [] }, { notice: reason });
  }

  /** The parsed documents, until `release()`: afterwards only their positions can be had. */
  get documents(): readonly ParsedDocument[] {
    if (!this.parsed) throw new Error(`the parsed values of ${this.path} were released`);
    return this.parsed;
  }

  /** Drops the parsed values once every per-file rule has seen them, to keep memory flat. */
  release(): void {
    this.parsed = undefined;
  }

  /**
   * The span of a value (or its key) in a document, found by parsing that document again: along
   * the path only where the fast parser can, else in full with positions (kept for the next).
   */
  locate(docIndex: number, path: Path, target: 'key' | 'value'): Span | undefined {
    // (kept: the language server places the cross-object findings again after every edit)
    const key = JSON.stringify([docIndex, target, path]);
    if (this.located.has(key)) return this.located.get(key);
    const span = this.find(docIndex, path, target);
    this.located.set(key, span);
    return span;
  }

  private find(docIndex: number, path: Path, target: 'key' | 'value'): Span | undefined {
    const extent = this.extents[docIndex];
    if (this.byFastParser[docIndex] && extent) {
      // most documents: parse only along the path, not the whole document
      const span = locateYamlFast(this.text.slice(extent.start, extent.end), path, target);
      if (span) return { start: span.start + extent.start, end: span.end + extent.start };
    }
    const { root, offset } = this.positionsOf(docIndex);
    const relative = spanAt(root, path, target);
    if (relative) return { start: relative.start + offset, end: relative.end + offset };
    return this.documentSpans[docIndex];
  }

  /** The document holding a text offset, and the innermost key or value there (for editors). */
  nodeAt(offset: number): (NodeAt & { readonly docIndex: number }) | undefined {
    const docIndex = this.documentSpans.findIndex((span, i) => {
      const extent = this.extents[i] ?? span;
      return Math.min(extent.start, span.start) <= offset && offset <= Math.max(extent.end, span.end);
    });
    if (docIndex < 0) return undefined;
    const { root, offset: base } = this.positionsOf(docIndex);
    const found = nodeAtOffset(root, offset - base);
    if (!found) return undefined;
    return { docIndex, path: found.path, target: found.target, span: { start: found.span.start + base, end: found.span.end + base } };
  }

  private positionsOf(docIndex: number): Positioned {
    let found = this.positioned.get(docIndex);
    if (found) return found;
    const extent = this.extents[docIndex];
    if (extent) {
      const again = parseText(this.text.slice(extent.start, extent.end), this.format, true, this.precise).documents;
      found = { root: again.length === 1 ? again[0]!.positions : undefined, offset: extent.start };
    } else {
      this.wholeFile ??= parseText(this.text, this.format, true, this.precise).documents;
      found = { root: this.wholeFile[docIndex]?.positions, offset: 0 };
    }
    this.positioned.set(docIndex, found);
    return found;
  }

  /**
   * The template that `helm template` rendered the text at `offset` from: the `# Source:`
   * comment at the top of its document. Undefined in files without such comments.
   */
  templateAt(offset: number): string | undefined {
    if (!this.templateMarks) {
      // `---` lines (template undefined) and `# Source:` comments, in order
      const marks: { offset: number; template: string | undefined }[] = [];
      if (this.text.includes('# Source: ')) {
        const pattern = /^(?:---[ \t]*|# Source: (.+))$/gm;
        for (let match = pattern.exec(this.text); match; match = pattern.exec(this.text)) marks.push({ offset: match.index, template: match[1]?.trim() });
      }
      this.templateMarks = marks;
    }
    let template: string | undefined;
    for (const mark of this.templateMarks) {
      if (mark.offset > offset) break;
      template = mark.template;
    }
    return template;
  }

  position(offset: number): { line: number; column: number } {
    this.lineMap ??= new LineMap(this.text);
    return this.lineMap.position(offset);
  }

  /** The offset of a 1-based line and column (an editor's cursor). */
  offset(line: number, column: number): number {
    this.lineMap ??= new LineMap(this.text);
    return this.lineMap.offset(line, column, this.text.length);
  }
}
