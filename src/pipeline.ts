/**
 * One run: files are read one at a time and their objects handed to the per-file rules, then
 * the index is built and every Service resolved, the cross-object rules run, then findings get
 * positions. No I/O here beyond iterating `sources`.
 *
 * The same steps serve the language server, kept by an Analyzer: each file's part of the model
 * and its per-file findings are kept apart, so a changed file is read and checked alone; the
 * model is assembled again, the index built and the cross-object rules run over all of it.
 */
import type { Rule, RuleSettings, Severity } from './engine/rule.js';
import { RuleSession, type FileFindings, type Finding, type RuleFailure } from './engine/run.js';
import { ModelIndex } from './index/index.js';
import type { SourceFile } from './load/source.js';
import { ModelBuilder, type Model } from './model/model.js';
import { mergeEnvironments, toDiagnostic, type Diagnostic } from './report/diagnostic.js';
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
  const analyzer = new Analyzer(rules, options);
  const started = performance.now();
  for (const file of sources) analyzer.setFile(file);
  return analyzer.run(performance.now() - started);
}

/** One file's per-file findings, with their positions once found. */
interface FileState {
  readonly found: FileFindings;
  /** Objects of the file whose views could not be built. */
  readonly readFailures: readonly InternalFailure[];
  /** The findings located, once asked for. */
  located?: Located;
  /** Findings that could not be located (with `located`). */
  locateFailures?: InternalFailure[];
}

/**
 * An analysis kept across changes: files are set (added, or replaced when their path was set
 * before) and deleted one at a time, each read and checked by the per-file rules alone; `run`
 * gives the analysis of the files set by then. The CLI sets every file once, then runs.
 */
export class Analyzer {
  private readonly builder: ModelBuilder;
  /** The per-file rules (phase 1): created once, they keep nothing between files. */
  private readonly fileRules: RuleSession;
  private readonly files = new Map<string, FileState>();
  /** The index of the last run: what did not change is taken over from it. */
  private lastIndex?: ModelIndex;

  constructor(
    private readonly rules: readonly Rule[],
    private readonly options: AnalysisOptions,
  ) {
    this.builder = new ModelBuilder({ namespace: options.namespace, clusterDomain: options.clusterDomain });
    this.fileRules = new RuleSession(rules, options.severities, options, options.timing);
  }

  /**
   * Reads a file into the model and runs the per-file rules on it; its parsed values are
   * released. A file of a path set before takes its place; a new one comes last.
   */
  setFile(file: SourceFile): void {
    const readFailures: InternalFailure[] = [];
    const objects = this.builder.add(file, (subject, error) => readFailures.push({ during: 'while reading', subject, error }));
    const found = this.fileRules.visitFile(file, objects);
    file.release();
    this.files.set(file.path, { found, readFailures });
  }

  /** Puts the files in path order, as a walk of their folder gives them (after files were added later). */
  sortFiles(): void {
    this.builder.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  deleteFile(path: string): void {
    this.builder.remove(path);
    this.files.delete(path);
  }

  /** The analysis of the files set so far (`readMs`: how long reading them took, for TIMING). */
  run(readMs = 0): Analysis {
    const { options, rules } = this;
    const started = performance.now();
    const failures: InternalFailure[] = [];
    const model = this.builder.finish();
    const index = new ModelIndex(model, this.lastIndex && { index: this.lastIndex, changes: this.builder.changes });
    this.lastIndex = index;
    // Every Service is resolved here, once, rather than by whichever rule asks first: the default
    // rules ask for all of them anyway, and TIMING then charges resolution to its own phase.
    for (const service of model.services) index.resolver.resolve(service);
    const resolveFailures = index.resolver.failures.map(
      ({ service, error }): InternalFailure => ({ during: 'while resolving', subject: `${service.ref.displayName} in ${service.ref.file.path}`, error }),
    );
    const indexed = performance.now();
    // the cross-object rules, created afresh: they may collect across items for their end
    const session = new RuleSession(rules, options.severities, options, options.timing);
    session.visitModel(model, index);
    const crossChecked = performance.now();
    const findings: Finding[] = [];
    const diagnostics: Diagnostic[] = [];
    const ruleFailures: RuleFailure[] = [];
    for (const path of this.builder.paths()) {
      const state = this.files.get(path)!;
      // a file's own findings keep their positions while it is unchanged
      if (!state.located) {
        state.locateFailures = [];
        state.located = locate(state.found.findings, state.locateFailures);
      }
      failures.push(...state.readFailures);
      findings.push(...state.located.findings);
      diagnostics.push(...state.located.diagnostics);
      ruleFailures.push(...state.found.failures);
    }
    failures.push(...resolveFailures);
    for (const path of this.builder.paths()) failures.push(...this.files.get(path)!.locateFailures!);
    const crossObject = locate(session.findings, failures);
    findings.push(...crossObject.findings);
    diagnostics.push(...crossObject.diagnostics);
    ruleFailures.push(...session.failures);
    const severityOf = (rule: Rule) => options.severities.get(rule.meta.id) ?? rule.meta.severity;
    const { kept, unused } = applySuppressions(findings, diagnostics, model.files, model.objects, {
      severity: options.severities.get(UNUSED_SUPPRESSION) ?? rules.find((r) => r.meta.id === UNUSED_SUPPRESSION)?.meta.severity ?? 'off',
      enabled: new Set(rules.filter((r) => severityOf(r) !== 'off').map((r) => r.meta.id)),
      known: new Set(rules.map((r) => r.meta.id)),
    });
    const reported = mergeEnvironments([...kept, ...unused]);
    // (`--render`) rendered output is no file of the user's: its findings are in the author's files
    const files = model.files.filter((file) => !file.rendering);
    const results = groupByFile(files, options.quiet ? reported.filter((d) => d.severity === 2) : reported);
    const positioned = performance.now();
    const fileRules = this.fileRules.ruleTime;
    const timings: Timings | undefined = this.fileRules.timings &&
      session.timings && {
        phases: [
          ['read and parse files, build views', readMs - fileRules],
          ['per-file rules', fileRules],
          ['index, resolve Services', indexed - started],
          ['cross-object rules', crossChecked - indexed],
          ['positions, suppressions and results', positioned - crossChecked],
        ],
        rules: addTimings(this.fileRules.timings, session.timings),
      };
    failures.push(...ruleFailures.map((f): InternalFailure => ({ during: `in rule ${f.ruleId} on`, subject: f.subject, error: f.error })));
    return { model, index, results, failures, ...(timings ? { timings } : {}) };
  }
}

/** Findings with their positions, item for item. */
interface Located {
  readonly findings: Finding[];
  readonly diagnostics: Diagnostic[];
}

/** The findings' positions; a finding that cannot be located (a defect of this tool) is a failure instead. */
function locate(findings: readonly Finding[], failures: InternalFailure[]): Located {
  const located: Located = { findings: [], diagnostics: [] };
  for (const finding of findings) {
    try {
      located.diagnostics.push(toDiagnostic(finding));
      located.findings.push(finding);
    } catch (error) {
      failures.push({ during: 'while locating a finding of rule', subject: `${finding.ruleId} in ${finding.at.file.path}`, error });
    }
  }
  return located;
}

function addTimings(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const sum = new Map(a);
  for (const [id, ms] of b) sum.set(id, (sum.get(id) ?? 0) + ms);
  return sum;
}
