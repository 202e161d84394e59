/**
 * Plain-scalar typing as the API server sees it.
 *
 * kubectl and the API server turn YAML into JSON with go-yaml v2 (sigs.k8s.io/yaml), which
 * resolves unquoted scalars YAML-1.1 style: `yes`, `on`, `y` are booleans, `0777` is octal,
 * `1_000` is an integer. Every parse path in this tool calls `resolvePlainScalar` so they agree.
 */

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const SPECIAL_FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
/** go-yaml v2 `yamlStyleFloat`. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go `strconv.ParseFloat` syntax for decimal input starting with '.' (hex floats cannot start with '.'). */
const GO_DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

const MAY_BE_WORD = new Uint8Array(128);
for (const c of '~.+-nNyYtTfFoO') MAY_BE_WORD[c.charCodeAt(0)] = 1;

export type PlainValue = null | boolean | number | string;

export function resolvePlainScalar(text: string): PlainValue {
  const first = text.charCodeAt(0);
  // Every null, boolean and special float word is at most five characters long and starts
  // with one of ~ . + - n N y Y t T f F o O.
  if (text.length === 0) return null;
  if (text.length <= 5 && MAY_BE_WORD[first] === 1) {
    if (NULLS.has(text)) return null;
    if (TRUES.has(text)) return true;
    if (FALSES.has(text)) return false;
    const special = SPECIAL_FLOATS[text];
    if (special !== undefined) return special;
  }
  const isDigit = first >= 48 && first <= 57;
  if (isDigit && first !== 48 && isDecimalDigits(text)) return Number(text);
  if (isDigit || first === 43 /* + */ || first === 45 /* - */) {
    const plain = text.includes('_') ? text.replace(/_/g, '') : text;
    const int = parseGoInteger(plain);
    if (int !== undefined) return int;
    if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
    return text;
  }
  if (first === 46 /* . */ && GO_DOT_FLOAT.test(text)) return Number(text);
  return text;
}

function isDecimalDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Go `strconv.ParseInt(s, 0, 64)` (and ParseUint): sign, then 0x / 0o / 0b / leading-0 octal / decimal. */
function parseGoInteger(s: string): number | undefined {
  let i = 0;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    i = 1;
  }
  let base = 10;
  if (s[i] === '0' && s.length > i + 1) {
    const p = s[i + 1];
    if (p === 'x' || p === 'X') { base = 16; i += 2; }
    else if (p === 'o' || p === 'O') { base = 8; i += 2; }
    else if (p === 'b' || p === 'B') { base = 2; i += 2; }
    else { base = 8; i += 1; }
  }
  if (i >= s.length) return undefined;
  const digits = s.slice(i);
  const pattern = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!pattern.test(digits)) return undefined;
  const magnitude = base === 10 ? Number(digits) : parseInt(digits, base);
  return negative ? -magnitude : magnitude;
}

/** A mapping key as it ends up in JSON: sigs.k8s.io/yaml stringifies non-string keys. */
export function plainKeyToString(text: string): string {
  const value = resolvePlainScalar(text);
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  return String(value);
}
