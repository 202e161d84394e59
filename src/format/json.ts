/** ESLint-compatible JSON (design.md §2): one entry per file read. */
import type { LintFormatter } from './types.js';

export const formatJson: LintFormatter = (results) =>
  JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      messages: result.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
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
      warningCount: result.warningCount,
    })),
  ) + '\n';
