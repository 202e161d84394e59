/**
 * Findings with positions: what formatters print. Positions are computed here, only for findings.
 * A finding on a rendered object (`--render`) is placed in the author's file (see
 * src/load/rendering.ts) and says which overlay or chart produced it; the same finding from
 * several overlays (a base's field) is reported once, naming them all.
 */
import type { Suggestion } from '../engine/rule.js';
import type { Finding } from '../engine/run.js';
import type { Path, Span } from '../load/positions.js';
import { describeEnvironments, lineAt, type Environment } from '../load/rendering.js';
import type { SourceFile } from '../load/source.js';
import type { NodeRef, ObjectId } from '../model/object.js';
import { capMessage } from '../util/text.js';

export interface Location {
  readonly filePath: string;
  /** 1-based; a finding about a whole file is at line 1, column 1. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  /** Exclusive: the column after the last character. */
  readonly endColumn: number;
}

export interface RelatedLocation extends Location {
  readonly message: string;
}

/** A quick fix ("did you mean"): the text between the positions replaced with `text`. */
export interface Fix extends Location {
  /** `Change "chekout" to "checkout"` */
  readonly message: string;
  readonly text: string;
}

export interface Diagnostic extends Location {
  readonly ruleId: string;
  /** 2 = error, 1 = warning (ESLint's numbers). */
  readonly severity: 1 | 2;
  readonly message: string;
  readonly object?: ObjectId;
  /** Where inside the object the finding points (`spec.ports[0].targetPort`): with `object`, an identity that survives unrelated edits. */
  readonly objectPath?: string;
  readonly related: readonly RelatedLocation[];
  /** Fixes an editor can apply (none: the finding has no "did you mean"). */
  readonly fixes?: readonly Fix[];
  /** (`--render`) The overlays or charts whose rendered objects the finding is about. */
  readonly environments?: readonly string[];
  /** (`--render`) Until `mergeEnvironments`: the environment of a finding on a rendered object. */
  readonly rendered?: RenderedContext;
}

/** Where a finding on a rendered object came from, for its message. */
export interface RenderedContext {
  readonly environment: Environment;
  /** Helm: the rendered line, as the template's line is found by its text. */
  readonly note?: string;
  /** The message with the environment's object names as the author wrote them (`prod-web` → `web`). */
  readonly authorMessage: string;
  /** The related locations' messages likewise. */
  readonly authorRelated: readonly string[];
}

interface Placed {
  readonly location: Location;
  readonly rendered?: { readonly environment: Environment; readonly note?: string };
  /** A `# Source:` template of `helm template` output that was linted as it is. */
  readonly template?: string;
  readonly renderedLine?: string;
}

/** `spec.ports[0].targetPort` */
export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text;
}

export function locate(ref: NodeRef): Location {
  return place(ref, false).location;
}

/** `templates`: name the `# Source:` template of `helm template` output linted as it is. */
function place(ref: NodeRef, templates: boolean): Placed {
  const rendering = ref.file.rendering;
  if (rendering) {
    const docIndex = 'path' in ref ? ref.docIndex : documentAt(ref.file, ref.span.start);
    const author = docIndex >= 0 ? rendering.place(ref.file, docIndex, 'path' in ref ? ref.path : [], 'path' in ref ? ref.target : 'value') : undefined;
    if (author) return { location: spanLocation(author.file, author.span), rendered: { environment: rendering.environment, ...(author.note ? { note: author.note } : {}) } };
  }
  const span = spanOf(ref);
  const template = templates ? ref.file.templateAt(span.start) : undefined;
  return { location: spanLocation(ref.file, span), ...(template ? { template, renderedLine: lineAt(ref.file.text, span.start) } : {}) };
}

function documentAt(file: SourceFile, offset: number): number {
  const spans = file.documentSpans;
  for (let i = spans.length - 1; i >= 0; i--) if (spans[i]!.start <= offset) return i;
  return spans.length > 0 ? 0 : -1;
}

function spanOf(ref: NodeRef): Span {
  return 'span' in ref ? ref.span : (ref.file.locate(ref.docIndex, ref.path, ref.target) ?? { start: 0, end: 0 });
}

/**
 * A suggestion as an edit: where `from` is written inside the node (quotes and the rest of a
 * URL stay), or nothing when it is not written as is there (escapes, a block scalar's folding).
 */
