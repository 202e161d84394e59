/** Diagnostics grouped by file, sorted, counted; and the exit status they call for. */
import type { SourceFile } from '../load/source.js';
import type { Model } from '../model/model.js';
import { locate, type Diagnostic } from './diagnostic.js';
import { safeText } from './safe-text.js';

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

/** Every text of a finding with its control characters escaped (see safe-text.ts). */
function safeDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const { object } = diagnostic;
  return {
    ...diagnostic,
    filePath: safeText(diagnostic.filePath),
    message: safeText(diagnostic.message),
    ...(diagnostic.objectPath !== undefined ? { objectPath: safeText(diagnostic.objectPath) } : {}),
    ...(object
      ? { object: { apiVersion: safeText(object.apiVersion), kind: safeText(object.kind), namespace: safeText(object.namespace), name: safeText(object.name) } }
      : {}),
    related: diagnostic.related.map((related) => ({ ...related, filePath: safeText(related.filePath), message: safeText(related.message) })),
    ...(diagnostic.fixes ? { fixes: diagnostic.fixes.map((fix) => ({ ...fix, filePath: safeText(fix.filePath), message: safeText(fix.message) })) } : {}),
  };
}

/**
 * One result per file read (also those without findings), in path order. Every formatter
 * prints these: this is where the texts from the manifests are made safe to print.
 */
export function groupByFile(files: readonly SourceFile[], reported: readonly Diagnostic[]): FileResult[] {
  const byPath = new Map<string, Diagnostic[]>();
  for (const file of files) byPath.set(safeText(file.path), []);
  for (const diagnostic of reported.map(safeDiagnostic)) {
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

/** An object of the run, for formats that list objects (JUnit test cases). */
export interface ObjectEntry {
  readonly filePath: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Every object read, in file order, its texts made safe to print. */
export function objectEntries(model: Model): ObjectEntry[] {
  // (a rendered object, `--render`, is listed in the author's file it came from)
  return model.objects.map((o) => ({ filePath: safeText(o.file.rendering ? locate(o.at()).filePath : o.file.path), kind: safeText(o.kind), namespace: safeText(o.namespace), name: safeText(o.name) }));
}
