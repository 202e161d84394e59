/**
 * What a rule is: metadata plus `create(context)` returning visitors, ESLint style. The engine
 * calls them in two phases:
 *
 * 1. while each file is read: `syntaxError`, `manifest` and `object` see one file's objects
 *    with their parsed values (schema, naming, per-object consistency). They keep nothing from
 *    one file to the next: the language server visits a changed file again on its own;
 * 2. once every file is read: `service`, `podSource`, `ingress`… and `end` see the compact
 *    views of all objects, and `context.index` answers cross-object questions (selectors,
 *    references). Each run of this phase has rules created afresh, so they may collect
 *    across items for `end`.
 *
 * Every item is visited once, so no rule scans the whole model on its own.
 */
import type { SyntaxError } from '../load/document.js';
import type { SourceFile } from '../load/source.js';
import type { ModelIndex } from '../index/index.js';
import type { Model } from '../model/model.js';
import type { K8sObject, Manifest, NodeRef, ObjectRef } from '../model/object.js';
import type { RouteView } from '../model/gateway-api.js';
import type { IngressView } from '../model/ingress.js';
import type { DestinationRuleView, VirtualServiceView } from '../model/istio.js';
import type { ScaledObjectView } from '../model/keda.js';
import type { PodMonitorView, ServiceMonitorView } from '../model/monitors.js';
import type { PodSource } from '../model/pod-source.js';
import type { HorizontalPodAutoscalerView, NetworkPolicyView, PodDisruptionBudgetView } from '../model/policy.js';
import type { RolloutView } from '../model/rollouts.js';
import type { ServiceView } from '../model/service.js';

export type Severity = 'error' | 'warn' | 'off';

export interface RuleMeta {
  /** Permanent id: also the name of the rule's file, doc and fixture folder. */
  readonly id: string;
  readonly severity: Severity;
  /** One line, shown by `k8s-svc-lint rules` and in SARIF. */
  readonly description: string;
}

/** Settings every rule may read (from options and config). */
export interface RuleSettings {
  /** `--kube-version` as its minor number (1.34 → 34). */
  readonly kubeMinor: number;
  readonly nodePortRange: { readonly min: number; readonly max: number };
  /** No fast paths: every object goes through the ajv validators (see src/load/parse.ts). */
  readonly precise?: boolean;
}

export interface RelatedReport {
  readonly at: NodeRef;
  readonly message: string;
}

/**
 * A change that fixes a finding, as a "did you mean" names it: the text `from`, written inside
 * the value (or key) at `at`, replaced with `to`. Editors offer it as a quick fix.
 */
export interface Suggestion {
  readonly at: NodeRef;
  readonly from: string;
  readonly to: string;
}

export interface Report {
  readonly at: NodeRef;
  readonly message: string;
  /** The object the finding is about (shown in JSON and SARIF). */
  readonly object?: ObjectRef;
  readonly related?: readonly RelatedReport[];
  /**
   * How many related locations there are in all, when `related` lists only the first of them
   * (a rule that would otherwise build thousands per finding); "and N more" tells the rest.
   */
  readonly relatedCount?: number;
  /** A milder finding of the rule: a warning even when the rule is set to error. */
  readonly warning?: boolean;
  /** Fixes the user may apply ("did you mean"), offered by editors. */
  readonly suggest?: readonly Suggestion[];
}

export interface RuleContext {
  readonly settings: RuleSettings;
  /** Every object's views; only in the second phase (reading it earlier throws). */
  readonly model: Model;
  /** Label index, resolver and lookups by name; only in the second phase. */
  readonly index: ModelIndex;
  report(report: Report): void;
}

export interface Visitors {
  // phase 1, while the file is read
  file?(file: SourceFile): void;
  /** Errors, and warnings (`error.warning`) such as an unknown tag. */
  syntaxError?(file: SourceFile, error: SyntaxError): void;
  manifest?(manifest: Manifest): void;
  object?(object: K8sObject): void;
  // phase 2, over all objects
  service?(service: ServiceView): void;
  podSource?(source: PodSource): void;
  ingress?(ingress: IngressView): void;
  networkPolicy?(policy: NetworkPolicyView): void;
  podDisruptionBudget?(budget: PodDisruptionBudgetView): void;
  horizontalPodAutoscaler?(autoscaler: HorizontalPodAutoscalerView): void;
  /** Gateway API HTTPRoutes, GRPCRoutes, TCPRoutes, TLSRoutes and UDPRoutes. */
  route?(route: RouteView): void;
  serviceMonitor?(monitor: ServiceMonitorView): void;
  podMonitor?(monitor: PodMonitorView): void;
  virtualService?(virtualService: VirtualServiceView): void;
  destinationRule?(rule: DestinationRuleView): void;
  rollout?(rollout: RolloutView): void;
  scaledObject?(scaledObject: ScaledObjectView): void;
  /** After every item was visited. */
  end?(): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  create(context: RuleContext): Visitors;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** A report's `suggest` for a "did you mean": `from`, written at `at`, replaced with `to` (none without `to`). */
export function didYouMean(at: NodeRef, from: string, to: string | undefined): Pick<Report, 'suggest'> {
  return to === undefined ? {} : { suggest: [{ at, from, to }] };
}
