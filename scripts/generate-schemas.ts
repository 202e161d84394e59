/**
 * `npm run schemas`: JSON Schemas of the built-in kinds, generated from the model classes of
 * the official JavaScript client `@kubernetes/client-node`, which the Kubernetes project
 * generates from the OpenAPI spec of one release (each model file names it: "OpenAPI spec
 * version: release-1.36"). The package and version are pinned in package.json
 * (`config.schemaSource`); the generator fetches that tarball with `npm pack` (only its model
 * files are read: the client and its dependencies are never installed or run) and writes
 * schemas/kubernetes.json and schemas/required-fields.md. Upgrading:
 *
 *   npm pkg set config.schemaSource=@kubernetes/client-node@<version> && npm run schemas
 *
 * `npm run build` then compiles the schemas into precompiled ajv validators (compile-validators.ts).
 *
 * Each model class lists its fields (`attributeTypeMap`: wire name, type, format) and its
 * declaration file marks the optional ones (`name?:`). What the models lose of the OpenAPI spec
 * is restored here from the tables below: which strings are quantities, the enum values the
 * API server enforces, the CRD schema unions the spec leaves free-form, and where the
 * API server's validation and defaulting differ from the spec's `required` lists
 * (schemas/required-fields.md lists every required field with its verdict and source).
 * Null is accepted everywhere: the API server decodes it as "not set".
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const sourceSpec = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { config?: { schemaSource?: string } }).config?.schemaSource;
if (!sourceSpec) throw new Error('package.json has no config.schemaSource (e.g. @kubernetes/client-node@2.0.1)');

/** The pinned package's files, unpacked into a temporary folder. */
function fetchSource(spec: string): { root: string; integrity: string; cleanup: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-schemas-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', folder], { encoding: 'utf8' })) as { filename: string; integrity: string }[];
  if (!packed) throw new Error(`npm pack ${spec} returned nothing`);
  execFileSync('tar', ['-xzf', path.join(folder, packed.filename), '-C', folder]);
  return { root: path.join(folder, 'package'), integrity: packed.integrity, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

const fetched = fetchSource(sourceSpec);
process.on('exit', fetched.cleanup);
const modelsDir = path.join(fetched.root, 'dist', 'gen', 'models');
const sourcePackage = JSON.parse(readFileSync(path.join(fetched.root, 'package.json'), 'utf8')) as { name: string; version: string };

/** Group/version → the kinds validated (the current group/versions, k8s-semantics.md §6.1). */
const KINDS: Record<string, string[]> = {
  v1: ['Pod', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'ReplicationController', 'PodTemplate',
    'LimitRange', 'ResourceQuota', 'Event', 'Endpoints', 'Namespace', 'Node', 'PersistentVolume'],
  'apps/v1': ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'],
  'batch/v1': ['Job', 'CronJob'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR', 'IPAddress'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'policy/v1': ['PodDisruptionBudget'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'rbac.authorization.k8s.io/v1': ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  'storage.k8s.io/v1': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CSIStorageCapacity', 'VolumeAttributesClass'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'coordination.k8s.io/v1': ['Lease'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'events.k8s.io/v1': ['Event'],
};

/**
 * Fields of type `resource.Quantity` in the OpenAPI spec (definition → fields; a map field
 * holds quantities). The models type them as strings, but YAML writes `memory: 1` or `cpu: 0.5`
 * as numbers and the API server accepts both. The generator fails when a listed field is
 * missing or is not a string, so an upgrade cannot silently drop one.
 */
const QUANTITIES: Record<string, string[]> = {
  ContainerStatus: ['allocatedResources'],
  CSIStorageCapacity: ['capacity', 'maximumVolumeSize'],
  EmptyDirVolumeSource: ['sizeLimit'],
  HPAScalingRules: ['tolerance'],
  LimitRangeItem: ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  MetricTarget: ['averageValue', 'value'],
  MetricValueStatus: ['averageValue', 'value'],
  NodeAllocatableResourceClaimStatus: ['resources'],
  NodeStatus: ['allocatable', 'capacity'],
  Overhead: ['podFixed'],
  PersistentVolumeClaimStatus: ['allocatedResources', 'capacity'],
  PersistentVolumeSpec: ['capacity'],
  PodSpec: ['overhead'],
  PodStatus: ['allocatedResources'],
  ResourceFieldSelector: ['divisor'],
  ResourceQuotaSpec: ['hard'],
  ResourceQuotaStatus: ['hard', 'used'],
  ResourceRequirements: ['limits', 'requests'],
  VolumeResourceRequirements: ['limits', 'requests'],
};

/** Enumerations the API server enforces (definition → field → values; k8s-semantics.md). */
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
  PersistentVolumeClaimSpec: { volumeMode: ['Block', 'Filesystem'] },
};

/** Array items with enumerated values (definition → field → values). */
const ENUM_ITEMS: Record<string, Record<string, string[]>> = {
  ServiceSpec: { ipFamilies: ['IPv4', 'IPv6'] },
  NetworkPolicySpec: { policyTypes: ['Egress', 'Ingress'] },
  PersistentVolumeClaimSpec: { accessModes: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] },
};

/**
 * Fields the OpenAPI spec leaves free-form but whose Go types decode only these shapes
 * (apiextensions/v1 JSONSchemaPropsOrBool, JSONSchemaPropsOrArray, JSONSchemaPropsOrStringArray),
 * so a misspelt keyword inside a CRD's nested `items` or `additionalProperties` is still found.
 */
const PROPS = { $ref: '#/definitions/JSONSchemaProps' };
const SCHEMA_UNIONS: Record<string, Record<string, Schema>> = {
  JSONSchemaProps: {
    additionalItems: { anyOf: [PROPS, { type: ['boolean', 'null'] }] },
    additionalProperties: { anyOf: [PROPS, { type: ['boolean', 'null'] }] },
    items: { anyOf: [PROPS, { type: ['array', 'null'], items: PROPS }] },
    dependencies: { type: ['object', 'null'], additionalProperties: { anyOf: [PROPS, { type: ['array', 'null'], items: { type: ['string', 'null'] } }] } },
  },
};

/**
 * Where the API server and the spec's `required` lists differ (definition → field → why, with
 * the source in kubernetes/kubernetes). A required field without omitempty in Go is only "not
 * omitted when written": the API server then defaults it or its validation accepts the zero
 * value. Audited field by field in schemas/required-fields.md; the `status` of every kind is
 * handled below (STATUS_IS_NOT_VALIDATED).
 */
const CONFIG_SOURCE_DROPPED = 'a Node\'s spec.configSource is dropped on create (pkg/registry/core/node/strategy.go PrepareForCreate)';
const NOT_REQUIRED: Record<string, Record<string, string>> = {
  RoleRef: { apiGroup: 'defaulted to rbac.authorization.k8s.io (pkg/apis/rbac/v1/defaults.go); optional in the spec since 1.32' },
  EndpointSlice: { endpoints: 'an empty list is valid: only its length is capped (pkg/apis/discovery/validation validateEndpoints)' },
  StatefulSetSpec: { serviceName: 'optional since 1.33 (pkg/apis/apps/validation ValidateStatefulSetSpec)' },
  ControllerRevision: { revision: 'zero is valid: only a negative revision is rejected (pkg/apis/apps/validation ValidateControllerRevision)' },
  HTTPHeader: { value: 'only the header name is validated (pkg/apis/core/validation validateHTTPGetAction)' },
  Sysctl: { value: 'only the name is validated (pkg/apis/core/validation validateSysctls)' },
  SleepAction: { seconds: 'zero is valid since 1.34, PodLifecycleSleepActionAllowZero (pkg/apis/core/validation validateSleepAction)' },
  PreferredSchedulingTerm: { preference: 'an empty term is valid and matches every node (pkg/apis/core/validation ValidatePreferredSchedulingTerms)' },
  ISCSIVolumeSource: { lun: 'zero is a valid LUN, 0-255 (pkg/apis/core/validation validateISCSIVolumeSource)' },
  ISCSIPersistentVolumeSource: { lun: 'zero is a valid LUN, 0-255 (pkg/apis/core/validation validateISCSIPersistentVolumeSource)' },
  LimitRangeSpec: { limits: 'an empty list is valid (pkg/apis/core/validation ValidateLimitRange)' },
  PodFailurePolicy: { rules: 'an empty list is valid: only its length is capped (pkg/apis/batch/validation validatePodFailurePolicy)' },
  Event: { involvedObject: 'an empty reference is valid for an event in the default namespace (pkg/apis/core/validation legacyValidateEvent)' },
  CSIDriver: { spec: 'every field of the spec is optional or defaulted (pkg/apis/storage/v1/defaults.go, validation validateCSIDriverSpec)' },
  CSINode: { spec: 'an empty driver list is valid (pkg/apis/storage/validation validateCSINodeDrivers)' },
  CSINodeSpec: { drivers: 'an empty list is valid (pkg/apis/storage/validation validateCSINodeDrivers)' },
  TokenRequest: { audience: 'one token request may leave it empty for the API server\'s audience (pkg/apis/storage/validation validateTokenRequests)' },
  CustomResourceDefinitionVersion: {
    served: 'false is valid (apiextensions-apiserver pkg/apis/apiextensions/validation ValidateCustomResourceDefinitionVersion)',
    storage: 'false is valid; exactly one version of the list must be the storage version, a check across versions',
  },
  ConfigMapNodeConfigSource: { namespace: CONFIG_SOURCE_DROPPED, name: CONFIG_SOURCE_DROPPED, kubeletConfigKey: CONFIG_SOURCE_DROPPED },
};

/** Fields the API server's validation requires although the spec marks them optional. */
const REQUIRED: Record<string, Record<string, string>> = {
  ControllerRevision: { data: 'rejected when absent: "data is mandatory" (pkg/apis/apps/validation ValidateControllerRevision)' },
};

/**
 * Fields older releases had that the spec's release removed (definition → field → the first
 * minor release without it): not unknown when --kube-version is older. The generator fails
 * when a listed field is back or its definition is gone.
 */
const REMOVED_FIELDS: Record<string, Record<string, string>> = {
  // DynamicResourceAllocation v1alpha2 → v1alpha3 (1.31) moved source.resourceClaimName/TemplateName up a level
  PodResourceClaim: { source: '1.31' },
};

/**
 * Status is written by controllers, not by users: each kind's registry strategy resets it on
 * create (e.g. pkg/registry/apps/deployment/strategy.go PrepareForCreate), and a Node's status
 * is "optional and can be updated later" (pkg/apis/core/validation ValidateNode). Its fields
 * keep their types, but nothing below a `status` field is required.
 */
const STATUS_IS_NOT_VALIDATED = 'status is reset on create or not validated as required (registry strategies, ValidateNode)';

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  $ref?: string;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
};

interface Attribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

interface Model {
  /** wire name → (type, format) */
  attributes: Attribute[];
  /** wire names of fields that are not optional */
  required: string[];
}

const modelCache = new Map<string, Model>();

/** A model class: its attribute map (from its module) and its required fields (from its .d.ts). */
async function loadModel(className: string): Promise<Model> {
  const cached = modelCache.get(className);
  if (cached) return cached;
  const module = (await import(pathToFileURL(path.join(modelsDir, `${className}.js`)).href)) as Record<string, { attributeTypeMap?: Attribute[] }>;
  const attributes = module[className]?.attributeTypeMap;
  if (!attributes) throw new Error(`${className}: no attributeTypeMap`);
  const declaration = ts.createSourceFile(`${className}.d.ts`, readFileSync(path.join(modelsDir, `${className}.d.ts`), 'utf8'), ts.ScriptTarget.ES2022);
  const optional = new Map<string, boolean>();
  declaration.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member) || member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) continue;
      const name = member.name;
      if (ts.isStringLiteral(name) || ts.isIdentifier(name)) optional.set(name.text, member.questionToken !== undefined);
    }
  });
  const required = attributes.filter((a) => optional.get(a.name) === false).map((a) => a.baseName);
  if (attributes.some((a) => !optional.has(a.name))) throw new Error(`${className}: a field of the attribute map is not declared`);
  const model = { attributes, required };
  modelCache.set(className, model);
  return model;
}

