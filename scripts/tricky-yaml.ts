/**
 * Generated YAML documents at the edges where YAML parsers disagree: go-yaml v2's scalar
 * typing (what kubectl decodes), tabs, long and typed keys, null keys, merges, aliases, lone
 * dashes, empty values and block scalars. Each is a whole ConfigMap named after the case, so
 * kubectl can decode it (`kubectl label --local`) and the parsers can be compared with it.
 */

export interface TrickyCase {
  /** Also the object's name: lowercase letters, digits and dashes. */
  readonly name: string;
  readonly text: string;
}

/** Plain scalars whose type go-yaml v2 decides (YAML 1.1 words, Go number syntax, 64-bit limits). */
export const PLAIN_SCALARS: readonly string[] = [
  'yes', 'No', 'ON', 'off', 'y', 'N', '~', 'null', 'Null', 'NULL', 'true', 'False', 'TRUE',
  '0', '-0', '+0', '00', '0777', '08', '0o17', '0O17', '0x1F', '0X1f', '0b101', '-0b101', '+12', '-12', '1_000', '0x_1F',
  '1e3', '1e6', '1E+2', '.5', '-.5', '+.5', '5.', '1.5', '80.5', '0.1', '3.14159265358979', '1e-7', '1e400', '-1e400',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'inf', 'nan',
  '1:20', '1:20:30', '2024-01-01', '2024-01-01T10:00:00Z', '12e', '0x', '0b', '0o', '0b2', '0x1G',
  '9007199254740993', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '18446744073709551615', '18446744073709551616', '99999999999999999999', '0x7FFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFF',
  '0x1FFFFFFFFFFFFFFFF', '-0x8000000000000000', '-0x8000000000000001', '+0xFFFFFFFFFFFFFFFF', '0o1777777777777777777777',
  '0o2000000000000000000000', '0777777777777777777777777', '01777777777777777777777', '0b' + '1'.repeat(64), '0b1' + '0'.repeat(64),
  '-', '--', '-x', ':x', 'a:b', 'a#b', 'x@y', '<<', '=', '?x',
];

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: NAME\n';

