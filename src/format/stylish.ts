/** The default human format, ESLint's "stylish": findings under their file, then a summary. */
import { Chalk } from 'chalk';
import { totals } from '../report/results.js';
import type { LintFormatter } from './types.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const formatStylish: LintFormatter = (results, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const lines: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    lines.push(chalk.underline(result.filePath));
    const rows = result.messages.map((m) => ({
      where: `${m.line}:${m.column}`,
      severity: m.severity === 2 ? 'error' : 'warning',
      message: m.message,
      ruleId: m.ruleId,
    }));
    const whereWidth = Math.max(...rows.map((r) => r.where.length));
    for (const row of rows) {
      const severity = row.severity === 'error' ? chalk.red(row.severity.padEnd(7)) : chalk.yellow(row.severity.padEnd(7));
      lines.push(`  ${chalk.dim(row.where.padEnd(whereWidth))}  ${severity}  ${row.message}  ${chalk.dim(row.ruleId)}`);
    }
    lines.push('');
  }
  const { errors, warnings } = totals(results);
  if (errors + warnings === 0) return '';
  const summary = `✖ ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  lines.push(errors > 0 ? chalk.red.bold(summary) : chalk.yellow.bold(summary));
  return lines.join('\n') + '\n';
};
