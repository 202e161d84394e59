import type { RuleMeta } from '../engine/rule.js';
import type { FileResult } from '../report/results.js';

export const LINT_FORMATS = ['stylish', 'json'] as const;
export type LintFormatName = (typeof LINT_FORMATS)[number];

export interface FormatContext {
  /** Metadata of every known rule, by id. */
  readonly rules: ReadonlyMap<string, RuleMeta>;
  readonly color: boolean;
}

export type LintFormatter = (results: readonly FileResult[], context: FormatContext) => string;