/** Every case: a name and a document (`NAME` in a body is replaced by the case's name). */
export function trickyCases(): TrickyCase[] {
  const cases: TrickyCase[] = [];
  const add = (name: string, body: string) => {
    const full = `${name}`;
    if (!/^[a-z0-9-]+$/.test(full)) throw new Error(`bad case name ${full}`);
    cases.push({ name: full, text: (HEAD + body).replaceAll('NAME', full) });
  };

  const addText = (name: string, text: string) => cases.push({ name, text: text.replaceAll('NAME', name) });

  // document markers: kubectl decodes the text after each `---` line as a stream of its own
  const body = `${HEAD}data:\n  a: b\n`;
  addText('marker-end-first', `...\n${body}`);
  addText('marker-end-after-comment', `# c\n...\n${body}`);
  addText('marker-end-after', `${body}...\n`);
  addText('marker-end-twice', `${body}...\n# c\n...\n`);
  addText('marker-start-first', `---\n${body}`);
  addText('marker-start-comment', `--- # c\n${body}`);
  addText('marker-start-twice', `---\n---\n${body}`);
  addText('marker-start-end', `---\n...\n${body}`);

  // scalars as values, as flow items and as keys
  PLAIN_SCALARS.forEach((scalar, i) => {
    add(`value-${i}`, `data:\n  k: ${scalar}\n`);
    add(`flow-item-${i}`, `data:\n  k: [${scalar}]\n`);
    if (!scalar.startsWith('-') && !scalar.startsWith('?') && !scalar.startsWith(':') && scalar !== '<<') add(`key-${i}`, `data:\n  ${scalar}: v\n`);
  });

  // tabs, where go-yaml skips them as whitespace and where it does not
  const tabs: Record<string, string> = {
    'after-dash-map': 'data:\n  l:\n  -\tport: 80\n',
    'after-dash-scalar': 'data:\n  l:\n  -\tx\n',
    'after-dash-space': 'data:\n  l:\n  - \tport: 80\n',
    'after-dash-empty': 'data:\n  l:\n  - a\n  -\t\n',
    'after-colon': 'data:\n  k:\tv\n',
    'after-colon-quoted-key': 'data:\n  "k":\t"v"\n',
    'before-value': 'data:\n  k:   \t  v\n',
    'after-value': 'data:\n  k: v\t\n',
    'before-comment': 'data:\n  k: v\t# c\n',
    'in-comment': 'data:\n  k: v # \tc\n',
    'line-after-empty-key': 'data:\n  k:\n\t\n  b: 1\n',
    'line-after-empty-key-spaces': 'data:\n  k:\n \t \n    b: 1\n',
    'after-empty-key': 'data:\n  k:\t\n  j: 1\n',
    'line-after-plain': 'data:\n  k: 1\n\t\n  b: 1\n',
    'line-after-plain-deep': 'data:\n  k: v\n      \t\n  j: 1\n',
    'line-after-plain-shallow': 'data:\n  k: v\n  \t\n  j: 1\n',
    'line-after-plain-comment': 'data:\n  k: v # c\n      \t\n  j: 1\n',
    'comment-after-plain': 'data:\n  k: v\n\t# c\n  j: 1\n',
    'comment-after-plain-deep': 'data:\n  k: v\n     \t# c\n  j: 1\n',
    'line-after-quoted': 'data:\n  k: "v"\n\t\n  j: 1\n',
    'comment-after-quoted': 'data:\n  k: "v"\n\t# c\n  j: 1\n',
    'line-after-flow': 'data:\n  k: [a]\n\t\n  j: 1\n',
    'line-after-sequence': 'data:\n  k:\n  - a\n\t\n  j: 1\n',
    'line-at-end': 'data:\n  k: v\n  j: 1\n\t\n',
    'line-at-start': '\t\ndata:\n  k: v\n',
    'line-before-first-key': 'data:\n\t\n  k: v\n',
    'block-scalar-line': 'data:\n  k: |\n    x\n\t\n    y\n',
    'block-scalar-line-spaces': 'data:\n  k: |\n    x\n  \t\n    y\n',
    'block-scalar-content': 'data:\n  k: |\n    x\n    \t\n    y\n',
    'block-scalar-trailing': 'data:\n  k: |\n    v\n\t\n  j: 1\n',
    'block-scalar-leading': 'data:\n  k: |\n\t\n    v\n',
    'block-scalar-tab-content': 'data:\n  k: |\n    \tindented with a tab\n',
    'folded-line': 'data:\n  k: >\n    v\n\t\n    w\n',
    'flow-continuation': 'data:\n  k: [a,\n    \tb]\n',
    'quoted-continuation': 'data:\n  k: "a\n    \tb"\n',
    'plain-continuation': 'data:\n  k: a\n   \tb\n',
    'plain-continuation-col0': 'data:\n  k: a\n\tb\n',
    'explicit-value': 'data:\n  ? k\n  :\tv\n',
    'explicit-key': 'data:\n  ?\tk\n  : v\n',
    'between-documents': 'data:\n  k: v\n---\n\t\n',
  };
  for (const [name, body] of Object.entries(tabs)) add(`tab-${name}`, body);

  // implicit keys: the `:` at most 1024 characters after the key's start
  for (const length of [1023, 1024, 1025]) {
    add(`long-key-${length}`, `data:\n  ${'k'.repeat(length)}: v\n`);
    add(`long-key-space-${length}`, `data:\n  ${'k'.repeat(length - 1)} : v\n`);
    add(`long-quoted-key-${length}`, `data:\n  "${'k'.repeat(length - 2)}": v\n`);
    add(`long-flow-key-${length}`, `data: {${'k'.repeat(length)}: v}\n`);
    add(`long-key-after-empty-${length}`, `data:\n  e:\n  ${'k'.repeat(length)}: v\n`);
  }

  // null keys, tagged keys, alias keys
  const keys: Record<string, string> = {
    'tilde': 'data:\n  ~: x\n',
    'null': 'data:\n  null: x\n',
    'empty': 'data:\n  : x\n',
    'explicit-empty': 'data:\n  ? \n  : x\n',
    'quoted-tilde': 'data:\n  "~": x\n',
    'flow-null': 'data: {~: x}\n',
    'tag-str': 'data:\n  !!str 80: a\n',
    'tag-int': 'data:\n  !!int "81": b\n',
    'tag-int-hex': 'data:\n  !!int "0x10": b\n',
    'tag-bool': 'data:\n  !!bool "yes": b\n',
    'tag-null': 'data:\n  !!null "": b\n',
    'tag-float': 'data:\n  !!float "1": b\n',
    'alias-int': 'data:\n  a: &k 80\n  *k : b\n',
    'alias-bool': 'data:\n  a: &k yes\n  *k : b\n',
    'alias-quoted': 'data:\n  a: &k "yes"\n  *k : b\n',
    'anchored-key': 'data:\n  &k on: a\n  b: *k\n',
    'anchored-key-as-key': 'data:\n  &k on: a\n  *k : b\n',
    'alias-null': 'data:\n  a: &k ~\n  *k : b\n',
    'alias-map': 'data:\n  a: &k {x: 1}\n  *k : b\n',
    'duplicate': 'data:\n  a: 1\n  a: 2\n',
    'duplicate-typed': 'data:\n  1: a\n  01: b\n',
    'duplicate-quoted': 'data:\n  a: 1\n  "a": 2\n',
    'duplicate-flow': 'data: {a: 1, a: 2}\n',
  };
  for (const [name, body] of Object.entries(keys)) add(`key-${name}`, body);

  // merge keys
  const merges: Record<string, string> = {
    'plain': 'data:\n  b: &x {q: 1}\n  c:\n    <<: *x\n    r: 2\n',
    'tagged': 'data:\n  b: &x {q: 1}\n  c:\n    !!merge <<: *x\n    r: 2\n',
    'quoted': 'data:\n  b: &x {q: 1}\n  c:\n    "<<": *x\n',
    'list': 'data:\n  a: &a {q: 1, r: 1}\n  b: &b {q: 2, s: 2}\n  c:\n    <<: [*a, *b]\n',
    'explicit-after': 'data:\n  a: &a {q: 1}\n  c:\n    <<: *a\n    q: 3\n',
    'explicit-before': 'data:\n  a: &a {q: 1}\n  c:\n    q: 3\n    <<: *a\n',
    'inline': 'data:\n  c:\n    <<: {q: 1}\n    r: 2\n',
    'flow': 'data:\n  a: &a {q: 1}\n  c: {<<: *a, r: 2}\n',
    'scalar': 'data:\n  a: &a x\n  c:\n    <<: *a\n',
    'twice': 'data:\n  a: &a {q: 1}\n  b: &b {r: 1}\n  c:\n    <<: *a\n    <<: *b\n',
  };
  for (const [name, body] of Object.entries(merges)) add(`merge-${name}`, body);

  // anchors and aliases
  const aliases: Record<string, string> = {
    'redefined': 'data:\n  a: &x 1\n  b: *x\n  c: &x 2\n  d: *x\n',
    'undefined': 'data:\n  a: *x\n',
    'forward': 'data:\n  a: *x\n  b: &x 1\n',
    'in-flow': 'data:\n  a: &x [1, 2]\n  b: [*x, *x]\n',
    'nested': 'data:\n  a: &x {b: &y 1}\n  c: *y\n',
  };
  for (const [name, body] of Object.entries(aliases)) add(`alias-${name}`, body);

  // lone dashes and other indicators in flow collections
  const flows: Record<string, string> = {
    'dash': 'data:\n  a: [-]\n',
    'dashes': 'data:\n  a: [-, -, x]\n',
    'dash-last': 'data:\n  a: [x, -]\n',
    'dash-value': 'data:\n  a: {k: -}\n',
    'dash-space': 'data:\n  a: [- ]\n',
    'dash-item': 'data:\n  a: [- x]\n',
    'dash-word': 'data:\n  a: [-x]\n',
    'question': 'data:\n  a: [?]\n',
    'colon': 'data:\n  a: [:]\n',
    'question-key': 'data:\n  a: {?: 1}\n',
    'trailing-comma': 'data:\n  a: [x, ]\n',
    'empty-entry': 'data:\n  a: [x, , y]\n',
    'single-pair': 'data:\n  a: [k: v]\n',
    'empty-value': 'data:\n  a: {k: }\n',
    'nested': 'data:\n  a: [[1, [2]], {b: [c]}]\n',
    'multi-line': 'data:\n  a: [1,\n    2]\n',
    'multi-line-under-indented': 'data:\n  a: [1,\n  2]\n',
    'question-word': 'data:\n  a: [?x]\n',
    'question-space': 'data:\n  a: [? x]\n',
    'question-inside': 'data:\n  a: [x?]\n',
    'question-url': 'data:\n  a: [http://x/?q=1]\n',
    'question-map-key': 'data:\n  a: {?x: 1}\n',
    'colon-word': 'data:\n  a: [:x]\n',
    'colon-key': 'data:\n  a: {:x: 1}\n',
    'colon-end': 'data:\n  a: [x:]\n',
    'colon-end-comma': 'data:\n  a: [x:, y]\n',
    'colon-inside': 'data:\n  a: [x:y]\n',
    'colon-inside-key': 'data:\n  a: {x:y: 1}\n',
    'block-question': 'data:\n  a: ?x\n  ?y: 1\n',
  };
  for (const [name, body] of Object.entries(flows)) add(`flow-${name}`, body);

  // empty values and block scalars, with blanks and comments after them
  const empties: Record<string, string> = {
    'value-comment': 'data:\n  a: 1\n  b: # c\nbinaryData: {}\n',
    'value-spaces': 'data:\n  a: 1\n  b:   \nbinaryData: {}\n',
    'item-comment': 'data:\n  l:\n  - 1\n  - # c\n',
    'item-spaces': 'data:\n  l:\n  - 1\n  -   \n',
    'last-key': 'data:\n  a: 1\n  b:\n',
    'block-scalar-header-comment': 'data:\n  a: | # c\n  b: 1\n',
    'block-scalar-empty': 'data:\n  a: |\n  b: 1\n',
    'block-scalar-strip-comment': 'data:\n  a: |- # c\n  b: 1\n',
    'block-scalar-keep': 'data:\n  a: |+\n    x\n\n  b: 1\n',
    'block-scalar-indicator': 'data:\n  a: |2\n     x\n  b: 1\n',
    'folded-more-indented': 'data:\n  a: >\n    x\n      y\n    z\n',
    'block-scalar-blank-lines': 'data:\n  a: |\n\n    x\n\n\n  b: 1\n',
  };
  for (const [name, body] of Object.entries(empties)) add(`empty-${name}`, body);

  // quoting and escapes
  const escapes = ['t', 'x41', 'u00e9', 'U0001F600', 'N', '_', 'L', 'P', 'e', '0', '/', "'", 'q', '\\', '"', ' ', 'a', 'b', 'v', 'f', 'r', 'uD800', 'x4'];
  escapes.forEach((escape, i) => add(`escape-${i}`, `data:\n  a: "x\\${escape}y"\n`));
  const quoted: Record<string, string> = {
    'escaped-backslash-slash': 'data:\n  a: "\\\\/"\n',
    'single-quote': "data:\n  a: 'it''s'\n",
    'multi-line-double': 'data:\n  a: "one\n    two"\n',
    'multi-line-single': "data:\n  a: 'one\n\n    two'\n",
    'multi-line-plain': 'data:\n  a: one\n    two\n',
    'document-marker-in-quote': 'data:\n  a: "one\n---\n  two"\n',
    // continuation lines indented less than the key (generated CRDs): go-yaml reads on to the quote
    'under-indented-single': "data:\n  a: 'one\n two\nthree it''s'\n  b: x\n",
    'under-indented-double': 'data:\n  a: "one \\\n two\n\nthree"\n  b: x\n',
    'under-indented-in-list': "spec:\n  - d: 'one\n  two'\n    e: x\n",
    'under-indented-unclosed': "data:\n  a: 'one\ntwo\n  b: x\n",
    'under-indented-marker': "data:\n  a: 'one\n...\n  two'\n",
  };
  for (const [name, body] of Object.entries(quoted)) add(`quoted-${name}`, body);

  return cases;
}
