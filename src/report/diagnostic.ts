/** Findings with positions: what formatters print. Positions are computed here, only for findings. */
import type { Suggestion } from '../engine/rule.js';
import type { Finding } from '../engine/run.js';
import type { Path, Span } from '../load/positions.js';
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
}

/** `spec.ports[0].targetPort` */
export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text;
}

export function locate(ref: NodeRef): Location {
  return spanLocation(ref.file, spanOf(ref));
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
  const omitted = finding.relatedOmitted > 0 ? ` (and ${finding.relatedOmitted} more related locations)` : '';
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    message: capMessage(finding.message) + omitted,
    ...locate(finding.at),
    ...(finding.object ? { object: finding.object.id } : {}),
    ...(finding.object && 'path' in finding.at ? { objectPath: formatPath(finding.at.path.slice(finding.object.base.length)) } : {}),
    related: finding.related.map((related) => ({ ...locate(related.at), message: related.message })),
    ...(finding.suggest ? { fixes: finding.suggest.flatMap(toFix) } : {}),
  };
}