/** `V1PodSpec` → `PodSpec`, `CoreV1EndpointPort` → `EndpointPort`: the Go type's name. */
function definitionName(className: string): string {
  const match = /^(?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/.exec(className);
  return match ? className.slice(match[0].length) : className;
}

/** The model class of a kind at a group/version: `apps/v1 Deployment` → `V1Deployment`, `v1 Event` → `CoreV1Event`. */
function kindClass(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const versioned = `${pascal(version!)}${kind}`;
  const grouped = `${pascal(group!.split('.')[0]!)}${versioned}`;
  const files = new Set(readdirSync(modelsDir));
  if (files.has(`${grouped}.js`)) return grouped;
  if (files.has(`${versioned}.js`)) return versioned;
  throw new Error(`no model class for ${apiVersion} ${kind}`);
}

const nullable = (type: string): Schema => ({ type: [type, 'null'] });

/**
 * A number's JSON Schema type by its OpenAPI format: int32 and int64 fields take integers only
 * (the API server's JSON decoding rejects `80.5`); `double` (a CRD schema's maximum, minimum,
 * multipleOf) takes any number. An unknown format stops the generator.
 */
function numberType(format: string): 'integer' | 'number' {
  if (format === 'int32' || format === 'int64') return 'integer';
  if (format === 'double' || format === 'float') return 'number';
  throw new Error(`a number of unknown format "${format}"`);
}

/** A schema for an attribute type (and the OpenAPI format of it or its items); class names become $refs and are queued. */
function schemaOf(type: string, format: string, queue: (className: string) => string): Schema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { type: ['array', 'null'], items: schemaOf(array[1]!, format, queue) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { type: ['object', 'null'], additionalProperties: schemaOf(map[1]!, format, queue) };
  switch (type) {
    case 'string':
    case 'Date':
    case 'V1MicroTime': // metav1.MicroTime, a timestamp string
      return nullable('string');
    case 'number':
      return nullable(numberType(format));
    case 'boolean':
      return nullable('boolean');
    case 'IntOrString':
      return { type: ['integer', 'string', 'null'] }; // intstr.IntOrString: an int32 or a string
    case 'any':
      return {}; // free-form JSON: RawExtension, JSON, FieldsV1
  }
  if (/^[A-Z]\w*$/.test(type)) return { $ref: `#/definitions/${queue(type)}` };
  throw new Error(`unknown attribute type ${type}`);
}

/** The definitions of one group/version: its kinds and everything they refer to. */
async function generateGroup(apiVersion: string, kinds: string[]): Promise<Record<string, Schema>> {
  const definitions: Record<string, Schema> = {};
  const classOf = new Map<string, string>();
  const pending: string[] = [];
  const queue = (className: string): string => {
    const name = definitionName(className);
    const known = classOf.get(name);
    if (known !== undefined && known !== className) throw new Error(`${apiVersion}: ${known} and ${className} are both ${name}`);
    if (known === undefined) {
      classOf.set(name, className);
      pending.push(className);
    }
    return name;
  };
  for (const kind of kinds) if (queue(kindClass(apiVersion, kind)) !== kind) throw new Error(`${apiVersion} ${kind}: unexpected class name`);
  while (pending.length > 0) {
    const className = pending.shift()!;
    const model = await loadModel(className);
    const properties: Record<string, Schema> = {};
    for (const attribute of model.attributes) {
      try {
        properties[attribute.baseName] = schemaOf(attribute.type, attribute.format, queue);
      } catch (error) {
        throw new Error(`${className}.${attribute.baseName}: ${(error as Error).message}`);
      }
    }
    const schema: Schema = { type: ['object', 'null'], properties, additionalProperties: false };
    if (model.required.length > 0) schema.required = model.required;
    definitions[definitionName(className)] = schema;
  }
  for (const kind of kinds) {
    const properties = definitions[kind]!.properties!;
    properties['apiVersion'] = { ...nullable('string'), const: apiVersion };
    properties['kind'] = { ...nullable('string'), const: kind };
  }
  return definitions;
}

/** Every definition reachable from `roots`, not following the fields `skip` says to skip. */
function reachable(definitions: Record<string, Schema>, roots: string[], skip: (field: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const visit = (schema: Schema | boolean | undefined): void => {
    if (!schema || typeof schema !== 'object') return;
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/definitions/', '');
      if (!seen.has(name)) {
        seen.add(name);
        visitDefinition(definitions[name]!);
      }
    }
    visit(schema.items);
    visit(schema.additionalProperties);
    for (const branch of schema.anyOf ?? []) visit(branch);
  };
  const visitDefinition = (schema: Schema) => {
    for (const [field, property] of Object.entries(schema.properties ?? {})) if (!skip(field)) visit(property);
    visit(schema.items);
    visit(schema.additionalProperties);
  };
  for (const root of roots) visit({ $ref: `#/definitions/${root}` });
  return seen;
}

/** One row of schemas/required-fields.md. */
interface Verdict {
  definition: string;
  field: string;
  required: boolean;
  why: string;
  /** explicit table entries (3) over validation (2) over status (1), across group/versions */
  weight: number;
  /** the group/versions whose definition of this name (with these fields) it is */
  groups: Set<string>;
}

function fieldSchema(definitions: Record<string, Schema>, definition: string, field: string): Schema {
  const schema = definitions[definition]?.properties?.[field];
  if (!schema) throw new Error(`${definition}.${field}: no such field (update the generator's tables)`);
  return schema;
}

/** The restorations and corrections of the tables above, on one group/version. */
function applyTables(apiVersion: string, definitions: Record<string, Schema>, kinds: string[], verdicts: Map<string, Verdict>, used: Set<string>): void {
  const has = (name: string) => definitions[name] !== undefined;
  for (const [name, fields] of Object.entries(QUANTITIES)) {
    if (!has(name)) continue;
    used.add(`Q ${name}`);
    for (const field of fields) {
      const schema = fieldSchema(definitions, name, field);
      const holder = schema.additionalProperties && typeof schema.additionalProperties === 'object' ? schema.additionalProperties : schema;
      if (JSON.stringify(holder.type) !== '["string","null"]') throw new Error(`${name}.${field}: a quantity that is not a string`);
      delete holder.type;
      holder.$ref = '#/definitions/Quantity';
      definitions['Quantity'] = { type: ['string', 'number', 'null'] };
    }
  }
  for (const [name, fields] of Object.entries(ENUMS)) {
    if (!has(name)) continue;
    used.add(`E ${name}`);
    for (const [field, values] of Object.entries(fields)) fieldSchema(definitions, name, field).enum = [...values, null];
  }
  for (const [name, fields] of Object.entries(ENUM_ITEMS)) {
    if (!has(name)) continue;
    used.add(`I ${name}`);
    for (const [field, values] of Object.entries(fields)) fieldSchema(definitions, name, field).items!.enum = [...values, null];
  }
  for (const [name, fields] of Object.entries(SCHEMA_UNIONS)) {
    if (!has(name)) continue;
    used.add(`U ${name}`);
    for (const [field, union] of Object.entries(fields)) {
      fieldSchema(definitions, name, field);
      definitions[name]!.properties![field] = structuredClone(union);
    }
  }
  // required: the spec's list, then the audited differences, then nothing below status
  const outsideStatus = reachable(definitions, kinds, (field) => field === 'status');
  for (const name of reachable(definitions, kinds, () => false)) {
    const definition = definitions[name]!;
    const required = new Set(definition.required ?? []);
    // definitions of one name differ across groups (rbac and flowcontrol Subject): keyed by their fields too
    const shape = Object.keys(definition.properties ?? {}).sort().join(',');
    const record = (field: string, isRequired: boolean, why: string, weight: number) => {
      const key = `${name}.${field} ${shape}`;
      const known = verdicts.get(key);
      const groups = new Set([...(known?.groups ?? []), apiVersion]);
      if ((known?.weight ?? 0) < weight) verdicts.set(key, { definition: name, field, required: isRequired, why, weight, groups });
      else known!.groups = groups;
    };
    const exists = (field: string) => definition.properties?.[field] !== undefined;
    for (const [field, why] of Object.entries(NOT_REQUIRED[name] ?? {})) {
      if (!exists(field)) continue; // a definition of the same name in another group
      used.add(`N ${name}.${field}`);
      record(field, false, required.delete(field) ? why : `${why} (already optional in the spec)`, 3);
    }
    for (const [field, why] of Object.entries(REQUIRED[name] ?? {})) {
      if (!exists(field)) continue;
      used.add(`R ${name}.${field}`);
      required.add(field);
      record(field, true, why, 3);
    }
    const belowStatus = !outsideStatus.has(name);
    for (const field of required) {
      if (REQUIRED[name]?.[field]) continue;
      if (belowStatus) record(field, false, STATUS_IS_NOT_VALIDATED, 1);
      else record(field, true, `rejected when absent or empty (${validationPackage(apiVersion, name)})`, 2);
    }
    if (belowStatus) for (const field of [...required]) if (!REQUIRED[name]?.[field]) required.delete(field);
    if (required.size > 0) definition.required = [...required];
    else delete definition.required;
  }
}

/** Where kubernetes/kubernetes validates a definition of a group/version. */
function validationPackage(apiVersion: string, definition: string): string {
  if (definition === 'LabelSelectorRequirement') return 'staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation';
  if (definition === 'OwnerReference') return 'staging/src/k8s.io/apimachinery/pkg/api/validation';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]!.split('.')[0]! : 'core';
  if (group === 'apiextensions') return 'staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation';
  if (group === 'apiregistration') return 'staging/src/k8s.io/kube-aggregator/pkg/apis/apiregistration/validation';
  if (group === 'events') return 'pkg/apis/core/validation/events.go';
  return `pkg/apis/${group}/validation`;
}

