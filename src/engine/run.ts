/** Runs the enabled rules over the model: pure, no I/O. */
import type { ModelIndex } from '../index/index.js';
import type { Model } from '../model/model.js';
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

export interface RunResult {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
}

export function runRules(
  rules: readonly Rule[],
  severities: ReadonlyMap<string, Severity>,
  model: Model,
  index: ModelIndex,
  settings: RuleSettings,
): RunResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const active: { id: string; visitors: Visitors }[] = [];
  for (const rule of rules) {
    const severity = severities.get(rule.meta.id) ?? rule.meta.severity;
    if (severity === 'off') continue;
    const context: RuleContext = {
      model,
      index,
      settings,
      report(report: Report) {
        findings.push({
          ruleId: rule.meta.id,
          severity: report.warning ? 'warn' : severity,
          message: report.message,
          at: report.at,
          ...(report.object ? { object: report.object.id } : {}),
          related: report.related ?? [],
        });
      },
    };
    try {
      active.push({ id: rule.meta.id, visitors: rule.create(context) });
    } catch (error) {
      failures.push({ ruleId: rule.meta.id, subject: 'its set-up', error });
    }
  }

  /** Calls one visitor of every active rule on an item, isolating failures. */
  const visit = <K extends keyof Visitors>(name: K, subject: () => string, ...args: Parameters<NonNullable<Visitors[K]>>) => {
    for (const { id, visitors } of active) {
      const visitor = visitors[name] as ((...a: typeof args) => void) | undefined;
      if (!visitor) continue;
      try {
        visitor(...args);
      } catch (error) {
        failures.push({ ruleId: id, subject: subject(), error });
      }
    }
  };

  for (const file of model.files) {
    for (const error of file.errors) visit('syntaxError', () => file.path, file, error);
  }
  for (const manifest of model.manifests) visit('manifest', () => `a manifest in ${manifest.file.path}`, manifest);
  for (const object of model.objects) visit('object', () => `${object.displayName} in ${object.file.path}`, object);
  for (const service of model.services) visit('service', () => `Service/${service.name} in ${service.object.file.path}`, service);
  for (const source of model.podSources) visit('podSource', () => `${source.object.displayName} in ${source.object.file.path}`, source);
  visit('end', () => 'the end of the run');
  return { findings, failures };
}
