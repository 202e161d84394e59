/**
 * Text → documents: the fast YAML path where it applies, the complete one otherwise, JSON as
 * JSON. `precise` skips the fast path: the fast paths (this one, the positions locator and the
 * quick schema check) must change nothing that is reported, and `K8S_SVC_LINT_PRECISE=1`
 * turns them all off to show it.
 *
 * A stream the fast parser does not take whole is parsed document by document, split at its
 * `---` lines as kubectl splits it: one document with an anchor in a `kustomize build` of
 * thousands costs only itself on the complete parser.
 */
import type { ParseResult, ParsedDocument, SyntaxError } from './document.js';
import { parseJson } from './json.js';
import { shiftPositions, type Span } from './positions.js';
import { parseYamlFast } from './yaml-fast.js';
import { parseYamlPrecise } from './yaml-precise.js';

export type SourceFormat = 'yaml' | 'json';

export function parseText(text: string, format: SourceFormat, withPositions: boolean, precise = false): ParseResult {
  if (format === 'json') return parseJson(text, withPositions);
  const documents = precise ? undefined : parseYamlFast(text, withPositions);
  if (documents) return { documents, errors: [], warnings: [] };
  const chunks = documentChunks(text);
  if (chunks.length <= 1) return parseYamlPrecise(text, withPositions);
  const result: ParseResult = { documents: [], errors: [], warnings: [] };
  for (const chunk of chunks) {
    const part = text.slice(chunk.start, chunk.end);
    const fast = precise ? undefined : parseYamlFast(part, withPositions);
    const parsed: ParseResult = fast ? { documents: fast, errors: [], warnings: [] } : parseYamlPrecise(part, withPositions);
    const first = result.documents.length;
    const shift = (span: Span): Span => ({ start: span.start + chunk.start, end: span.end + chunk.start });
    const problem = (error: SyntaxError): SyntaxError => ({ ...error, docIndex: error.docIndex + first, span: shift(error.span) });
    for (const document of parsed.documents) {
      // the chunk alone gives this document again (positions are found by parsing it alone)
      const extent = document.extent ? shift(document.extent) : parsed.documents.length === 1 ? chunk : undefined;
      const shifted: ParsedDocument = {
        value: document.value,
        span: shift(document.span),
        ...(extent ? { extent } : {}),
        ...(document.byFastParser ? { byFastParser: true as const } : {}),
        ...(document.positions ? { positions: shiftPositions(document.positions, chunk.start) } : {}),
      };
      result.documents.push(shifted);
    }
    for (const error of parsed.errors) result.errors.push(problem(error));
    for (const warning of parsed.warnings) result.warnings.push(problem(warning));
  }
  return result;
}

/**
 * The stream's documents as kubectl's reader splits them: at lines that are `---` (with only
 * blanks or a comment after). A first part holding only comments goes with the next; a stream
 * with `%` directives (which apply to the next document) is one part.
 */
export function documentChunks(text: string): Span[] {
  const starts: number[] = [0];
  let content = false;
  for (let line = 0; line < text.length; ) {
    const nl = text.indexOf('\n', line);
    const end = nl === -1 ? text.length : nl;
    const c = text.charCodeAt(line);
    if (c === 37 /* % */) return [{ start: 0, end: text.length }];
    if (c === 45 /* - */ && text.startsWith('---', line) && isSeparatorRest(text, line + 3, end)) {
      if (content) starts.push(line);
      content = true; // a marker opens a document, empty or not
    } else if (!content && !isBlankOrComment(text, line, end)) {
      content = true;
    }
    line = end + 1;
  }
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

/** After `---`: nothing, blanks, or blanks then a comment. */
function isSeparatorRest(text: string, from: number, end: number): boolean {
  if (from >= end) return true;
  const c = text.charCodeAt(from);
  if (c !== 32 && c !== 9) return false;
  return isBlankOrComment(text, from, end);
}

function isBlankOrComment(text: string, from: number, end: number): boolean {
  for (let p = from; p < end; p++) {
    const c = text.charCodeAt(p);
    if (c === 35 /* # */) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
