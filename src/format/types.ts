import type { RuleMeta } from '../engine/rule.js';
import type { FileResult, ObjectEntry } from '../report/results.js';

export type { ObjectEntry };

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'gcc', 'junit', 'markdown'] as const;
export type LintFormatName = (typeof LINT_FORMATS)[number];

export interface RuleInfo extends RuleMeta {
  /** The rule's documentation (rules/<id>.md), when available. */
  readonly doc?: string;
}


/** Where SARIF's relative paths start and where its links go. */
export interface SarifContext {
  /** Absolute folder the artifact URIs are relative to (`%SRCROOT%`): the repository root. */
  readonly root: string;
  /** The working directory, which the findings' paths are relative to. */
  readonly cwd: string;
  /** The tool's home page. */
  readonly informationUri: string;
  /** A rule's page. */
  readonly helpUri: (ruleId: string) => string;
}

export interface FormatContext {
  /** Every known rule, by id. */
  readonly rules: ReadonlyMap<string, RuleInfo>;
  readonly color: boolean;
  readonly version: string;
  /** Every object read, in file order. */
  readonly objects: readonly ObjectEntry[];
  /** For `sarif`. */
  readonly sarif?: SarifContext;
  /** Terminal width to wrap long messages to (stylish, on a terminal); none: no wrapping. */
  readonly width?: number;
}

export type LintFormatter = (results: readonly FileResult[], context: FormatContext) => string;
