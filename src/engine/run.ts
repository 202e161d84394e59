/** Runs the enabled rules in their two phases (see rule.ts). Pure: no I/O. */
import type { ModelIndex } from '../index/index.js';
import type { SourceFile } from '../load/source.js';
import type { FileObjects, Model } from '../model/model.js';
import type { NodeRef, ObjectId } from '../model/object.js';
import type { RelatedReport, Report, Rule, RuleContext, RuleSettings, Severity, Visitors } from './rule.js';

export interface Finding {
  readonly ruleId: string;
  readonly severity: Exclude<Severity, 'off'>;
  readonly message: string;
  readonly at: NodeRef;
  readonly object?: ObjectId;
  readonly related: readonly RelatedReport[];
}

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

export class RuleSession {
  readonly findings: Finding[] = [];
  readonly failures: RuleFailure[] = [];
  private readonly active: ActiveRule[] = [];
  private model?: Model;
  private index?: ModelIndex;

  constructor(rules: readonly Rule[], severities: ReadonlyMap<string, Severity>, settings: RuleSettings) {
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
          session.findings.push({
            ruleId: id,
            severity: report.warning ? 'warn' : severity,
            message: report.message,
            at: report.at,
            ...(report.object ? { object: report.object.id } : {}),
            related: report.related ?? [],
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

  /** Phase 1: one file, with its objects' parsed values. */
  visitFile(file: SourceFile, { manifests, objects }: FileObjects): void {
    for (const error of file.errors) this.visit('syntaxError', () => file.path, file, error);
    for (const manifest of manifests) this.visit('manifest', () => `a manifest in ${file.path}`, manifest);
    for (const object of objects) this.visit('object', () => `${object.displayName} in ${file.path}`, object);
  }

  /** Phase 2: every object's views, with the index. */
  visitModel(model: Model, index: ModelIndex): void {
    this.model = model;
    this.index = index;
    for (const service of model.services) this.visit('service', () => `Service/${service.name} in ${service.ref.file.path}`, service);
    const where = (ref: { displayName: string; file: { path: string } }) => () => `${ref.displayName} in ${ref.file.path}`;
    for (const source of model.podSources) this.visit('podSource', where(source.ref), source);
    for (const ingress of model.ingresses) this.visit('ingress', where(ingress.ref), ingress);
    for (const policy of model.networkPolicies) this.visit('networkPolicy', where(policy.ref), policy);
    for (const budget of model.podDisruptionBudgets) this.visit('podDisruptionBudget', where(budget.ref), budget);
    for (const autoscaler of model.horizontalPodAutoscalers) this.visit('horizontalPodAutoscaler', where(autoscaler.ref), autoscaler);
    this.visit('end', () => 'the end of the run');
  }

  /** Calls one visitor of every active rule on an item, isolating failures. */
  private visit<K extends keyof Visitors>(name: K, subject: () => string, ...args: Parameters<NonNullable<Visitors[K]>>): void {
    for (const { id, visitors } of this.active) {
      const visitor = visitors[name] as ((...a: typeof args) => void) | undefined;
      if (!visitor) continue;
      try {
        visitor.apply(visitors, args);
      } catch (error) {
        this.failures.push({ ruleId: id, subject: subject(), error });
      }
    }
  }
}
