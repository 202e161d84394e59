/** Findings with positions: what formatters print. Positions are computed here, only for findings. */
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

export interface Diagnostic extends Location {
  readonly ruleId: string;
  /** 2 = error, 1 = warning (ESLint's numbers). */
  readonly severity: 1 | 2;
  readonly message: string;
  readonly object?: ObjectId;
  /** Where inside the object the finding points (`spec.ports[0].targetPort`): with `object`, an identity that survives unrelated edits. */
  readonly objectPath?: string;
  readonly related: readonly RelatedLocation[];
}

/** `spec.ports[0].targetPort` */
export function formatPath(path: Path): string {
  let text = '';
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text;
}

export function locate(ref: NodeRef): Location {
  const span = 'span' in ref ? ref.span : (ref.file.locate(ref.docIndex, ref.path, ref.target) ?? { start: 0, end: 0 });
  return spanLocation(ref.file, span);
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
  };
}
