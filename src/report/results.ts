/** Diagnostics grouped by file, sorted, counted; and the exit status they call for. */
import type { SourceFile } from '../load/source.js';
import type { Diagnostic } from './diagnostic.js';

export interface FileResult {
  readonly filePath: string;
  readonly messages: readonly Diagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareText(a.filePath, b.filePath) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One result per file read (also those without findings), in path order. */
export function groupByFile(files: readonly SourceFile[], diagnostics: readonly Diagnostic[]): FileResult[] {
  const byPath = new Map<string, Diagnostic[]>();
  for (const file of files) byPath.set(file.path, []);
  for (const diagnostic of diagnostics) {
    let list = byPath.get(diagnostic.filePath);
    if (!list) byPath.set(diagnostic.filePath, (list = []));
    list.push(diagnostic);
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([filePath, messages]) => {
      messages.sort(compareDiagnostics);
      const errorCount = messages.filter((m) => m.severity === 2).length;
      return { filePath, messages, errorCount, warningCount: messages.length - errorCount };
    });
}

export interface Totals {
  readonly errors: number;
  readonly warnings: number;
}

export function totals(results: readonly FileResult[]): Totals {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
  }
  return { errors, warnings };
}

/** 1 when there are errors or more warnings than allowed, else 0 (2 is for usage and internal failures). */
export function lintExitCode(results: readonly FileResult[], maxWarnings: number | undefined): 0 | 1 {
  const { errors, warnings } = totals(results);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) return 1;
  return 0;
}
