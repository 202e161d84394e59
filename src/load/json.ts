/**
 * JSON files are parsed as JSON (not as YAML: TAB-indented JSON is valid JSON but not valid
 * block YAML). One scanner gives values, positions when asked, and errors with their offset.
 * Duplicate keys are errors, as the API server's strict decoding treats them.
 */
import { LIMITS, type ParseResult } from './document.js';
import type { MapPos, NodePos, Span } from './positions.js';
import { newMapping, setKey } from './values.js';

class JsonError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

export function parseJson(text: string, withPositions: boolean): ParseResult {
  const scanner = new JsonScanner(text, withPositions);
  try {
    const { value, pos } = scanner.document();
    return { documents: [{ value, span: pos.span, ...(withPositions ? { positions: pos } : {}) }], errors: [], warnings: [] };
  } catch (error) {
    if (!(error instanceof JsonError)) throw error;
    return {
      documents: [{ value: undefined, span: { start: 0, end: 0 } }],
      errors: [{ docIndex: 0, span: error.span, message: error.message, count: 1 }],
      warnings: [],
    };
  }
}

const PLACEHOLDER: NodePos = { kind: 'scalar', span: { start: 0, end: 0 } };

class JsonScanner {
  private p = 0;
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly record: boolean,
  ) {}

  document(): { value: unknown; pos: NodePos } {
    this.space();
    const start = this.p;
    const result = this.value();
    this.space();
    if (this.p < this.s.length) this.fail(`unexpected ${this.describe()} after the JSON value`);
    return this.record ? result : { value: result.value, pos: { kind: 'scalar', span: { start, end: this.p } } };
  }

  private fail(message: string): never {
    throw new JsonError(message, { start: this.p, end: Math.min(this.p + 1, this.s.length) });
  }

  private describe(): string {
    return this.p >= this.s.length ? 'end of file' : `character ${JSON.stringify(this.s[this.p])}`;
  }

  private space(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.p);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.p++;
      else return;
    }
  }

  private value(): { value: unknown; pos: NodePos } {
    const c = this.s[this.p];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    const start = this.p;
    let value: unknown;
    if (c === '"') value = this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) value = this.number();
    else if (this.s.startsWith('true', start)) { value = true; this.p += 4; }
    else if (this.s.startsWith('false', start)) { value = false; this.p += 5; }
    else if (this.s.startsWith('null', start)) { value = null; this.p += 4; }
    else this.fail(`unexpected ${this.describe()}, expected a JSON value`);
    return { value, pos: this.record ? { kind: 'scalar', span: { start, end: this.p } } : PLACEHOLDER };
  }

  private enter(): void {
    if (++this.depth > LIMITS.depth) this.fail(`nesting deeper than ${LIMITS.depth} levels`);
  }

  private object(): { value: unknown; pos: NodePos } {
    this.enter();
    const start = this.p++;
    const object = newMapping();
    const entries: MapPos['entries'] | undefined = this.record ? new Map() : undefined;
    this.space();
    if (this.s[this.p] === '}') this.p++;
    else {
      for (;;) {
        this.space();
        if (this.s[this.p] !== '"') this.fail(`unexpected ${this.describe()}, expected a property name in double quotes`);
        const keyStart = this.p;
        const key = this.string();
        const keySpan = { start: keyStart, end: this.p };
        if (Object.hasOwn(object, key)) throw new JsonError(`duplicate key ${JSON.stringify(key)}`, keySpan);
        this.space();
        if (this.s[this.p] !== ':') this.fail(`unexpected ${this.describe()}, expected ':' after a property name`);
        this.p++;
        this.space();
        const { value, pos } = this.value();
        setKey(object, key, value);
        entries?.set(key, { key: keySpan, value: pos });
        this.space();
        const c = this.s[this.p];
        if (c === ',') {
          this.p++;
          this.space();
          if (this.s[this.p] === '}') this.fail('trailing comma before }');
          continue;
        }
        if (c === '}') {
          this.p++;
          break;
        }
        this.fail(`unexpected ${this.describe()}, expected ',' or '}'`);
      }
    }
    this.depth--;
    const span = { start, end: this.p };
    return { value: object, pos: entries ? { kind: 'map', span, entries } : PLACEHOLDER };
  }

  private array(): { value: unknown; pos: NodePos } {
    this.enter();
    const start = this.p++;
    const items: unknown[] = [];
    const positions: NodePos[] | undefined = this.record ? [] : undefined;
    this.space();
    if (this.s[this.p] === ']') this.p++;
    else {
      for (;;) {
        this.space();
        const { value, pos } = this.value();
        items.push(value);
        positions?.push(pos);
        this.space();
        const c = this.s[this.p];
        if (c === ',') {
          this.p++;
          this.space();
          if (this.s[this.p] === ']') this.fail('trailing comma before ]');
          continue;
        }
        if (c === ']') {
          this.p++;
          break;
        }
        this.fail(`unexpected ${this.describe()}, expected ',' or ']'`);
      }
    }
    this.depth--;
    const span = { start, end: this.p };
    return { value: items, pos: positions ? { kind: 'seq', span, items: positions } : PLACEHOLDER };
  }

  private string(): string {
    const s = this.s;
    const start = this.p;
    let end = start + 1;
    for (;;) {
      const c = s.charCodeAt(end);
      if (end >= s.length || c === 10) {
        this.p = start;
        this.fail('unterminated string');
      }
      if (c === 34) break;
      if (c === 92) end++;
      else if (c < 32) {
        this.p = end;
        this.fail('control character in string');
      }
      end++;
    }
    const raw = s.slice(start, end + 1);
    this.p = end + 1;
    try {
      return JSON.parse(raw) as string;
    } catch {
      this.p = start;
      return this.fail('invalid escape in string');
    }
  }

  private number(): number {
    const match = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
    match.lastIndex = this.p;
    const found = match.exec(this.s);
    if (!found) this.fail(`invalid number`);
    this.p += found[0].length;
    return Number(found[0]);
  }
}
