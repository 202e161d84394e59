/**
 * `npm run schemas`: JSON Schemas of the built-in kinds, generated from the TypeScript
 * definitions in `kubernetes-types` (pinned in package.json) into schemas/kubernetes.json.
 * Upgrading to a newer Kubernetes version:
 *
 *   npm install --save-dev --save-exact kubernetes-types@<version> && npm run schemas
 *
 * `npm run build` then compiles the file into precompiled ajv validators (compile-validators.ts).
 *
 * The TypeScript types carry field names, types and required fields; what they lack is
 * restored here: null is accepted everywhere (the API server treats it as "not set"),
 * quantities may be numbers, free-form JSON stays free-form, enum values come from the API
 * (k8s-semantics.md), and fields whose rules changed after the pinned version are corrected.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createGenerator, type Definition } from 'ts-json-schema-generator';

const require = createRequire(import.meta.url);
const typesRoot = path.dirname(require.resolve('kubernetes-types/package.json'));
const typesVersion = (JSON.parse(readFileSync(path.join(typesRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** kubernetes-types file → the kinds validated from it (the current group/versions, §6.1). */
const FILES: Record<string, string[]> = {
  'core/v1': ['Pod', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'ReplicationController', 'PodTemplate',
    'LimitRange', 'ResourceQuota', 'Event', 'Endpoints', 'Namespace', 'Node', 'PersistentVolume'],
  'apps/v1': ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'],
  'batch/v1': ['Job', 'CronJob'],
  'networking/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'policy/v1': ['PodDisruptionBudget'],
  'discovery/v1': ['EndpointSlice'],
  'rbac/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  'storage/v1': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CSIStorageCapacity'],
  'scheduling/v1': ['PriorityClass'],
  'node/v1': ['RuntimeClass'],
  'coordination/v1': ['Lease'],
  'admissionregistration/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
  'apiextensions/v1': ['CustomResourceDefinition'],
  'flowcontrol/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'certificates/v1': ['CertificateSigningRequest'],
  'events/v1': ['Event'],
};

/** Enumerations the API server enforces (definition → property → values). */
const ENUMS: Record<string, Record<string, string[]>> = {
  ServiceSpec: {
    type: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
    sessionAffinity: ['ClientIP', 'None'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    ipFamilyPolicy: ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
  },
  ServicePort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  ContainerPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  EndpointPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  NetworkPolicyPort: { protocol: ['SCTP', 'TCP', 'UDP'] },
  Container: { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['FallbackToLogsOnError', 'File'] },
  EphemeralContainer: { imagePullPolicy: ['Always', 'IfNotPresent', 'Never'], terminationMessagePolicy: ['FallbackToLogsOnError', 'File'] },
  PodSpec: {
    restartPolicy: ['Always', 'Never', 'OnFailure'],
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['Never', 'PreemptLowerPriority'],
  },
  HTTPGetAction: { scheme: ['HTTP', 'HTTPS'] },
  HTTPIngressPath: { pathType: ['Exact', 'ImplementationSpecific', 'Prefix'] },
  DeploymentStrategy: { type: ['Recreate', 'RollingUpdate'] },
  StatefulSetSpec: { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  StatefulSetUpdateStrategy: { type: ['OnDelete', 'RollingUpdate'] },
  DaemonSetUpdateStrategy: { type: ['OnDelete', 'RollingUpdate'] },
  CronJobSpec: { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  JobSpec: { completionMode: ['Indexed', 'NonIndexed'], podReplacementPolicy: ['Failed', 'TerminatingOrFailed'] },
  LabelSelectorRequirement: { operator: ['DoesNotExist', 'Exists', 'In', 'NotIn'] },
  NodeSelectorRequirement: { operator: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] },
  Toleration: { operator: ['Equal', 'Exists'], effect: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] },
  Taint: { effect: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] },
  TopologySpreadConstraint: { whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'] },
  SecurityContext: { procMount: ['Default', 'Unmasked'] },
  NetworkPolicySpec: {},
  PersistentVolumeClaimSpec: { volumeMode: ['Block', 'Filesystem'] },
};

/** Array items with enumerated values (definition → property → values). */
const ENUM_ITEMS: Record<string, Record<string, string[]>> = {
  ServiceSpec: { ipFamilies: ['IPv4', 'IPv6'] },
  NetworkPolicySpec: { policyTypes: ['Egress', 'Ingress'] },
  PersistentVolumeClaimSpec: { accessModes: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] },
};

/** Required in the pinned types, optional in the Kubernetes versions this tool targets. */
const NOW_OPTIONAL: Record<string, string[]> = {
  StatefulSetSpec: ['serviceName'], // optional since 1.33
};

/** Values that may be numbers or strings on the wire although the types say string. */
const NUMBER_OR_STRING = new Set(['Quantity']);

/**
 * The only float64 fields of the kinds validated here (`format: double` in the Kubernetes
 * OpenAPI); every other number is an int32 or int64, which the API server's JSON decoding
 * rejects as a fraction (`port: 80.5`). The TypeScript types say `number` for both.
 */
const FLOAT_FIELDS: Record<string, readonly string[]> = {
  JSONSchemaProps: ['maximum', 'minimum', 'multipleOf'],
};

type Schema = Definition & Record<string, unknown>;

function acceptNull(schema: Schema): void {
  const type = schema.type;
  if (typeof type === 'string') schema.type = type === 'null' ? type : [type, 'null'];
  else if (Array.isArray(type) && !type.includes('null')) schema.type = [...type, 'null'];
}

