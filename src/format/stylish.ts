/**
 * The default human format, ESLint's "stylish": findings under their file, then a summary. On a
 * terminal, long messages wrap at word boundaries to its width, continued under the message's
 * first character, with the rule ids in one column after them.
 */
import { Chalk } from 'chalk';
import { totals } from '../report/results.js';
import type { LintFormatter } from './types.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The narrowest message column worth wrapping to; a narrower terminal gets this anyway. */
const MIN_MESSAGE_WIDTH = 30;

/** `text` in lines of at most `width` characters, broken at spaces (a longer word is cut). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
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
    const indent = 2 + whereWidth + 2 + 7 + 2;
    const ruleWidth = Math.max(...rows.map((r) => r.ruleId.length));
    const messageWidth = context.width ? Math.max(MIN_MESSAGE_WIDTH, context.width - indent - 2 - ruleWidth) : undefined;
    const wrapped = rows.map((row) => (messageWidth && row.message.length > messageWidth ? wrap(row.message, messageWidth) : [row.message]));
    // when wrapping, the rule ids line up after the widest message line
    const column = messageWidth ? Math.max(...wrapped.flat().map((line) => line.length)) : 0;
    rows.forEach((row, i) => {
      const severity = row.severity === 'error' ? chalk.red(row.severity.padEnd(7)) : chalk.yellow(row.severity.padEnd(7));
      const message = wrapped[i]!;
      const last = message.length - 1;
      message.forEach((text, n) => {
        const start = n === 0 ? `  ${chalk.dim(row.where.padEnd(whereWidth))}  ${severity}  ` : ' '.repeat(indent);
        lines.push(n === last ? `${start}${text.padEnd(column)}  ${chalk.dim(row.ruleId)}` : `${start}${text}`);
      });
    });
    lines.push('');
  }
  const { errors, warnings } = totals(results);
  if (errors + warnings === 0) return '';
  const summary = `✖ ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  lines.push(errors > 0 ? chalk.red.bold(summary) : chalk.yellow.bold(summary));
  return lines.join('\n') + '\n';
};