/** "OpenAPI spec version: release-1.36" → "1.36". */
function specVersion(): string {
  const header = readFileSync(path.join(modelsDir, 'V1Pod.js'), 'utf8');
  const match = /OpenAPI spec version: (?:release-|v)?(\d+\.\d+)/.exec(header);
  if (!match) throw new Error('no OpenAPI spec version in the models');
  return match[1]!;
}

const groups: Record<string, { definitions: Record<string, Schema>; kinds: string[] }> = {};
const verdicts = new Map<string, Verdict>();
const used = new Set<string>();
for (const [apiVersion, kinds] of Object.entries(KINDS)) {
  const definitions = await generateGroup(apiVersion, kinds);
  applyTables(apiVersion, definitions, kinds, verdicts, used);
  groups[apiVersion] = { definitions, kinds };
  console.error(`${apiVersion}: ${kinds.length} kinds, ${Object.keys(definitions).length} definitions`);
}
// every table entry must have been applied somewhere: a stale entry is an error
const stale = [
  ...Object.keys(QUANTITIES).filter((n) => !used.has(`Q ${n}`)),
  ...Object.keys(ENUMS).filter((n) => !used.has(`E ${n}`)),
  ...Object.keys(ENUM_ITEMS).filter((n) => !used.has(`I ${n}`)),
  ...Object.entries(NOT_REQUIRED).flatMap(([n, f]) => Object.keys(f).filter((field) => !used.has(`N ${n}.${field}`)).map((field) => `${n}.${field}`)),
  ...Object.entries(REQUIRED).flatMap(([n, f]) => Object.keys(f).filter((field) => !used.has(`R ${n}.${field}`)).map((field) => `${n}.${field}`)),
];
if (stale.length > 0) throw new Error(`table entries that match nothing: ${stale.join(', ')}`);
for (const [name, fields] of Object.entries(REMOVED_FIELDS)) {
  const holders = Object.values(groups).map((g) => g.definitions[name]).filter((d) => d !== undefined);
  if (holders.length === 0) throw new Error(`REMOVED_FIELDS: no definition ${name}`);
  for (const field of Object.keys(fields)) if (holders.some((d) => d.properties?.[field])) throw new Error(`REMOVED_FIELDS: ${name}.${field} is in the spec again`);
}

