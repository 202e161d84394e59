/**
 * The generated schemas (schemas/kubernetes.json and the compiled validators) against facts of
 * the Kubernetes OpenAPI spec (release 1.36, api/openapi-spec/swagger.json) and of the API
 * server's validation, for the types a schema generator most often gets wrong: webhook rules,
 * roleRef, IntOrString, Quantity, free-form and embedded JSON, the CRD schema extensions and
 * unions, timestamps, null, and fields newer than Kubernetes 1.30.
 */
import { describe, expect, test } from 'vitest';
import { conforms } from '../src/schema/conformance.js';
import { schemaGroup, schemaMinor } from '../src/schema/definitions.js';
import { unknownFieldIsWrong } from '../src/schema/fields.js';
import { schemaSource, validatorFor } from '../src/schema/validators.js';

type Manifest = Record<string, unknown> & { apiVersion: string; kind: string };

/** ajv's verdict, after checking that the quick walker gives the same one. */
function valid(object: Manifest): boolean {
  const validate = validatorFor(object.apiVersion, object.kind);
  if (!validate) throw new Error(`no validator for ${object.apiVersion} ${object.kind}`);
  const verdict = validate(object);
  expect(conforms(object.apiVersion, object.kind, object), 'the quick walker agrees with ajv').toBe(verdict);
  return verdict;
}

function errorsOf(object: Manifest): string[] {
  const validate = validatorFor(object.apiVersion, object.kind)!;
  validate(object);
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
}

function fieldsOf(apiVersion: string, definition: string): string[] {
  const schema = schemaGroup(apiVersion)?.definitions[definition];
  if (!schema) throw new Error(`no definition ${definition} in ${apiVersion}`);
  return Object.keys(schema.properties ?? {}).sort();
}

function requiredOf(apiVersion: string, definition: string): string[] {
  return [...(schemaGroup(apiVersion)?.definitions[definition]?.required ?? [])].sort();
}

const pod = (spec: Record<string, unknown>): Manifest => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } });
const container = (fields: Record<string, unknown>): Manifest => pod({ containers: [{ name: 'c', image: 'i', ...fields }] });

describe('the schemas describe the newest Kubernetes release the tool knows', () => {
  test('Kubernetes 1.36, from the pinned official client', () => {
    expect(schemaSource().kubernetesVersion).toBe('1.36');
    expect(schemaMinor()).toBe(36);
    expect(schemaSource().source).toMatch(/^@kubernetes\/client-node@\d+\.\d+\.\d+$/);
  });
});

describe('fields, exactly as the OpenAPI spec lists them', () => {
  const facts: [string, string, string[], string[]][] = [
    // [group/version, definition, fields, required]
    ['admissionregistration.k8s.io/v1', 'RuleWithOperations', ['apiGroups', 'apiVersions', 'operations', 'resources', 'scope'], []],
    ['admissionregistration.k8s.io/v1', 'NamedRuleWithOperations', ['apiGroups', 'apiVersions', 'operations', 'resourceNames', 'resources', 'scope'], []],
    ['admissionregistration.k8s.io/v1', 'ValidatingWebhook',
      ['admissionReviewVersions', 'clientConfig', 'failurePolicy', 'matchConditions', 'matchPolicy', 'name', 'namespaceSelector', 'objectSelector', 'rules', 'sideEffects', 'timeoutSeconds'],
      ['admissionReviewVersions', 'clientConfig', 'name', 'sideEffects']],
    ['admissionregistration.k8s.io/v1', 'MatchResources', ['excludeResourceRules', 'matchPolicy', 'namespaceSelector', 'objectSelector', 'resourceRules'], []],
    // apiGroup is defaulted (pkg/apis/rbac/v1/defaults.go)
    ['rbac.authorization.k8s.io/v1', 'RoleRef', ['apiGroup', 'kind', 'name'], ['kind', 'name']],
    ['rbac.authorization.k8s.io/v1', 'Subject', ['apiGroup', 'kind', 'name', 'namespace'], ['kind', 'name']],
    // resourceClaimTemplateName moved here from `source` in 1.31
    ['v1', 'PodResourceClaim', ['name', 'resourceClaimName', 'resourceClaimTemplateName'], ['name']],
    ['autoscaling/v2', 'HPAScalingRules', ['policies', 'selectPolicy', 'stabilizationWindowSeconds', 'tolerance'], []],
    // endpoints may be empty (pkg/apis/discovery/validation)
    ['discovery.k8s.io/v1', 'EndpointSlice', ['addressType', 'apiVersion', 'endpoints', 'kind', 'metadata', 'ports'], ['addressType']],
    ['v1', 'ServicePort', ['appProtocol', 'name', 'nodePort', 'port', 'protocol', 'targetPort'], ['port']],
    ['apiextensions.k8s.io/v1', 'ValidationRule', ['fieldPath', 'message', 'messageExpression', 'optionalOldSelf', 'reason', 'rule'], ['rule']],
  ];
  test.each(facts)('%s %s', (apiVersion, definition, fields, required) => {
    expect(fieldsOf(apiVersion, definition)).toEqual(fields);
    expect(requiredOf(apiVersion, definition)).toEqual(required);
  });

  test('the CRD schema extensions', () => {
    expect(fieldsOf('apiextensions.k8s.io/v1', 'JSONSchemaProps').filter((f) => f.startsWith('x-'))).toEqual([
      'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-list-map-keys', 'x-kubernetes-list-type',
      'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations',
    ]);
  });

  test('the same definition is the same in every group/version that uses it', () => {
    const seen = new Map<string, string>();
    for (const apiVersion of ['v1', 'apps/v1', 'batch/v1']) {
      for (const name of ['PodSpec', 'Container', 'ObjectMeta', 'LabelSelector']) {
        const text = JSON.stringify(schemaGroup(apiVersion)!.definitions[name]);
        if (seen.has(name)) expect(text, `${name} in ${apiVersion}`).toBe(seen.get(name));
        seen.set(name, text);
      }
    }
  });
});