function toFix(suggestion: Suggestion): Fix[] {
  const { at, from, to } = suggestion;
  const span = spanOf(at);
  const written = at.file.text.slice(span.start, span.end);
  const offset = indexOfName(written, from);
  if (offset < 0 || from === to) return [];
  const start = span.start + offset;
  return [{ ...spanLocation(at.file, { start, end: start + from.length }), message: `Change "${from}" to "${to}"`, text: to }];
}

/** Where `name` stands alone in `text` (not inside a longer name), or -1. */
function indexOfName(text: string, name: string): number {
  const isNameChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 95;
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    const after = i + name.length < text.length ? text.charCodeAt(i + name.length) : 32;
    if (!isNameChar(before) && !isNameChar(after)) return i;
  }
  return -1;
}

function spanLocation(file: SourceFile, span: Span): Location {
  const start = file.position(span.start);
  const end = file.position(Math.max(span.end, span.start));
  return { filePath: file.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const placed = place(finding.at, true);
  let message = finding.message;
  if (placed.template) message = `in template ${placed.template}, rendered as ${JSON.stringify(placed.renderedLine)}: ${message}`;
  if (finding.relatedOmitted > 0) message += ` (and ${finding.relatedOmitted} more related locations)`;
  const related = finding.related.map((r) => ({ ...locate(r.at), message: r.message }));
  const names = placed.rendered && finding.at.file.rendering?.authorNames?.();
  const rendered = placed.rendered && {
    ...placed.rendered,
    authorMessage: authorMessage(message, names),
    authorRelated: related.map((r) => authorMessage(r.message, names)),
  };
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    message: rendered ? message : capMessage(message),
    ...placed.location,
    ...(finding.object ? { object: finding.object.id } : {}),
    ...(finding.object && 'path' in finding.at ? { objectPath: formatPath(finding.at.path.slice(finding.object.base.length)) } : {}),
    related,
    ...(rendered ? { rendered } : {}),
    ...(finding.suggest && !finding.at.file.rendering ? { fixes: finding.suggest.flatMap(toFix) } : {}),
  };
}

/** The message with rendered object names replaced by the author's, as whole words. */
function authorMessage(message: string, names: ReadonlyMap<string, string> | undefined): string {
  if (!names || names.size === 0) return message;
  return message.replace(/[A-Za-z0-9][-A-Za-z0-9.]*[A-Za-z0-9]|[A-Za-z0-9]/g, (word) => names.get(word) ?? word);
}

/**
 * Findings on rendered objects get the overlay or chart that produced them in their message;
 * those several overlays share (same rule, place and message once the overlays' own object
 * names are put back as written) become one, naming every overlay.
 */
export function mergeEnvironments(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  const out: (Diagnostic | Diagnostic[])[] = [];
  for (const diagnostic of diagnostics) {
    const context = diagnostic.rendered;
    if (!context) {
      out.push(diagnostic);
      continue;
    }
    const { filePath, line, column, endLine, endColumn, ruleId, severity } = diagnostic;
    const places = diagnostic.related.map((r) => [r.filePath, r.line, r.column]);
    // (related messages name objects as rendered, with their namespaces: their places suffice)
    const key = JSON.stringify([ruleId, severity, filePath, line, column, endLine, endColumn, context.environment.tool, context.note ?? '', context.authorMessage, places]);
    let group = groups.get(key);
    if (!group) {
      groups.set(key, (group = []));
      out.push(group);
    }
    group.push(diagnostic);
  }
  return out.map((item) => (Array.isArray(item) ? merged(item) : item));
}

/** One finding for a group of the same finding from several environments. */
function merged(group: readonly Diagnostic[]): Diagnostic {
  const first = group[0]!;
  const context = first.rendered!;
  const names = [...new Set(group.map((d) => d.rendered!.environment.name))].sort();
  // several overlays: the message as written, when their object names differ
  const same = group.every((d) => d.message === first.message && d.related.every((r, i) => r.message === first.related[i]!.message));
  const body = same ? first.message : context.authorMessage;
  const related = same ? first.related : first.related.map((r, i) => ({ ...r, message: context.authorRelated[i]! }));
  const where = `in ${describeEnvironments(context.environment.tool, names)}${context.note ? `, ${context.note}` : ''}`;
  const { rendered: _, ...rest } = first;
  return { ...rest, message: capMessage(`${where}: ${body}`), related, environments: names };
}
