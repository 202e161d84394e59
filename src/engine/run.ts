/** Runs the enabled rules in their two phases (see rule.ts). Pure: no I/O. */
import type { ModelIndex } from '../index/index.js';
import { SourceFile } from '../load/source.js';
import type { FileObjects, Model } from '../model/model.js';
import { Manifest, ObjectRef, type NodeRef } from '../model/object.js';
import { restsOnPlaceholder } from '../model/placeholders.js';
import type { RelatedReport, Report, Rule, RuleContext, RuleSettings, Severity, Suggestion, Visitors } from './rule.js';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Exclude<Severity, 'off'>;
  readonly message: string;
  readonly at: NodeRef;
  /** The object the finding is about (its ignore annotation may suppress the finding). */
  readonly object?: ObjectRef;
  /** At most MAX_RELATED, the first by file and place (many copies of a tree would give thousands). */
  readonly related: readonly RelatedReport[];
  /** How many related locations were left out (reported as "and N more"). */
  readonly relatedOmitted: number;
  /** Fixes offered for it ("did you mean"). */
  readonly suggest?: readonly Suggestion[];
}

/** What the per-file rules found in one file. */
export interface FileFindings {
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
}

/** Related locations a finding lists at most. */
export const MAX_RELATED = 10;

/** A rule that threw: reported on stderr, and the run exits 2 after all other output. */
export interface RuleFailure {
  readonly ruleId: string;
  /** What it was looking at, e.g. `Service/web in k8s/web.yaml`. */
  readonly subject: string;
  readonly error: unknown;
}

interface ActiveRule {
  readonly id: string;
  readonly visitors: Visitors;
}

interface BoundVisitor {
  readonly id: string;
  readonly call: (item: unknown, second: unknown) => void;
}

export class RuleSession {
  readonly findings: Finding[] = [];
  readonly failures: RuleFailure[] = [];
  private readonly active: ActiveRule[] = [];
  private readonly byVisitor = new Map<keyof Visitors, readonly BoundVisitor[]>();
  private model?: Model;
  private index?: ModelIndex;
  /** The file being read holds template placeholders: findings must not rest on them. */
  private placeholders = false;

  /** Milliseconds spent in each rule, when timing was asked for (`TIMING=1`). */
  readonly timings?: Map<string, number>;

  constructor(rules: readonly Rule[], severities: ReadonlyMap<string, Severity>, settings: RuleSettings, timing = false) {
    if (timing) this.timings = new Map();
    const session = this;
    for (const rule of rules) {
      const severity = severities.get(rule.meta.id) ?? rule.meta.severity;
      if (severity === 'off') continue;
      const id = rule.meta.id;
      const context: RuleContext = {
        settings,
        get model() {
          return session.secondPhase(id).model;
        },
        get index() {
          return session.secondPhase(id).index;
        },
        report(report: Report) {
          if (session.placeholders && session.restsOnPlaceholder(report.at)) return;
          const related = report.related ?? [];
          session.findings.push({
            ruleId: id,
            severity: report.warning ? 'warn' : severity,
            message: report.message,
            at: report.at,
            ...(report.object ? { object: report.object } : {}),
            related: related.length > MAX_RELATED ? firstRelated(related) : related,
            relatedOmitted: Math.max(0, (report.relatedCount ?? related.length) - Math.min(related.length, MAX_RELATED)),
            ...(report.suggest && report.suggest.length > 0 ? { suggest: report.suggest } : {}),
          });
        },
      };
      try {
        this.active.push({ id, visitors: rule.create(context) });
      } catch (error) {
        this.failures.push({ ruleId: id, subject: 'its set-up', error });
      }
    }
  }

  private secondPhase(ruleId: string): { model: Model; index: ModelIndex } {
    if (!this.model || !this.index) throw new Error(`rule ${ruleId} used the model or index before every file was read`);
    return { model: this.model, index: this.index };
  }

  /**
   * Phase 1: one file, with its objects' parsed values. Its findings (and rules that threw on
   * it) are handed back, not kept: a file's are replaced alone when it changes (the language
   * server), so phase-1 visitors keep nothing from one file to the next.
   */
  visitFile(file: SourceFile, { manifests, objects, placeholders }: FileObjects): FileFindings {
    const findings = this.findings.length;
    const failures = this.failures.length;
    this.placeholders = placeholders;
    this.visit('file', file);
    for (const error of file.errors) this.visit('syntaxError', file, error);
    for (const warning of file.warnings) this.visit('syntaxError', file, warning);
    for (const manifest of manifests) this.visit('manifest', manifest);
    for (const object of objects) this.visit('object', object);
    this.placeholders = false;
    return { findings: this.findings.splice(findings), failures: this.failures.splice(failures) };
  }

