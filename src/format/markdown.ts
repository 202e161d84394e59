/**
 * Markdown for `$GITHUB_STEP_SUMMARY` and merge-request comments: counts per rule, a table of
 * findings, and a mermaid graph of the Services that reach nothing.
 */
import { totals } from '../report/results.js';
import type { LintFormatter } from './types.js';

/** Services without endpoints: their selector matches nothing, or there is none and no endpoints. */
const REACH_NOTHING = new Map([
  ['service-selector-no-match', 'selects no pods'],
  ['service-selector-missing', 'no selector, no endpoints'],
]);

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const formatMarkdown: LintFormatter = (results) => {
  const { errors, warnings } = totals(results);
  const withFindings = results.filter((r) => r.messages.length > 0).length;
  const lines = ['## k8s-svc-lint', ''];
  if (errors + warnings === 0) {
    lines.push(`No problems found in ${plural(results.length, 'file')}.`);
    return lines.join('\n') + '\n';
  }
  lines.push(`**${plural(errors, 'error')}, ${plural(warnings, 'warning')}** in ${withFindings} of ${plural(results.length, 'file')}.`, '');

  const perRule = new Map<string, { errors: number; warnings: number }>();
  for (const message of results.flatMap((r) => r.messages)) {
    const counts = perRule.get(message.ruleId) ?? { errors: 0, warnings: 0 };
    if (message.severity === 2) counts.errors++;
    else counts.warnings++;
    perRule.set(message.ruleId, counts);
  }
  lines.push('| rule | errors | warnings |', '|---|---:|---:|');
  for (const [rule, counts] of [...perRule].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`| \`${rule}\` | ${counts.errors} | ${counts.warnings} |`);

  lines.push('', '### Findings', '', '| file | line | severity | rule | message |', '|---|---:|---|---|---|');
  for (const result of results) {
    for (const m of result.messages) {
      lines.push(`| \`${cell(result.filePath)}\` | ${m.line}:${m.column} | ${m.severity === 2 ? 'error' : 'warning'} | \`${m.ruleId}\` | ${cell(m.message)} |`);
    }
  }

  const unreachable = results.flatMap((r) => r.messages.filter((m) => REACH_NOTHING.has(m.ruleId) && m.object));
  if (unreachable.length > 0) {
    lines.push('', '### Services that reach nothing', '', '```mermaid', 'flowchart LR');
    unreachable.forEach((m, i) => {
      const object = m.object!;
      // a quote in a (hostile) name would end mermaid's label
      const name = `${object.namespace}/${object.name}`.replace(/"/g, '#quot;');
      lines.push(`  s${i}["Service ${name}"] -->|"${REACH_NOTHING.get(m.ruleId)}"| x${i}(("✗"))`);
      lines.push(`  class x${i} error`);
    });
    lines.push('  classDef error fill:#fdd,stroke:#c00,color:#900', '```');
  }
  return lines.join('\n') + '\n';
};
