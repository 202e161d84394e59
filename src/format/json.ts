/**
 * ESLint-compatible JSON (design.md §2): one entry per file read, with ESLint's fields, so tools
 * that read ESLint reports (reviewdog, code-quality converters, editors) read these.
 * Differences from ESLint, on purpose: `filePath` is relative to the working directory, as in
 * every other format; `ruleId` is set on fatal findings too (`yaml-syntax`, `file-unreadable`);
 * no `source` (positions are exact, and the text of every file would make a large report) and
 * no `suppressedMessages` (suppressed findings are dropped); nothing is fixable, so no `fix`.
 * Added: `object` and `related` on each message.
 */
import type { LintFormatter } from './types.js';

/** Findings that stop a file or document from being linted at all: ESLint's parse errors. */
const FATAL = new Set(['yaml-syntax', 'file-unreadable']);

export const formatJson: LintFormatter = (results) =>
  JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      messages: result.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
        ...(FATAL.has(m.ruleId) && m.severity === 2 ? { fatal: true } : {}),
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        ...(m.object ? { object: m.object } : {}),
        related: m.related,
        ...(m.environments ? { environments: m.environments } : {}),
      })),
      errorCount: result.errorCount,
      fatalErrorCount: result.messages.filter((m) => m.severity === 2 && FATAL.has(m.ruleId)).length,
      warningCount: result.warningCount,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    })),
  ) + '\n';
