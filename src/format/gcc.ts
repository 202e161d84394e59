/**
 * `path:line:col: error|warning: message [rule-id]`, one finding per line, never coloured: the
 * format editors and CI problem matchers parse (problem-matcher.json, the README's VS Code task).
 * The report layer has escaped every line break and control character (safe-text.ts), so each
 * finding is exactly one line.
 */
import type { LintFormatter } from './types.js';

export const formatGcc: LintFormatter = (results) =>
  results
    .flatMap((result) =>
      result.messages.map((m) => `${result.filePath}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'}: ${m.message} [${m.ruleId}]\n`),
    )
    .join('');
