/**
 * One run: files are read one at a time and their objects handed to the per-file rules, then
 * the index is built and every Service resolved, the cross-object rules run, then findings get
 * positions. No I/O here beyond iterating `sources`.
 */
import type { Rule, RuleSettings, Severity } from './engine/rule.js';
import { RuleSession, type RuleFailure } from './engine/run.js';
import { ModelIndex } from './index/index.js';
import type { SourceFile } from './load/source.js';
import { ModelBuilder, type Model } from './model/model.js';
import { mergeEnvironments, toDiagnostic } from './report/diagnostic.js';
import { groupByFile, type FileResult } from './report/results.js';
import { applySuppressions, UNUSED_SUPPRESSION } from './report/suppress.js';

export interface AnalysisOptions extends RuleSettings {
  readonly namespace: string;
  /** The cluster's DNS domain (`--cluster-domain`, default cluster.local). */
  readonly clusterDomain: string;
  /** Severity per rule id, overriding the rules' defaults. */
  readonly severities: ReadonlyMap<string, Severity>;
  /** Errors only (`--quiet`). */
  readonly quiet?: boolean;
  /** Measure phases and rules (`TIMING=1`). */
  readonly timing?: boolean;
}

export interface Timings {
  /** Phase name → milliseconds, in order. */
  readonly phases: readonly (readonly [string, number])[];
  /** Rule id → milliseconds. */
  readonly rules: ReadonlyMap<string, number>;
}

/**
 * A defect of this tool met while analysing: reported on stderr as an internal error, and the
 * run exits 2 after writing everything else.
 */
export interface InternalFailure {
  /** What was being done, before the subject: `in rule service-port-invalid on`, `while reading`. */
  readonly during: string;
  /** What it was done to, e.g. `Service/web in k8s/web.yaml`. */
  readonly subject: string;
  readonly error: unknown;
}

export interface Analysis {
  readonly model: Model;
  readonly index: ModelIndex;
  readonly results: FileResult[];
  readonly failures: InternalFailure[];
  readonly timings?: Timings;
}

export function analyze(sources: Iterable<SourceFile>, rules: readonly Rule[], options: AnalysisOptions): Analysis {
  const builder = new ModelBuilder({ namespace: options.namespace, clusterDomain: options.clusterDomain });
  const session = new RuleSession(rules, options.severities, options, options.timing);
  const failures: InternalFailure[] = [];
  const failed = (during: string) => (subject: string, error: unknown) => failures.push({ during, subject, error });
  const started = performance.now();
  for (const file of sources) {
    session.visitFile(file, builder.add(file, failed('while reading')));
    file.release();
  }
  const read = performance.now();
  const fileRules = session.ruleTime;
  const model = builder.finish();
  const index = new ModelIndex(model);
  // Every Service is resolved here, once, rather than by whichever rule asks first: the default
  // rules ask for all of them anyway, and TIMING then charges resolution to its own phase.
  for (const service of model.services) index.resolver.resolve(service);
  for (const { service, error } of index.resolver.failures) failed('while resolving')(`${service.ref.displayName} in ${service.ref.file.path}`, error);
  const indexed = performance.now();
  session.visitModel(model, index);
  const crossChecked = performance.now();
  const diagnostics = session.findings.flatMap((finding) => {
    try {
      return [toDiagnostic(finding)];
    } catch (error) {
      failed('while locating a finding of rule')(`${finding.ruleId} in ${finding.at.file.path}`, error);
      return [];
    }
  });
  const severityOf = (rule: Rule) => options.severities.get(rule.meta.id) ?? rule.meta.severity;
  const { kept, unused } = applySuppressions(session.findings, diagnostics, model.files, model.objects, {
    severity: options.severities.get(UNUSED_SUPPRESSION) ?? rules.find((r) => r.meta.id === UNUSED_SUPPRESSION)?.meta.severity ?? 'off',
    enabled: new Set(rules.filter((r) => severityOf(r) !== 'off').map((r) => r.meta.id)),
    known: new Set(rules.map((r) => r.meta.id)),
  });
  const reported = mergeEnvironments([...kept, ...unused]);
  // (`--render`) rendered output is no file of the user's: its findings are in the author's files
  const files = model.files.filter((file) => !file.rendering);
  const results = groupByFile(files, options.quiet ? reported.filter((d) => d.severity === 2) : reported);
  const positioned = performance.now();
  const timings: Timings | undefined = session.timings && {
    phases: [
      ['read and parse files, build views', read - started - fileRules],
      ['per-file rules', fileRules],
      ['index, resolve Services', indexed - read],
      ['cross-object rules', crossChecked - indexed],
      ['positions, suppressions and results', positioned - crossChecked],
    ],
    rules: session.timings,
  };
  const ruleFailures = session.failures.map((f: RuleFailure): InternalFailure => ({ during: `in rule ${f.ruleId} on`, subject: f.subject, error: f.error }));
  return { model, index, results, failures: [...failures, ...ruleFailures], ...(timings ? { timings } : {}) };
}