/** Walks every subschema, applying the null and free-form JSON fixes. */
function normalise(schema: Schema): void {
  delete schema.description;
  if (schema.type === 'object' && !schema.properties && schema.additionalProperties === false) {
    // empty Go structs such as RawExtension and JSON hold arbitrary JSON
    delete schema.type;
    delete schema.additionalProperties;
    return;
  }
  if (schema.$ref === undefined) acceptNull(schema);
  for (const child of subschemas(schema)) normalise(child);
}

/** The schemas a schema holds (not through $ref): properties, definitions, items, anyOf… */
function subschemas(schema: Schema): Schema[] {
  const children: Schema[] = [];
  for (const key of ['properties', 'definitions'] as const) {
    const map = schema[key] as Record<string, Schema> | undefined;
    if (map) children.push(...Object.values(map));
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    const child = schema[key];
    if (child && typeof child === 'object') children.push(child as Schema);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key] as Schema[] | undefined;
    if (list) children.push(...list);
  }
  return children;
}

/** OpenAPI extensions of CRD schemas that the TypeScript types cannot name. */
function addSchemaExtensions(definitions: Record<string, Schema>): void {
  const properties = definitions['JSONSchemaProps']?.properties as Record<string, Schema> | undefined;
  if (!properties) return;
  const nullable = (type: 'boolean' | 'string'): Schema => ({ type: [type, 'null'] });
  Object.assign(properties, {
    'x-kubernetes-embedded-resource': nullable('boolean'),
    'x-kubernetes-int-or-string': nullable('boolean'),
    'x-kubernetes-preserve-unknown-fields': nullable('boolean'),
    'x-kubernetes-list-type': nullable('string'),
    'x-kubernetes-map-type': nullable('string'),
    'x-kubernetes-list-map-keys': { type: ['array', 'null'], items: nullable('string') },
    'x-kubernetes-validations': { type: ['array', 'null'], items: definitions['ValidationRule'] ? { $ref: '#/definitions/ValidationRule' } : {} },
  });
}

function applyOverrides(definitions: Record<string, Schema>): void {
  addSchemaExtensions(definitions);
  for (const [name, fields] of Object.entries(ENUMS)) {
    const properties = definitions[name]?.properties as Record<string, Schema> | undefined;
    for (const [field, values] of Object.entries(fields)) {
      if (properties?.[field]) properties[field]!.enum = [...values, null];
    }
  }
  for (const [name, fields] of Object.entries(ENUM_ITEMS)) {
    const properties = definitions[name]?.properties as Record<string, Schema> | undefined;
    for (const [field, values] of Object.entries(fields)) {
      const items = properties?.[field]?.items as Schema | undefined;
      if (items) items.enum = [...values, null];
    }
  }
  for (const [name, fields] of Object.entries(NOW_OPTIONAL)) {
    const definition = definitions[name];
    if (definition?.required) definition.required = (definition.required as string[]).filter((f) => !fields.includes(f));
  }
  for (const [name, definition] of Object.entries(definitions)) {
    const floats = FLOAT_FIELDS[name] ?? [];
    const properties = definition.properties as Record<string, Schema> | undefined;
    for (const [field, property] of Object.entries(properties ?? {})) if (!floats.includes(field)) markIntegers(property);
    // the rest of the definition (items, anyOf…); its properties are done above, floats skipped
    for (const child of subschemas({ ...definition, properties: undefined })) markIntegers(child);
  }
  // after markIntegers: a quantity may be a fraction (`cpu: 0.5`)
  for (const name of NUMBER_OR_STRING) {
    if (definitions[name]) definitions[name] = { type: ['string', 'number', 'null'] };
  }
}

/** `number` → `integer` in a property's schema and the schemas it holds (not through $ref). */
function markIntegers(schema: Schema): void {
  const type = schema.type;
  if (type === 'number') schema.type = 'integer';
  else if (Array.isArray(type)) schema.type = type.map((t) => (t === 'number' ? 'integer' : t));
  for (const child of subschemas(schema)) markIntegers(child);
}

const groups: Record<string, { definitions: Record<string, Schema>; kinds: string[] }> = {};
for (const [file, kinds] of Object.entries(FILES)) {
  const generator = createGenerator({
    path: path.join(typesRoot, `${file}.d.ts`),
    type: '*',
    expose: 'all',
    topRef: false,
    jsDoc: 'none',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const definitions = generator.createSchema('*').definitions as Record<string, Schema>;
  const apiVersionOf = (kind: string) => ((definitions[kind]?.properties as Record<string, Schema>)?.['apiVersion']?.const as string) ?? '';
  const apiVersion = apiVersionOf(kinds[0]!);
  if (!apiVersion) throw new Error(`no apiVersion for ${file}`);
  for (const definition of Object.values(definitions)) normalise(definition);
  applyOverrides(definitions);
  groups[apiVersion] = { definitions, kinds };
  console.error(`${apiVersion}: ${kinds.length} kinds, ${Object.keys(definitions).length} definitions`);
}

const target = path.resolve('schemas/kubernetes.json');
writeFileSync(target, JSON.stringify({ source: `kubernetes-types@${typesVersion}`, kubernetesVersion: typesVersion.split('.').slice(0, 2).join('.'), groups }) + '\n');
console.error(`wrote ${path.relative(process.cwd(), target)}`);