describe('webhook configurations and admission policies', () => {
  const rule = { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/status'], scope: 'Namespaced' };
  const webhook = { name: 'w.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { name: 's', namespace: 'n', path: '/v' } }, rules: [rule] };
  test('rules with resources and scope are valid', () => {
    expect(valid({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' }, webhooks: [webhook] })).toBe(true);
    expect(valid({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'm' }, webhooks: [{ ...webhook, reinvocationPolicy: 'IfNeeded' }] })).toBe(true);
    expect(valid({
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' },
      spec: { matchConstraints: { resourceRules: [{ ...rule, resourceNames: ['x'] }] }, validations: [{ expression: 'true' }] },
    })).toBe(true);
  });
  test('a misspelt rule field is still unknown', () => {
    expect(errorsOf({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' }, webhooks: [{ ...webhook, rules: [{ ...rule, resource: ['pods'] }] }] }))
      .toContain('/webhooks/0/rules/0 additionalProperties {"additionalProperty":"resource"}');
  });
});

describe('roleRef', () => {
  const binding = (roleRef: Record<string, unknown>): Manifest => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'sa' }] });
  test('apiGroup may be left out: the API server defaults it', () => {
    expect(valid(binding({ kind: 'Role', name: 'r' }))).toBe(true);
    expect(valid(binding({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' }))).toBe(true);
  });
  test('kind and name may not', () => {
    expect(errorsOf(binding({ kind: 'Role' }))).toContain('/roleRef required {"missingProperty":"name"}');
  });
});

describe('IntOrString', () => {
  const service = (port: Record<string, unknown>): Manifest => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, ...port }] } });
  test.each([8080, 'http'])('targetPort, probe ports, rolling-update and budget values accept %j', (value) => {
    expect(valid(service({ targetPort: value }))).toBe(true);
    expect(valid(container({ livenessProbe: { httpGet: { port: value } }, readinessProbe: { tcpSocket: { port: value } } }))).toBe(true);
    expect(valid({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: {}, strategy: { rollingUpdate: { maxSurge: value, maxUnavailable: value } } } })).toBe(true);
    expect(valid({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b' }, spec: { minAvailable: value } })).toBe(true);
  });
  test('but not a boolean or a mapping', () => {
    expect(valid(service({ targetPort: true }))).toBe(false);
    expect(valid(service({ targetPort: {} }))).toBe(false);
  });
});

describe('Quantity', () => {
  test.each([1, 0.5, '1Gi', '500m'])('resources, emptyDir sizes, overhead and HPA tolerance accept %j', (value) => {
    expect(valid(container({ resources: { limits: { memory: value, cpu: value }, requests: { 'nvidia.com/gpu': value } } }))).toBe(true);
    expect(valid(pod({ volumes: [{ name: 'v', emptyDir: { sizeLimit: value } }], overhead: { cpu: value } }))).toBe(true);
    expect(valid({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, maxReplicas: 3, behavior: { scaleUp: { tolerance: value } } } })).toBe(true);
  });
  test('but not a boolean, a list or a mapping', () => {
    expect(valid(container({ resources: { limits: { memory: true } } }))).toBe(false);
    expect(valid(container({ resources: { limits: { memory: [] } } }))).toBe(false);
    expect(valid(container({ resources: { limits: { memory: {} } } }))).toBe(false);
  });
});

describe('free-form and embedded JSON', () => {
  test('RawExtension (ControllerRevision data) holds any object', () => {
    expect(valid({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { spec: { anything: [1, 'two', { three: null }] } } })).toBe(true);
  });
  test('managed fields hold any fieldsV1', () => {
    expect(valid({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:data': { '.': {} } } }] } })).toBe(true);
  });
  const crd = (schema: unknown): Manifest => ({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
  });
  test('CRD schemas: preserve-unknown-fields, embedded resources, int-or-string, defaults and enums of any JSON', () => {
    expect(valid(crd({
      type: 'object',
      properties: {
        spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
        limits: { type: 'object', default: { cpu: 1 }, additionalProperties: { type: 'string' } },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        ports: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] },
        labels: { type: 'object', additionalProperties: true, 'x-kubernetes-map-type': 'granular' },
      },
      'x-kubernetes-validations': [{ rule: 'self.mode != "b"', message: 'no b', reason: 'FieldValueInvalid', fieldPath: '.mode', optionalOldSelf: true }],
    }))).toBe(true);
  });
  test('a misspelt keyword inside a nested items or additionalProperties schema is still unknown', () => {
    expect(valid(crd({ type: 'object', properties: { a: { type: 'array', items: { type: 'object', propertiez: {} } } } }))).toBe(false);
    expect(valid(crd({ type: 'object', additionalProperties: { type: 'string', formatt: 'x' } }))).toBe(false);
  });
});

describe('timestamps and null', () => {
  test('timestamps are strings; null means "not set" anywhere', () => {
    expect(valid({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null, labels: null }, data: null })).toBe(true);
    expect(valid({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: '2024-01-01T00:00:00Z' } })).toBe(true);
    expect(valid(container({ resources: null, ports: null, env: [{ name: 'A', value: null }] }))).toBe(true);
  });
  test('the apiVersion and kind of an object are its own', () => {
    expect(valid({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } })).toBe(true);
    expect(validatorFor('v1', 'Pod')!({ apiVersion: 'apps/v1', kind: 'Pod', metadata: { name: 'p' } })).toBe(false);
  });
});

describe('fields newer than Kubernetes 1.30 are known', () => {
  test.each([
    ['PodResourceClaim.resourceClaimTemplateName (1.31)', pod({ resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu' }] })],
    ['PodSpec.resources (1.32)', pod({ resources: { limits: { cpu: '1' } } })],
    ['Container.restartPolicyRules (1.34)', pod({ initContainers: [{ name: 'i', image: 'i', restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }] }] })],
    ['EnvVarSource.fileKeyRef (1.34)', container({ env: [{ name: 'A', valueFrom: { fileKeyRef: { volumeName: 'v', path: 'p', key: 'k' } } }] })],
    ['PodSpec.hostnameOverride (1.34)', pod({ hostnameOverride: 'h' })],
    ['Lease strategy and preferredHolder (1.33)', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec: { strategy: 'OldestEmulationVersion', preferredHolder: 'x' } }],
    ['StatefulSet without serviceName (1.33)', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { selector: {}, template: {} } }],
  ] as [string, Manifest][])('%s', (_name, object) => {
    expect(errorsOf(object)).toEqual([]);
    expect(valid(object)).toBe(true);
  });
});

