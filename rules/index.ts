/** Every rule, in the order `k8s-svc-lint rules` lists them. Adding a rule means adding it here. */
import type { Rule } from '../src/engine/rule.js';
import apiVersionKind from './api-version-kind.js';
import containerPortInvalid from './container-port-invalid.js';
import destinationruleNoMatch from './destinationrule-no-match.js';
import fileUnreadable from './file-unreadable.js';
import gatewayBackendNoMatch from './gateway-backend-no-match.js';
import gatewayBackendNotGranted from './gateway-backend-not-granted.js';
import gatewayParentNoMatch from './gateway-parent-no-match.js';
import hpaTargetMissing from './hpa-target-missing.js';
import ingressBackendNoMatch from './ingress-backend-no-match.js';
import ingressInvalid from './ingress-invalid.js';
import labelSyntax from './label-syntax.js';
import manifestInvalid from './manifest-invalid.js';
import manifestSchema from './manifest-schema.js';
import networkpolicySelectorNoMatch from './networkpolicy-selector-no-match.js';
import pdbSelectorNoMatch from './pdb-selector-no-match.js';
import podmonitorNoMatch from './podmonitor-no-match.js';
import probeInvalid from './probe-invalid.js';
import probePortNoMatch from './probe-port-no-match.js';
import renderFailed from './render-failed.js';
import restartPolicyInvalid from './restart-policy-invalid.js';
import rolloutServiceNoMatch from './rollout-service-no-match.js';
import scaledobjectTargetMissing from './scaledobject-target-missing.js';
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
import servicemonitorNoMatch from './servicemonitor-no-match.js';
import serviceTypeInvalid from './service-type-invalid.js';
import statefulsetServiceName from './statefulset-service-name.js';
import unusedSuppression from './unused-suppression.js';
import virtualserviceDestinationNoMatch from './virtualservice-destination-no-match.js';
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
  // the Service graph of custom resources: Gateway API, Prometheus Operator, Istio, Argo Rollouts, KEDA
  gatewayBackendNoMatch,
  gatewayBackendNotGranted,
  gatewayParentNoMatch,
  servicemonitorNoMatch,
  podmonitorNoMatch,
  virtualserviceDestinationNoMatch,
  destinationruleNoMatch,
  rolloutServiceNoMatch,
  scaledobjectTargetMissing,
  // suppressions
  unusedSuppression,
];
