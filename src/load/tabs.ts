/**
 * Tabs where kubectl's YAML decoder (go-yaml v2) rejects them and the `yaml` package does not.
 * go-yaml skips a tab as whitespace only where a simple key cannot start, so in block context:
 *
 * - a tab in a line's leading whitespace is an error — on blank and comment lines too —
 *   except inside a block scalar, a quoted scalar or a flow collection (the `yaml` package
 *   judges those the same way);
 * - after a plain scalar ending its line, go-yaml reads the following blank lines (and the
 *   next line's indentation) as a possible continuation: there a tab is allowed at or beyond
 *   the column of the scalar's parent collection plus one;
 * - a tab right after a block-sequence `-`, an explicit-key `?` or explicit-value `:`
 *   indicator is an error (after the `:` of an ordinary `key: value` it is allowed).
 *
 * The complete parser reports what it collects here; the fast parser leaves every such tab to it.
 */
import type { Span } from './positions.js';

const TAB = 9, LF = 10, SPACE = 32, HASH = 35;

export const TAB_MESSAGE = 'a tab where YAML expects indentation: kubectl cannot decode it ("found character that cannot start any token"); indent with spaces';

export class TabChecker {
  /** (start, end]: lines starting inside belong to a scalar or flow collection, judged by the parser. */
  private readonly exempt: [number, number][] = [];
  /** Plain scalars in block context: where they end, and the column a tab may appear from on the lines after. */
  private readonly plainEnds: { end: number; indent: number }[] = [];
  private sorted = true;

  constructor(private readonly text: string) {}

  flow(start: number, end: number): void {
    this.add(start, end);
  }

  /** `blockIndent`: the column of the block collection holding a value; undefined in flow context and for keys. */
  scalar(type: string | undefined, start: number, end: number, blockIndent: number | undefined): void {
    if (end <= start) return;
    this.add(start, end);
    if (type === 'PLAIN' && blockIndent !== undefined) this.plainEnds.push({ end, indent: blockIndent + 1 });
  }

  private add(start: number, end: number): void {
    const last = this.exempt[this.exempt.length - 1];
    if (last && start < last[0]) this.sorted = false;
    this.exempt.push([start, end]);
  }

  /** The first tab kubectl rejects in the lines starting from `from` (its line) to before `to`. */
  firstProblem(from: number, to: number): { span: Span; message: string } | undefined {
    const s = this.text;
    if (!this.sorted) {
      this.exempt.sort((a, b) => a[0] - b[0]);
      this.plainEnds.sort((a, b) => a.end - b.end);
      this.sorted = true;
    }
    let region = 0;
    let plain = 0;
    /** The column from which a tab is allowed on this line (after a plain scalar), if any. */
    let window: number | undefined;
    for (let line = s.lastIndexOf('\n', from - 1) + 1; line < to && line < s.length; ) {
      const nl = s.indexOf('\n', line);
      const end = nl === -1 ? s.length : nl;
      while (region < this.exempt.length && this.exempt[region]![1] < line) region++;
      const exempt = region < this.exempt.length && this.exempt[region]![0] < line;
      let p = line;
      let tab = -1;
      for (let c = s.charCodeAt(p); c === SPACE || c === TAB; c = s.charCodeAt(++p)) if (c === TAB && tab < 0) tab = p;
      const blank = p >= end;
      if (!exempt) {
        if (tab >= 0 && (window === undefined || tab - line < window)) return { span: { start: tab, end: tab + 1 }, message: TAB_MESSAGE };
        if (tab < 0 && !blank) {
          const after = this.tabAfterIndicators(p, end);
          if (after >= 0) return { span: { start: after, end: after + 1 }, message: TAB_MESSAGE };
        }
      }
      if (!blank) window = undefined;
      // a plain scalar ending this line, with nothing after it, opens a window on the next lines
      while (plain < this.plainEnds.length && this.plainEnds[plain]!.end <= end) {
        const { end: scalarEnd, indent } = this.plainEnds[plain++]!;
        if (scalarEnd >= line && isBlank(s, scalarEnd, end)) window = indent;
      }
      line = end + 1;
    }
    return undefined;
  }

  /** After `-`, `?` or `:` indicators starting a line: the offset of a tab before the next token, or -1. */
  private tabAfterIndicators(p: number, end: number): number {
    const s = this.text;
    for (;;) {
      const c = s.charCodeAt(p);
      const next = p + 1 < end ? s.charCodeAt(p + 1) : LF;
      if (!((c === 45 /* - */ || c === 63 /* ? */ || c === 58 /* : */) && (next === SPACE || next === TAB || next === LF))) return -1;
      p++;
      while (s.charCodeAt(p) === SPACE) p++;
      if (p < end && s.charCodeAt(p) === TAB) return p;
      if (p >= end || s.charCodeAt(p) === HASH) return -1;
    }
  }
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = s.charCodeAt(p);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}
