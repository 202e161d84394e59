/**
 * Multi-line quoted scalars whose continuation lines are indented less than YAML allows, as
 * some generated CRDs write them:
 *
 *     - description: 'CreationTimestamp is a timestamp
 *     when this object was created.'
 *
 * go-yaml, and so kubectl, accepts them (its scanner does not look at the indentation inside a
 * quoted scalar, only at document markers), while the `yaml` package ends the scalar at such a
 * line ("Missing closing quote"). Here the line breaks inside are found, so that they can be
 * replaced by spaces of the same length (offsets and positions stay as written), and the value
 * is decoded from the scalar's text re-indented: folding drops the white space that starts a
 * continuation line, so indentation never changes the value.
 */
import { Lexer, parse } from 'yaml';

/** The `yaml` lexer's control tokens, which stand for no text of the source. */
const CONTROL_TOKENS = new Set(['\u0002', '\u0018', '\u001f', '\ufeff']);

export interface QuotedSpan {
  /** The opening quote. */
  readonly start: number;
  /** Just after the closing quote. */
  readonly end: number;
}

/** Where a quoted scalar opened at `start` closes (the index of its closing quote), or -1. */
function closingQuote(text: string, start: number, stopAtLineEnd: boolean): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (stopAtLineEnd) return -1;
      // a document marker ends the scalar for go-yaml too ("found unexpected document indicator")
      const marker = text.slice(i + 1, i + 4);
      if ((marker === '---' || marker === '...') && /^[ \t\n]?$/.test(text[i + 4] ?? '')) return -1;
    } else if (quote === "'" && c === "'") {
      if (text[i + 1] === "'") i++;
      else return i;
    } else if (quote === '"' && c === '\\') i++;
    else if (quote === '"' && c === '"') return i;
  }
  return -1;
}

/**
 * Quoted scalars the `yaml` package ends at an under-indented line while go-yaml reads on to
 * their closing quote. Only called when the package reported a missing closing quote.
 */
export function underIndentedQuotes(text: string): QuotedSpan[] {
  const found: QuotedSpan[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if ((token[0] === "'" || token[0] === '"') && closingQuote(token, 0, false) !== token.length - 1) {
      const close = closingQuote(text, offset, false);
      if (close > offset) found.push({ start: offset, end: close + 1 });
    }
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return found;
}

/** The text with the line breaks inside those scalars turned into spaces (same length). */
export function joinQuotedLines(text: string, spans: readonly QuotedSpan[]): string {
  const chars = text.split('');
  for (const { start, end } of spans) for (let i = start; i < end; i++) if (chars[i] === '\n') chars[i] = ' ';
  return chars.join('');
}

/** The value of a quoted scalar written as `raw` (quotes included), as YAML folds it. */
export function decodeQuoted(raw: string): string {
  return String(parse(`v: ${raw.replace(/\n/g, '\n ')}`, { schema: 'failsafe' }).v);
}
