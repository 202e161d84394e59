import type { RuleMeta } from '../engine/rule.js';
import type { FileResult } from '../report/results.js';

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'gcc', 'junit', 'markdown'] as const;
export type LintFormatName = (typeof LINT_FORMATS)[number];

export interface RuleInfo extends RuleMeta {
  /** The rule's documentation (rules/<id>.md), when available. */
  readonly doc?: string;
}

/** An object of the run, for formats that list objects (junit). */
export interface ObjectEntry {
  readonly filePath: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface FormatContext {
  /** Every known rule, by id. */
  readonly rules: ReadonlyMap<string, RuleInfo>;
  readonly color: boolean;
  readonly version: string;
  /** Every object read, in file order. */
  readonly objects: readonly ObjectEntry[];
}

export type LintFormatter = (results: readonly FileResult[], context: FormatContext) => string;
