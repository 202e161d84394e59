/**
 * `npm run fuzz -- --seconds N [--seed S]`: a mutation campaign on real and tricky manifests.
 * Each case is one to three seed documents (from ../shared/corpora, the fixtures, the examples
 * and the generated tricky YAML of scripts/tricky-yaml.ts), some as JSON, with text edits that
 * hostile input is made of (tabs, anchors, aliases, merge keys, markers, brackets, quotes,
 * Object.prototype names, huge numbers, lines moved, repeated or cut). For every case:
 *
 * - the fast YAML parser gives what the complete parser gives, its locator what the full
 *   positions give, and both modes of parseText the same documents and errors;
 * - lint (JSON and one more format) and resolve (JSON and one more format) give byte for byte
 *   the same output with and without K8S_SVC_LINT_PRECISE=1, exit 0 or 1 (resolve 0), and
 *   no internal error.
 *
 * A failing case is shrunk by fast-check to a minimal reproduction, printed (and written to a
 * file), and the campaign goes on with a new seed until the time is up. Exit status 1 when
 * anything failed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import fg from 'fast-glob';
import { runInMemory } from '../src/cli/memory-io.js';
import { parseText } from '../src/load/parse.js';
import { fastParserDifference, firstDifference, locatorDifference } from './parse-compare.js';
import { PLAIN_SCALARS, trickyCases } from './tricky-yaml.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const LINT_FORMATS = ['stylish', 'sarif', 'github', 'gcc', 'junit', 'markdown'] as const;
const RESOLVE_FORMATS = ['table', 'mermaid', 'dot'] as const;
const ALL_RULES = ['--rule', 'service-backend-no-readiness-probe=warn'];

/** What an edit may insert: the material of hostile YAML. */
const TOKENS: readonly string[] = [
  '\t', ' ', '  ', '\n', '\n\n', '- ', '-\t', '-', ': ', ':', '? ', '?', '---\n', '...\n', '--- ', '&a ', '&b ', '*a', '*b', '*a ',
  '!!merge <<: *a\n', '<<: *a\n', '<<: [*a, *b]\n', '!!str ', '!!int ', '!!binary ', '!Ref ', '[', ']', '{', '}', ', ', ',', '#', ' # c',
  '"', "'", '"\\x41\\/', '|', '|-\n', '>\n', '|2\n', '\\', '~', 'null', '%YAML 1.1\n', '\u00e9', '\u{1F600}', '\u2028', '\r\n', '\r',
  'k'.repeat(1030), 'kind: Service\n', 'apiVersion: v1\n', 'metadata: {name: x}\n', 'selector: {app: web}\n', 'ports: [{port: 80}]\n',
  ...PLAIN_SCALARS,
  ...Object.getOwnPropertyNames(Object.prototype),
];

type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly token: number }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'repeat-line'; readonly at: number }
  | { readonly kind: 'swap-lines'; readonly at: number; readonly other: number }
  | { readonly kind: 'indent'; readonly at: number; readonly by: number };