const kubernetesVersion = specVersion();
const source = `${sourcePackage.name}@${sourcePackage.version}`;
const integrity = fetched.integrity;
writeFileSync(path.join(projectRoot, 'schemas/kubernetes.json'), JSON.stringify({ source, integrity, kubernetesVersion, removedFields: REMOVED_FIELDS, groups }) + '\n');
writeFileSync(path.join(projectRoot, 'schemas/required-fields.md'), requiredFieldsDocument(source, kubernetesVersion, [...verdicts.values()]));
console.error(`wrote schemas/kubernetes.json and schemas/required-fields.md (Kubernetes ${kubernetesVersion}, ${source})`);

function requiredFieldsDocument(from: string, version: string, rows: Verdict[]): string {
  rows.sort((a, b) => a.definition.localeCompare(b.definition) || a.field.localeCompare(b.field));
  const table = (list: Verdict[]) =>
    ['| definition | field | why | in |', '|---|---|---|---|', ...list.map((r) => `| ${r.definition} | \`${r.field}\` | ${r.why} | ${[...r.groups].join(', ')} |`)].join('\n');
  const changed = rows.filter((r) => !r.required && r.why !== STATUS_IS_NOT_VALIDATED);
  const status = rows.filter((r) => r.why === STATUS_IS_NOT_VALIDATED);
  return `# Required fields

Generated by \`npm run schemas\` (scripts/generate-schemas.ts) from ${from}, the OpenAPI spec of
Kubernetes ${version}. \`manifest-schema\` reports a missing field only where the API server
rejects it: the spec's \`required\` lists say which fields Go writes without omitempty, not
which ones the API server needs. Every required field of every validated kind was checked
against the validation (\`pkg/apis/GROUP/validation\`) and defaulting
(\`pkg/apis/GROUP/VERSION/defaults.go\`) code of kubernetes/kubernetes.

## Not required, although the spec lists them (or the spec changed)

${table(changed)}

## Required, although the spec does not list them

${table(rows.filter((r) => r.required && REQUIRED[r.definition]?.[r.field]))}

## Not required below \`status\`

Every registry strategy resets status on create, and ValidateNode leaves a Node's status
optional; types and unknown fields are still checked.

${table(status)}

## Required

The validation code rejects each of these when absent or empty: a name, a path, a reference, a
number that must be positive, or a structure whose own required fields would then be missing.

${table(rows.filter((r) => r.required && !REQUIRED[r.definition]?.[r.field]))}
`;
}
