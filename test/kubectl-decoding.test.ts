/**
 * Both YAML parsers against kubectl's own decoding, on generated tricky documents: the fast
 * parser must give what the complete parser gives (values and positions) wherever it answers,
 * and the complete parser what kubectl gives — the same value, or an error where kubectl
 * fails — except where this tool is stricter on purpose (listed below, with the reason).
 */
import { describe, expect, test } from 'vitest';
import { parseText } from '../src/load/parse.js';
import { parseYamlFast } from '../src/load/yaml-fast.js';
import { decodeWithKubectl, kubectlAvailable, type Decoded } from './helpers/kubectl.js';
import { trickyCases } from '../scripts/tricky-yaml.js';
import { expectLocatorAgrees, expectSameAsPrecise } from './helpers/parse-compare.js';

/** Cases where this tool and kubectl differ on purpose (or where the `yaml` package is stricter than go-yaml), and why. */
const DIVERGENCES = new Map<string, string>([
  ['key-duplicate', 'a duplicate key is a yaml-syntax error here, as the API server\'s strict field validation reports it; kubectl\'s decoder keeps the last value'],
  ['key-duplicate-typed', 'the same: 1 and 01 are both the key "1"'],
  ['key-duplicate-quoted', 'the same: a and "a"'],
  ['key-duplicate-flow', 'the same, in a flow mapping'],
  ['key-anchored-key-as-key', 'the same: on and the alias of on are both the key "true"'],
  ['flow-multi-line-under-indented', 'the `yaml` package requires the lines of a flow collection to be indented more than its key, go-yaml does not: an error here'],
  ['flow-question-word', 'go-yaml reads `[?x]` as [{x: null}], the `yaml` package as ["?x"]: an error here, asking to quote it'],
  ['flow-item-89', 'the same, for `[?x]` among the plain scalars'],
  ['flow-question-map-key', 'go-yaml reads `{?x: 1}` as {x: 1}, the `yaml` package as {"?x": 1}: an error here, asking to quote it'],
  ['flow-colon-end', 'go-yaml reads `[x:]` as ["x:"], the `yaml` package as [{x: null}]: an error here, asking to quote it'],
  ['flow-colon-end-comma', 'the same, for `[x:, y]`'],
  ['marker-start-end', 'after `---` and `...` kubectl silently finds no object at all; here the `---` `...` is an empty document, and the object is linted'],
  ['escape-11', 'go-yaml (YAML 1.1) knows the escape \\\' in double quotes, the `yaml` package (YAML 1.2) does not: an error here'],
]);

const cases = trickyCases();
const kubectl = kubectlAvailable();

test('kubectl is installed (the comparisons below need it)', () => {
  if (!kubectl.ok) throw new Error(kubectl.message);
});

/** What a parse of one document gives, comparable with kubectl's JSON: the value, or that it is an error. */
function ours(text: string, precise: boolean): Decoded {
  const parsed = parseText(text, 'yaml', false, precise);
  if (parsed.errors.length > 0) return { error: parsed.errors[0]!.message };
  // (documents with nothing in them are no objects, to kubectl and to the linter)
  return { value: parsed.documents.find((d) => d.value !== null)?.value ?? null };
}

/** Values equal as kubectl's JSON sees them: a number NaN or ±Infinity is a value JSON cannot hold. */
function unrepresentable(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(unrepresentable);
  return false;
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

describe.runIf(kubectl.ok)('the parsers decode YAML as kubectl does', () => {
  const decoded = kubectl.ok ? decodeWithKubectl(cases) : new Map<string, Decoded>();

  test('kubectl decoded an object from nearly every case', () => {
    expect(cases.filter((c) => { const d = decoded.get(c.name); return d && 'value' in d && d.value === null; }).map((c) => c.name)).toEqual(['marker-start-end']);
  });

  test('the fast parser gives what the complete parser gives, wherever it answers', () => {
    let answered = 0;
    for (const { name, text } of cases) {
      try {
        if (expectSameAsPrecise(text)) answered++;
        expectLocatorAgrees(text);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}\n${text}`);
      }
      // and where it does not answer, the default mode still gives what the precise mode gives
      expect(ours(text, false), name).toEqual(ours(text, true));
    }
    expect(answered).toBeGreaterThan(100);
  });

  test('the complete parser gives what kubectl gives', () => {
    const disagreements: string[] = [];
    for (const { name, text } of cases) {
      const theirs = decoded.get(name)!;
      const mine = ours(text, true);
      let agree: boolean;
      if ('error' in theirs) {
        // kubectl cannot write NaN or Infinity as JSON: its error is our non-finite number
        agree = 'error' in mine || (/unsupported value: (NaN|[+-]Inf)/.test(theirs.error) && unrepresentable(mine.value));
      } else {
        agree = 'value' in mine && !unrepresentable(mine.value) && JSON.stringify(sortKeys(plain(mine.value))) === JSON.stringify(sortKeys(theirs.value));
      }
      if (agree === DIVERGENCES.has(name)) {
        const what = (d: Decoded) => ('error' in d ? `error: ${d.error}` : JSON.stringify((d.value as { data?: unknown } | null)?.data ?? d.value));
        disagreements.push(`${name}: ${agree ? 'now agrees, remove it from DIVERGENCES' : `kubectl ${what(theirs)}; ours ${what(mine)}`}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  test('the fast parser answers on plain manifests-like cases (it would buy nothing otherwise)', () => {
    expect(parseYamlFast(cases.find((c) => c.name === 'value-0')!.text, false)).toBeDefined();
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}
