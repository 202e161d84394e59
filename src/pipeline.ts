/** load → model → index → rules → report, for files already loaded. No I/O. */
import type { Rule, RuleSettings, Severity } from './engine/rule.js';
import { runRules, type RuleFailure } from './engine/run.js';
import { ModelIndex } from './index/index.js';
import type { SourceFile } from './load/source.js';
import { buildModel, type Model } from './model/model.js';
import { toDiagnostic } from './report/diagnostic.js';
import { groupByFile, type FileResult } from './report/results.js';

export interface AnalysisOptions extends RuleSettings {
  readonly namespace: string;
  /** Severity per rule id, overriding the rules' defaults. */
  readonly severities: ReadonlyMap<string, Severity>;
  /** Errors only (`--quiet`). */
  readonly quiet?: boolean;
}

export interface Analysis {
  readonly model: Model;
  readonly index: ModelIndex;
  readonly results: FileResult[];
  readonly failures: RuleFailure[];
}

export function analyze(files: readonly SourceFile[], rules: readonly Rule[], options: AnalysisOptions): Analysis {
  const model = buildModel(files, { namespace: options.namespace });
  const index = new ModelIndex(model);
  const { findings, failures } = runRules(rules, options.severities, model, index, options);
  const kept = options.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  const results = groupByFile(files, kept.map(toDiagnostic));
  return { model, index, results, failures };
}