interface Case {
  readonly seeds: readonly number[];
  readonly json: boolean;
  readonly edits: readonly Edit[];
  /** Which other lint and resolve format this case is also written in. */
  readonly format: number;
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.nat({ max: TOKENS.length - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat-line' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -2, max: 3 }) }) },
);

function applyEdit(text: string, e: Edit): string {
  const lines = text.split('\n');
  switch (e.kind) {
    case 'insert': {
      const at = text.length === 0 ? 0 : e.at % (text.length + 1);
      return text.slice(0, at) + TOKENS[e.token]! + text.slice(at);
    }
    case 'delete': {
      const at = text.length === 0 ? 0 : e.at % text.length;
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'repeat-line': {
      const at = e.at % lines.length;
      lines.splice(at, 0, lines[at]!);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const a = e.at % lines.length;
      const b = e.other % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'indent': {
      const at = e.at % lines.length;
      const line = lines[at]!;
      lines[at] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
      if (e.by === 3) lines[at] = `\t${line}`;
      return lines.join('\n');
    }
  }
}

/** Seed documents: real manifests and the tricky YAML, each small enough to keep a case quick. */
export function loadSeeds(): string[] {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const files = fg.sync(['../shared/corpora/**/*.{yaml,yml}', 'fixtures/**/*.{yaml,yml}', 'examples/**/*.{yaml,yml}'], { cwd: root }).sort();
  const seeds: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = utf8.decode(readFileSync(path.join(root, file)));
    } catch {
      continue; // not UTF-8: the binary fixtures
    }
    if (text.length <= 20_000 && !text.includes('\0')) seeds.push(text.replace(/\r\n/g, '\n'));
  }
  return [...seeds, ...trickyCases().map((c) => c.text)];
}

/** The case's text and the name it is linted under. */
export function caseInput(seeds: readonly string[], c: Case): { text: string; name: string } {
  let text = c.seeds.map((i) => seeds[i % seeds.length]!).join('\n---\n');
  if (c.json) {
    const values = parseText(text, 'yaml', false, true).documents.flatMap((d) => (d.value === undefined ? [] : [d.value]));
    text = JSON.stringify(values.length === 1 ? values[0] : { apiVersion: 'v1', kind: 'List', items: values }, null, 1) ?? 'null';
  }
  for (const e of c.edits) text = applyEdit(text, e);
  return { text, name: c.json ? 'case.json' : 'case.yaml' };
}

/** Throws, naming the check, when a case breaks a property. */
export async function checkCase(text: string, name: string, format: number): Promise<void> {
  if (name.endsWith('.yaml')) {
    const fast = fastParserDifference(text);
    if (fast.difference) throw new Error(`fast parser ≠ complete parser: ${fast.difference}`);
    const located = locatorDifference(text);
    if (located.difference) throw new Error(`locator ≠ full positions: ${located.difference}`);
    const modes = [false, true].map((precise) => {
      const parsed = parseText(text, 'yaml', false, precise);
      return { values: parsed.documents.map((d) => d.value), errors: parsed.errors.map((e) => [e.docIndex, e.message, e.span.start, e.span.end]) };
    });
    const difference = firstDifference(modes[0], modes[1]);
    if (difference) throw new Error(`parseText default ≠ precise at ${difference}`);
  }
  const commands = [
    ['lint', '-f', 'json', ...ALL_RULES],
    ['lint', '-f', LINT_FORMATS[format % LINT_FORMATS.length]!, ...ALL_RULES],
    ['resolve', '-f', 'json'],
    ['resolve', '-f', RESOLVE_FORMATS[format % RESOLVE_FORMATS.length]!],
  ];
  for (const command of commands) {
    const args = [...command, '--stdin-filename', name, '-'];
    const fast = await runInMemory(args, { stdin: text });
    const precise = await runInMemory(args, { stdin: text, env: { K8S_SVC_LINT_PRECISE: '1' } });
    const what = command.slice(0, 3).join(' ');
    for (const run of [fast, precise]) {
      if (run.stderr.includes('internal error')) throw new Error(`${what}: ${run.stderr.split('\n').find((l) => l.includes('internal error'))}`);
      if (command[0] === 'lint' ? run.code !== 0 && run.code !== 1 : run.code !== 0) throw new Error(`${what}: exit status ${run.code}`);
    }
    if (fast.code !== precise.code || fast.stdout !== precise.stdout || fast.stderr !== precise.stderr) {
      const [a, b] = [fast.stdout + fast.stderr, precise.stdout + precise.stderr];
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      throw new Error(`${what}: default ≠ K8S_SVC_LINT_PRECISE=1 (exit ${fast.code}/${precise.code}) from …${JSON.stringify(a.slice(Math.max(0, at - 60), at + 100))} vs …${JSON.stringify(b.slice(Math.max(0, at - 60), at + 100))}`);
    }
  }
}

export interface FuzzFailure {
  readonly check: string;
  readonly text: string;
  readonly name: string;
  readonly seed: number;
}

export interface FuzzOptions {
  /** Stop after this long (ms) … */
  readonly timeLimitMs?: number;
  /** … or after this many cases. */
  readonly runs?: number;
  readonly seed: number;
  readonly log?: (line: string) => void;
  /** The properties checked (checkCase unless a test plants its own). */
  readonly check?: (text: string, name: string, format: number) => Promise<void>;
}

/** Runs the campaign: cases checked and the (shrunk) failures, at most one per kind of check. */
export async function fuzz(options: FuzzOptions): Promise<{ cases: number; failures: FuzzFailure[] }> {
  const seeds = loadSeeds();
  const caseArbitrary: fc.Arbitrary<Case> = fc.record({
    seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    json: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    edits: fc.array(edit, { minLength: 1, maxLength: 6 }),
    format: fc.nat(),
  });
  const started = Date.now();
  const failures: FuzzFailure[] = [];
  const seen = new Set<string>();
  let cases = 0;
  for (let seed = options.seed; ; seed++) {
    const remaining = options.timeLimitMs === undefined ? undefined : options.timeLimitMs - (Date.now() - started);
    if (remaining !== undefined && remaining <= 0) break;
    if (options.runs !== undefined && cases >= options.runs) break;
    const details = await fc.check(
      fc.asyncProperty(caseArbitrary, async (c) => {
        cases++; // (shrinking runs cases too)
        const { text, name } = caseInput(seeds, c);
        await (options.check ?? checkCase)(text, name, c.format);
      }),
      {
        seed,
        numRuns: options.runs !== undefined ? options.runs - cases : Number.MAX_SAFE_INTEGER,
        ...(remaining !== undefined ? { interruptAfterTimeLimit: remaining } : {}),
        markInterruptAsFailure: false,
      },
    );
    if (!details.failed || !details.counterexample) break;
    const [c] = details.counterexample;
    const { text, name } = caseInput(seeds, c);
    const check = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const kind = check.split(':')[0]!;
    if (!seen.has(kind)) {
      seen.add(kind);
      failures.push({ check, text, name, seed });
      options.log?.(describeFailure({ check, text, name, seed }));
    }
    if (failures.length >= 10) break;
  }
  return { cases, failures };
}

export function describeFailure(failure: FuzzFailure): string {
  return [
    `✗ ${failure.check}`,
    `  minimal reproduction (seed ${failure.seed}), linted as ${failure.name}:`,
    ...failure.text.split('\n').map((line) => `  | ${line}`),
    `  as a string: ${JSON.stringify(failure.text)}`,
  ].join('\n');
}

async function cli(): Promise<number> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string' } } });
  const seconds = Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    process.stderr.write(`fuzz: --seconds must be a positive number, not ${values.seconds}\n`);
    return 2;
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 1_000_000;
  process.stdout.write(`fuzzing for ${seconds} s from seed ${seed} (both modes; lint and resolve; every format)\n`);
  const { cases, failures } = await fuzz({ timeLimitMs: seconds * 1000, seed, log: (line) => process.stdout.write(`${line}\n`) });
  if (failures.length > 0) {
    const folder = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-fuzz-'));
    failures.forEach((failure, i) => writeFileSync(path.join(folder, `failure-${i + 1}-${failure.name}`), failure.text));
    process.stdout.write(`${cases} cases, ${failures.length} failing (reproductions in ${folder})\n`);
    return 1;
  }
  process.stdout.write(`${cases} cases, no failure\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await cli();
}
