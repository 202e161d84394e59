/**
 * Every lint format on one fixture set (errors, a warning, related locations, characters to
 * escape, a syntax error, a clean file), the SARIF log against the official 2.1.0 schema, and
 * the problem-matcher regexes against real gcc-format output.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import { describe, expect, test } from 'vitest';
import { LINT_FORMATS } from '../src/format/index.js';
import { runCli } from './helpers/cli.js';

const FIXTURES = 'test/fixtures/formats/input';
const require = createRequire(import.meta.url);

async function output(format: string): Promise<string> {
  const run = await runCli(['lint', '-f', format, FIXTURES]);
  expect(run.code).toBe(1);
  return run.stdout;
}

describe('golden output', () => {
  for (const format of LINT_FORMATS) {
    test(format, async () => {
      let text = await output(format);
      // the rule docs inside SARIF change with every doc edit: the schema test covers them
      if (format === 'sarif') text = JSON.stringify({ ...JSON.parse(text), runs: [] }, null, 2);
      await expect(text).toMatchFileSnapshot(`fixtures/formats/golden.${format}`);
    });
  }
});

describe('SARIF', () => {
  test('is valid SARIF 2.1.0 (the official schema)', async () => {
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // the schema has a pattern that is invalid with the u flag ajv uses by default
    const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(await output('sarif')) as unknown;
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  test('has a rule descriptor with help for every rule, real regions, related and logical locations', async () => {
    const log = JSON.parse(await output('sarif')) as {
      runs: { tool: { driver: { rules: { id: string; help?: { markdown: string } }[] } }; results: Record<string, any>[] }[];
    };
    const run = log.runs[0]!;
    const rules = (await runCli(['rules', '-f', 'json'])).stdout;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual((JSON.parse(rules) as { id: string }[]).map((r) => r.id));
    for (const rule of run.tool.driver.rules) expect(rule.help?.markdown).toContain(`# ${rule.id}`);
    const targetPort = run.results.find((r) => r['ruleId'] === 'service-target-port-no-match')!;
    expect(targetPort['locations'][0].physicalLocation.region).toEqual({ startLine: 14, startColumn: 19, endLine: 14, endColumn: 23 });
    expect(targetPort['locations'][0].logicalLocations).toEqual([{ name: 'web', fullyQualifiedName: 'shop/Service/web', kind: 'resource' }]);
    expect(targetPort['relatedLocations'][0].physicalLocation.region.startLine).toBe(33);
  });
});

describe('problem matchers', () => {
  const lines = async () => (await output('gcc')).trimEnd().split('\n');

  function check(regexp: RegExp, line: string): void {
    const match = regexp.exec(line);
    expect(match, line).not.toBeNull();
    const [, file, row, column, severity, message, code] = match!;
    expect(line).toBe(`${file}:${row}:${column}: ${severity}: ${message} [${code}]`);
    expect(['error', 'warning']).toContain(severity);
  }

  test('the GitHub Actions problem matcher (problem-matcher.json) reads every gcc line', async () => {
    const matcher = JSON.parse(readFileSync('problem-matcher.json', 'utf8')) as { problemMatcher: { pattern: { regexp: string }[] }[] };
    const regexp = new RegExp(matcher.problemMatcher[0]!.pattern[0]!.regexp);
    for (const line of await lines()) check(regexp, line);
  });

  test("the README's VS Code task reads every gcc line", async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /<!-- vscode-task -->\s*```jsonc?\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README has the VS Code tasks.json block').not.toBeNull();
    const tasks = JSON.parse(block![1]!) as { tasks: { problemMatcher: { pattern: { regexp: string; file: number; code: number } } }[] };
    const pattern = tasks.tasks[0]!.problemMatcher.pattern;
    expect([pattern.file, pattern.code]).toEqual([1, 6]);
    const regexp = new RegExp(pattern.regexp);
    for (const line of await lines()) check(regexp, line);
  });
});

test('github annotations escape what workflow commands need escaped', async () => {
  const text = await output('github');
  expect(text).toContain('::error file=test/fixtures/formats/input/mixed.yaml,line=48,col=24,endLine=48,endColumn=30,title=label-syntax::metadata.labels: invalid value "100%25"');
  expect(text).toContain('::warning file=');
});
