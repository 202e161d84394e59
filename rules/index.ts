/** Every rule, in the order `k8s-svc-lint rules` lists them. Adding a rule means adding it here. */
import type { Rule } from '../src/engine/rule.js';
import apiVersionKind from './api-version-kind.js';
import manifestInvalid from './manifest-invalid.js';
import serviceNodePortRange from './service-node-port-range.js';
import serviceSelectorNoMatch from './service-selector-no-match.js';
import serviceTargetPortNoMatch from './service-target-port-no-match.js';
import serviceTargetPortUndeclared from './service-target-port-undeclared.js';
import yamlSyntax from './yaml-syntax.js';

export const RULES: readonly Rule[] = [
  yamlSyntax,
  manifestInvalid,
  apiVersionKind,
  serviceSelectorNoMatch,
  serviceTargetPortNoMatch,
  serviceTargetPortUndeclared,
  serviceNodePortRange,
];
