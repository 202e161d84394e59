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
const SPECIAL_FLOATS = new Map<string, number>([
  ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity],
  ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
]);
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
    const special = SPECIAL_FLOATS.get(text);
    if (special !== undefined) return special;
  }
  const isDigit = first >= 48 && first <= 57;
  if (isDigit && first !== 48 && text.length <= 15 && isDecimalDigits(text)) return Number(text);
  if (isDigit || first === 43 /* + */ || first === 45 /* - */) {
    const plain = text.includes('_') ? text.replace(/_/g, '') : text;
    const int = parseGoInteger(plain);
    if (int !== undefined) return int;
    if (YAML_STYLE_FLOAT.test(plain)) return goFloat(plain) ?? text;
    return text;
  }
  if (first === 46 /* . */ && GO_DOT_FLOAT.test(text)) return goFloat(text) ?? text;
  return text;
}

/** Go `strconv.ParseFloat(s, 64)` of float syntax: out of range (±Inf, with an error) it fails, and go-yaml keeps the text. */
function goFloat(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function isDecimalDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Go `strconv.ParseInt(s, 0, 64)`, then `ParseUint(s, 0, 64)`: sign, then 0x / 0o / 0b /
 * leading-0 octal / decimal. Undefined when neither accepts it — also when the number does not
 * fit in 64 bits: go-yaml then tries a float (decimal digits only) or keeps the text.
 */
function parseGoInteger(s: string): number | undefined {
  let i = 0;
  const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
  if (sign) i = 1;
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
  // below 2^53 (a decimal digit counted as 4 bits): exact as a double, and inside 64 bits
  if (digits.length * (base === 2 ? 1 : base === 8 ? 3 : 4) <= 53) {
    const magnitude = base === 10 ? Number(digits) : parseInt(digits, base);
    return sign === '-' ? 0 - magnitude : magnitude;
  }
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const magnitude = BigInt(prefix + digits);
  // int64 for a signed number (ParseInt); without a sign, uint64 too (ParseUint)
  const limit = sign === '-' ? INT64_MIN_MAGNITUDE : sign === '+' ? INT64_MAX : UINT64_MAX;
  if (magnitude > limit) return undefined;
  return sign === '-' ? -Number(magnitude) : Number(magnitude);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN_MAGNITUDE = 2n ** 63n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * A plain mapping key as it ends up in JSON, or null for a null key (which kubectl cannot
 * decode). sigs.k8s.io/yaml writes go-yaml's typed keys as text: integers exactly, floats as
 * Go's `%g` of a float32 (`1e6` → "1e+06"), booleans as true/false.
 */
export function plainKeyToString(text: string): string | null {
  const value = resolvePlainScalar(text);
  if (typeof value === 'string') return value;
  if (value === null) return null;
  if (typeof value === 'boolean') return String(value);
  const integer = goIntegerText(text);
  return integer === undefined ? goFloat32Text(value) : integer;
}

/**
 * The exact decimal text of a plain scalar that go-yaml reads as an integer (beyond 2^53 too);
 * null for one beyond int64, which go-yaml makes a uint64: sigs.k8s.io/yaml fails on such a key.
 */
function goIntegerText(text: string): string | null | undefined {
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const value = parseGoInteger(plain);
  if (value === undefined) return undefined;
  if (Number.isSafeInteger(value)) return String(value);
  const sign = plain[0] === '-' ? '-' : '';
  const unsigned = plain[0] === '-' || plain[0] === '+' ? plain.slice(1) : plain;
  // leading-zero octal (0777) is 0o777 to BigInt
  const magnitude = BigInt(/^0[0-7]/.test(unsigned) ? `0o${unsigned.slice(1)}` : unsigned);
  if (!sign && magnitude > INT64_MAX) return null;
  return sign + magnitude.toString();
}

/** Go's `strconv.FormatFloat(value, 'g', -1, 32)`, with go-yaml's words for the special values. */
function goFloat32Text(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  const f = Math.fround(value);
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // the shortest digits that read back as the same float32
  let digits = '';
  let exponent = 0;
  for (let precision = 1; precision <= 9; precision++) {
    const [mantissa, power] = Math.abs(f).toExponential(precision - 1).split('e') as [string, string];
    if (Math.fround(Number(`${mantissa}e${power}`)) === Math.abs(f)) {
      digits = mantissa.replace('.', '');
      exponent = Number(power);
      break;
    }
  }
  let text: string;
  if (exponent < -4 || exponent >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    text = `${digits[0]}${fraction}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  } else if (exponent >= 0) {
    text = digits.length > exponent + 1 ? `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}` : digits.padEnd(exponent + 1, '0');
  } else {
    text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  return f < 0 ? `-${text}` : text;
}