  /** Whether a finding of the first phase points at a placeholder value or key (`${VAR}`, `{{ }}`). */
  private restsOnPlaceholder(at: NodeRef): boolean {
    if (!('path' in at)) return false;
    const document = at.file.documents[at.docIndex]?.value;
    return restsOnPlaceholder(document, at.path, at.target);
  }

  /** Phase 2: every object's views, with the index. */
  visitModel(model: Model, index: ModelIndex): void {
    this.model = model;
    this.index = index;
    for (const service of model.services) this.visit('service', service);
    for (const source of model.podSources) this.visit('podSource', source);
    for (const ingress of model.ingresses) this.visit('ingress', ingress);
    for (const policy of model.networkPolicies) this.visit('networkPolicy', policy);
    for (const budget of model.podDisruptionBudgets) this.visit('podDisruptionBudget', budget);
    for (const autoscaler of model.horizontalPodAutoscalers) this.visit('horizontalPodAutoscaler', autoscaler);
    for (const route of model.routes) this.visit('route', route);
    for (const monitor of model.serviceMonitors) this.visit('serviceMonitor', monitor);
    for (const monitor of model.podMonitors) this.visit('podMonitor', monitor);
    for (const virtualService of model.virtualServices) this.visit('virtualService', virtualService);
    for (const rule of model.destinationRules) this.visit('destinationRule', rule);
    for (const rollout of model.rollouts) this.visit('rollout', rollout);
    for (const scaledObject of model.scaledObjects) this.visit('scaledObject', scaledObject);
    this.visit('end', undefined);
  }

  /** The visitors of that name of the active rules, bound (listed once per name). */
  private rulesWith(name: keyof Visitors): readonly BoundVisitor[] {
    let list = this.byVisitor.get(name);
    if (!list) {
      list = this.active.flatMap(({ id, visitors }) => {
        const visitor = visitors[name] as ((a: unknown, b: unknown) => void) | undefined;
        return visitor ? [{ id, call: visitor.bind(visitors) }] : [];
      });
      this.byVisitor.set(name, list);
    }
    return list;
  }

  /** Calls one visitor of every active rule on an item, isolating failures. */
  private visit(name: keyof Visitors, item: unknown, second?: unknown): void {
    const timings = this.timings;
    for (const { id, call } of this.rulesWith(name)) {
      const started = timings ? performance.now() : 0;
      try {
        call(item, second);
      } catch (error) {
        this.failures.push({ ruleId: id, subject: describeSubject(item), error });
      }
      if (timings) timings.set(id, (timings.get(id) ?? 0) + performance.now() - started);
    }
  }

  /** Total time in rules so far (when timing). */
  get ruleTime(): number {
    let total = 0;
    for (const ms of this.timings?.values() ?? []) total += ms;
    return total;
  }
}

/** The first MAX_RELATED related locations by message, then file and place: the same ones whatever the order of the input. */
function firstRelated(related: readonly RelatedReport[]): RelatedReport[] {
  return [...related].sort((a, b) => compareText(a.message, b.message) || compareRefs(a.at, b.at)).slice(0, MAX_RELATED);
}

function compareRefs(a: NodeRef, b: NodeRef): number {
  const byFile = compareText(a.file.path, b.file.path);
  if (byFile !== 0) return byFile;
  if ('span' in a || 'span' in b) return ('span' in a ? a.span.start : -1) - ('span' in b ? b.span.start : -1);
  if (a.docIndex !== b.docIndex) return a.docIndex - b.docIndex;
  for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) {
    const x = a.path[i]!;
    const y = b.path[i]!;
    if (x === y) continue;
    return typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
  }
  return a.path.length - b.path.length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a visitor was looking at, for the message of a rule that threw. */
function describeSubject(item: unknown): string {
  if (item === undefined) return 'the end of the run';
  const ref = (item as { ref?: ObjectRef }).ref ?? item;
  if (ref instanceof ObjectRef) return `${ref.displayName} in ${ref.file.path}`;
  if (item instanceof SourceFile) return item.path;
  if (item instanceof Manifest) return `a manifest in ${item.file.path}`;
  return 'an item';
}