describe('"required" as the API server means it', () => {
  test.each([
    ['an EndpointSlice without endpoints', { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4' }],
    ['a probe header without a value', container({ livenessProbe: { httpGet: { port: 80, httpHeaders: [{ name: 'X-Probe' }] } } })],
    ['a zero-second sleep hook', container({ lifecycle: { preStop: { sleep: {} } } })],
    ['an iSCSI volume on LUN 0', pod({ volumes: [{ name: 'v', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage' } }] })],
    ['a status whose conditions lack type and status', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: {} }, status: { conditions: [{ reason: 'x' }] } }],
    ['a CRD version that leaves served and storage false', {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'a.b' },
      spec: { group: 'b', scope: 'Namespaced', names: { plural: 'a', kind: 'A' }, versions: [{ name: 'v1', served: true, storage: true }, { name: 'v2' }] },
    }],
  ] as [string, Manifest][])('accepts %s', (_name, object) => {
    expect(errorsOf(object)).toEqual([]);
  });
  test('rejects what validation rejects', () => {
    expect(errorsOf(container({ env: [{ value: 'x' }] }))).toContain('/spec/containers/0/env/0 required {"missingProperty":"name"}');
    expect(errorsOf({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1 })).toContain(' required {"missingProperty":"data"}');
  });
});

describe('--kube-version against the schemas\' release', () => {
  const path = ['spec', 'containers', 0];
  test('at or below it, an unknown field is wrong', () => {
    expect(unknownFieldIsWrong('v1', 'Pod', path, 'futureField', 36)).toBe(true);
    expect(unknownFieldIsWrong('v1', 'Pod', path, 'futureField', 30)).toBe(true);
  });
  test('above it, only a field that differs from a known one in letter case is', () => {
    expect(unknownFieldIsWrong('v1', 'Pod', path, 'futureField', 37)).toBe(false);
    expect(unknownFieldIsWrong('v1', 'Pod', path, 'imagepullpolicy', 37)).toBe(true);
  });
  test('a field removed since an older release is not unknown for that release', () => {
    expect(unknownFieldIsWrong('v1', 'Pod', ['spec', 'resourceClaims', 0], 'source', 30)).toBe(false);
    expect(unknownFieldIsWrong('v1', 'Pod', ['spec', 'resourceClaims', 0], 'source', 31)).toBe(true);
    expect(unknownFieldIsWrong('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'resourceClaims', 0], 'source', 30)).toBe(false);
  });
});
