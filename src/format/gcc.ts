/**
 * `path:line:col: error|warning: message [rule-id]`, one finding per line, never coloured: the
 * format editors and CI problem matchers parse (problem-matcher.json, the README's VS Code task).
 */
import type { LintFormatter } from './types.js';

/** Messages are one line: a newline would split a finding in two for the matchers. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

export const formatGcc: LintFormatter = (results) =>
  results
    .flatMap((result) =>
      result.messages.map((m) => `${result.filePath}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'}: ${oneLine(m.message)} [${m.ruleId}]\n`),
    )
    .join('');
