/**
 * The shared rule runner. For every registered rule: its doc exists with wrong and right
 * examples; each `fixtures/<id>/bad/*` case yields exactly the findings its `# expect:` markers
 * name (rule and line) and matches its golden output; each `good/*` case yields nothing.
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, test } from 'vitest';
import { RULES } from '../rules/index.js';
import { lintJson, readText, type JsonResult } from './helpers/cli.js';
import { renderEnv, requireKubectl } from './helpers/tools.js';

const FIXTURES = 'fixtures';

/** A case is a file, or a folder linted as one input. */
function cases(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name) || lstatSync(path.join(dir, name)).isDirectory())
    .map((name) => path.join(dir, name))
    .sort();
}

/** `# fixture-options: --kube-version 1.20` on a case's first line (or in its options.txt). */
function optionsOf(casePath: string): string[] {
  if (!existsSync(casePath)) return []; // a dangling link
  const first = statSync(casePath).isDirectory()
    ? existsSync(path.join(casePath, 'options.txt')) ? readText(path.join(casePath, 'options.txt')) : ''
    : readText(casePath).split('\n')[0] ?? '';
  const match = /fixture-options:\s*(.*)$/m.exec(first);
  return match ? match[1]!.trim().split(/\s+/) : [];
}

/**
 * `file:line rule` for every `# expect: a, b` marker (a rule listed twice expects two findings);
 * a file that cannot hold markers (a dangling link) has them in `<file>.expect` as `line rule`.
 */
function expectedMarkers(casePath: string): string[] {
  const files = existsSync(casePath) && statSync(casePath).isDirectory() ? fg.sync('**/*.{yaml,yml,json}', { cwd: casePath, absolute: false }).map((f) => path.join(casePath, f)) : [casePath];
  const expected: string[] = [];
  for (const file of files) {
    if (existsSync(`${file}.expect`)) {
      for (const line of readText(`${file}.expect`).split('\n').filter(Boolean)) {
        const [row, id] = line.split(' ');
        expected.push(`${file}:${row} ${id}`);
      }
      continue;
    }
    readText(file)
      .split('\n')
      .forEach((line, index) => {
        const match = /# expect:\s*(.+)$/.exec(line);
        if (!match) return;
        for (const id of match[1]!.split(',').map((s) => s.trim()).filter(Boolean)) expected.push(`${file}:${index + 1} ${id}`);
      });
  }
  return expected.sort();
}

/** A case with `--render` runs the real kubectl (see test/helpers/tools.ts). */
async function lintCase(args: readonly string[]) {
  if (!args.includes('--render')) return lintJson(args);
  requireKubectl();
  return lintJson(args, { env: renderEnv() });
}

function foundFindings(results: JsonResult[]): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`)).sort();
}

/** The golden form: every field a user sees, one finding per line. */
function golden(results: JsonResult[]): string {
  return results
    .flatMap((r) =>
      r.messages.map((m) => {
        const related = m.related.map((x) => `\n    related ${x.filePath}:${x.line}:${x.column} ${x.message}`).join('');
        const object = m.object ? ` [${m.object.kind} ${m.object.namespace}/${m.object.name}]` : '';
        return `${r.filePath}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId}${object}\n    ${m.message}${related}`;
      }),
    )
    .join('\n') + '\n';
}

describe.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  // rules that are off by default are switched on for their own fixtures
  const enable = ['--rule', `${id}=${rule.meta.severity === 'off' ? 'error' : rule.meta.severity}`];
  test('has a doc with wrong and right examples', () => {
    const doc = `rules/${id}.md`;
    expect(existsSync(doc), `${doc} is missing`).toBe(true);
    const text = readText(doc);
    expect(text).toMatch(new RegExp(`^# ${id}`, 'm'));
    expect(text).toMatch(/^## Wrong/m);
    expect(text).toMatch(/^## Right/m);
  });

  const bad = cases(path.join(FIXTURES, id, 'bad'));
  const good = cases(path.join(FIXTURES, id, 'good'));

  test('has good and bad fixtures', () => {
    expect(bad.length, `fixtures/${id}/bad/ has no cases`).toBeGreaterThan(0);
    expect(good.length, `fixtures/${id}/good/ has no cases`).toBeGreaterThan(0);
  });

  for (const casePath of bad) {
    test(`reports what ${casePath} marks`, async () => {
      const { results } = await lintCase([...enable, ...optionsOf(casePath), casePath]);
      const expected = expectedMarkers(casePath);
      expect(expected.some((e) => e.endsWith(` ${id}`)), `${casePath} has no "# expect: ${id}" marker`).toBe(true);
      expect(foundFindings(results)).toEqual(expected);
      await expect(golden(results)).toMatchFileSnapshot(`../${casePath.replace(/\.(ya?ml|json)$/, '')}.golden`);
    });
  }

  for (const casePath of good) {
    test(`reports nothing on ${casePath}`, async () => {
      const { results } = await lintCase([...enable, ...optionsOf(casePath), casePath]);
      expect(foundFindings(results)).toEqual([]);
    });
  }
});

test('every fixture folder belongs to a registered rule', () => {
  const ids = new Set(RULES.map((r) => r.meta.id));
  for (const folder of readdirSync(FIXTURES)) expect(ids.has(folder), `fixtures/${folder} has no rule`).toBe(true);
});

test('every rule file is registered', () => {
  const files = readdirSync('rules').filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
  expect(files.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
});
