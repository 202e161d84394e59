/** Every rule, in the order `k8s-svc-lint rules` lists them. Adding a rule means adding it here. */
import type { Rule } from '../src/engine/rule.js';
import apiVersionKind from './api-version-kind.js';
import containerPortInvalid from './container-port-invalid.js';
import fileUnreadable from './file-unreadable.js';
import hpaTargetMissing from './hpa-target-missing.js';
import ingressBackendNoMatch from './ingress-backend-no-match.js';
import ingressInvalid from './ingress-invalid.js';
import labelSyntax from './label-syntax.js';
import manifestInvalid from './manifest-invalid.js';
import manifestSchema from './manifest-schema.js';
import networkpolicySelectorNoMatch from './networkpolicy-selector-no-match.js';
import pdbSelectorNoMatch from './pdb-selector-no-match.js';
import probeInvalid from './probe-invalid.js';
import probePortNoMatch from './probe-port-no-match.js';
import renderFailed from './render-failed.js';
import restartPolicyInvalid from './restart-policy-invalid.js';
import serviceBackendNoReadinessProbe from './service-backend-no-readiness-probe.js';
import serviceNodePortConflict from './service-node-port-conflict.js';
import serviceNodePortRange from './service-node-port-range.js';
import serviceNodePortType from './service-node-port-type.js';
import serviceIpInvalid from './service-ip-invalid.js';
import servicePortInvalid from './service-port-invalid.js';
import serviceReferenceUnknown from './service-reference-unknown.js';
import serviceSelectorMissing from './service-selector-missing.js';
import serviceSelectorNoMatch from './service-selector-no-match.js';
import serviceTargetPortNoMatch from './service-target-port-no-match.js';
import serviceTargetPortUndeclared from './service-target-port-undeclared.js';
import serviceTypeInvalid from './service-type-invalid.js';
import statefulsetServiceName from './statefulset-service-name.js';
import unusedSuppression from './unused-suppression.js';
import workloadSelectorMismatch from './workload-selector-mismatch.js';
import yamlSyntax from './yaml-syntax.js';

export const RULES: readonly Rule[] = [
  // files and objects
  fileUnreadable,
  yamlSyntax,
  renderFailed,
  manifestInvalid,
  apiVersionKind,
  manifestSchema,
  labelSyntax,
  // Services
  serviceSelectorNoMatch,
  serviceSelectorMissing,
  serviceTargetPortNoMatch,
  serviceTargetPortUndeclared,
  servicePortInvalid,
  serviceTypeInvalid,
  serviceIpInvalid,
  serviceNodePortRange,
  serviceNodePortType,
  serviceNodePortConflict,
  // workloads
  workloadSelectorMismatch,
  restartPolicyInvalid,
  containerPortInvalid,
  // readiness: which pods get traffic
  probePortNoMatch,
  probeInvalid,
  serviceBackendNoReadinessProbe,
  // objects that point at Services and pods
  ingressInvalid,
  ingressBackendNoMatch,
  statefulsetServiceName,
  networkpolicySelectorNoMatch,
  pdbSelectorNoMatch,
  hpaTargetMissing,
  serviceReferenceUnknown,
  // suppressions
  unusedSuppression,
];
