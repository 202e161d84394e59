/**
 * What a rule is: metadata plus `create(context)` returning visitors, ESLint style. The engine
 * walks the model once and calls each rule's visitor for every item of that sort, so no rule
 * scans the whole model on its own; cross-object questions go to the index in `context`.
 */
import type { SyntaxError } from '../load/document.js';
import type { SourceFile } from '../load/source.js';
import type { ModelIndex } from '../index/index.js';
import type { Model } from '../model/model.js';
import type { K8sObject, Manifest, NodeRef } from '../model/object.js';
import type { PodSource } from '../model/pod-source.js';
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
}

export interface RelatedReport {
  readonly at: NodeRef;
  readonly message: string;
}

export interface Report {
  readonly at: NodeRef;
  readonly message: string;
  /** The object the finding is about (shown in JSON and SARIF). */
  readonly object?: K8sObject;
  readonly related?: readonly RelatedReport[];
  /** A milder finding of the rule: a warning even when the rule is set to error. */
  readonly warning?: boolean;
}

export interface RuleContext {
  readonly model: Model;
  readonly index: ModelIndex;
  readonly settings: RuleSettings;
  report(report: Report): void;
}

export interface Visitors {
  syntaxError?(file: SourceFile, error: SyntaxError): void;
  manifest?(manifest: Manifest): void;
  object?(object: K8sObject): void;
  service?(service: ServiceView): void;
  podSource?(source: PodSource): void;
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
