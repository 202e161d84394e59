/**
 * Built-in kinds, the group/versions that served them, and when versions were deprecated and
 * removed (k8s-semantics.md §6, from the `+k8s:prerelease-lifecycle-gen` tags of
 * kubernetes/api, the deprecation guide and Pluto's table).
 */

/** The newest Kubernetes minor release this table knows; the default `--kube-version`. */
export const NEWEST_KNOWN_KUBE_VERSION = '1.36';

export interface ServedVersion {
  readonly apiVersion: string;
  /** Minor version ("1.19") from which it is served (for alpha versions: exists, behind a flag). */
  readonly introduced: string;
  /** `introduced` as its minor number (1.19 → 19), computed once. */
  readonly introducedMinor: number;
  /** Minor version ("1.22") from which the API server warns. */
  readonly deprecated?: string;
  /** Minor version from which it is no longer served. */
  readonly removed?: string;
  /** What to use instead; absent when nothing replaces it. */
  readonly replacement?: string;
  /** A note on what changed besides the apiVersion. */
  readonly note?: string;
}

export interface KindInfo {
  readonly kind: string;
  readonly namespaced: boolean;
  readonly versions: readonly ServedVersion[];
}

const INGRESS_NOTE = 'backends changed shape: serviceName/servicePort became service.name and service.port.number/name, and pathType is required';

function kind(name: string, namespaced: boolean, versions: ServedVersion[]): KindInfo {
  return { kind: name, namespaced, versions };
}
const v = (apiVersion: string, introduced: string, deprecated?: string, removed?: string, replacement?: string, note?: string): ServedVersion => ({
  apiVersion,
  introduced,
  introducedMinor: minorOf(introduced) ?? 0,
  ...(deprecated ? { deprecated } : {}),
  ...(removed ? { removed } : {}),
  ...(replacement ? { replacement } : {}),
  ...(note ? { note } : {}),
});

const RBAC_OLD: [string, string][] = [['rbac.authorization.k8s.io/v1beta1', '1.6'], ['rbac.authorization.k8s.io/v1alpha1', '1.3']];

/**
 * `v(apiVersion, introduced, deprecated, removed, replacement, note)`. "Introduced" is the first
 * release serving that group/version for the kind: the "available since" of the deprecation
 * guide, the `+k8s:prerelease-lifecycle-gen:introduced` tags and the release notes
 * (k8s-semantics.md §6.1). Since 1.24 new beta versions are off by default; they exist from
 * their release on and are never reported as not served.
 */
export const KINDS: readonly KindInfo[] = [
  // core
  ...['Pod', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim', 'ReplicationController',
    'PodTemplate', 'LimitRange', 'ResourceQuota', 'Event', 'Binding'].map((k) => kind(k, true, [v('v1', '1.0')])),
  kind('Endpoints', true, [v('v1', '1.0', '1.33', undefined, 'discovery.k8s.io/v1 EndpointSlice')]),
  ...['Namespace', 'Node', 'PersistentVolume'].map((k) => kind(k, false, [v('v1', '1.0')])),
  kind('ComponentStatus', false, [v('v1', '1.0', '1.19')]),
  // apps and its predecessors
  kind('Deployment', true, [v('apps/v1', '1.9'), v('apps/v1beta1', '1.6', '1.8', '1.16', 'apps/v1'), v('apps/v1beta2', '1.8', '1.9', '1.16', 'apps/v1'),
    v('extensions/v1beta1', '1.2', '1.8', '1.16', 'apps/v1')]),
  kind('ReplicaSet', true, [v('apps/v1', '1.9'), v('apps/v1beta2', '1.8', '1.9', '1.16', 'apps/v1'), v('extensions/v1beta1', '1.2', '1.8', '1.16', 'apps/v1')]),
  kind('DaemonSet', true, [v('apps/v1', '1.9'), v('apps/v1beta2', '1.8', '1.9', '1.16', 'apps/v1'), v('extensions/v1beta1', '1.2', '1.8', '1.16', 'apps/v1')]),
  kind('StatefulSet', true, [v('apps/v1', '1.9'), v('apps/v1beta1', '1.5', '1.8', '1.16', 'apps/v1'), v('apps/v1beta2', '1.8', '1.9', '1.16', 'apps/v1')]),
  kind('ControllerRevision', true, [v('apps/v1', '1.9'), v('apps/v1beta1', '1.7', '1.8', '1.16', 'apps/v1'), v('apps/v1beta2', '1.8', '1.9', '1.16', 'apps/v1')]),
  // batch
  kind('Job', true, [v('batch/v1', '1.2')]),
  kind('CronJob', true, [v('batch/v1', '1.21'), v('batch/v1beta1', '1.8', '1.21', '1.25', 'batch/v1'), v('batch/v2alpha1', '1.5', '1.8', '1.21', 'batch/v1')]),
  // networking
  kind('Ingress', true, [v('networking.k8s.io/v1', '1.19'), v('networking.k8s.io/v1beta1', '1.14', '1.19', '1.22', 'networking.k8s.io/v1', INGRESS_NOTE),
    v('extensions/v1beta1', '1.1', '1.14', '1.22', 'networking.k8s.io/v1', INGRESS_NOTE)]),
  kind('IngressClass', false, [v('networking.k8s.io/v1', '1.19'), v('networking.k8s.io/v1beta1', '1.18', '1.19', '1.22', 'networking.k8s.io/v1')]),
  kind('NetworkPolicy', true, [v('networking.k8s.io/v1', '1.7'), v('extensions/v1beta1', '1.3', '1.9', '1.16', 'networking.k8s.io/v1')]),
  ...['ServiceCIDR', 'IPAddress'].map((k) => kind(k, false, [v('networking.k8s.io/v1', '1.33'), v('networking.k8s.io/v1beta1', '1.31'),
    v('networking.k8s.io/v1alpha1', '1.27')])),
  kind('EndpointSlice', true, [v('discovery.k8s.io/v1', '1.21'), v('discovery.k8s.io/v1beta1', '1.17', '1.21', '1.25', 'discovery.k8s.io/v1')]),
  // autoscaling and policy
  kind('HorizontalPodAutoscaler', true, [v('autoscaling/v2', '1.23'), v('autoscaling/v1', '1.2'), v('autoscaling/v2beta1', '1.8', '1.22', '1.25', 'autoscaling/v2'),
    v('autoscaling/v2beta2', '1.12', '1.23', '1.26', 'autoscaling/v2')]),
  kind('PodDisruptionBudget', true, [v('policy/v1', '1.21'), v('policy/v1beta1', '1.5', '1.21', '1.25', 'policy/v1',
    'in policy/v1 an empty selector selects every pod of the namespace; in v1beta1 it selected none')]),
  kind('PodSecurityPolicy', false, [v('policy/v1beta1', '1.10', '1.21', '1.25', undefined, 'use Pod Security Admission instead'),
    v('extensions/v1beta1', '1.3', '1.10', '1.16', 'policy/v1beta1')]),
  // rbac
  ...['Role', 'RoleBinding'].map((k) => kind(k, true, [v('rbac.authorization.k8s.io/v1', '1.8'),
    ...RBAC_OLD.map(([a, since]) => v(a, since, '1.17', '1.22', 'rbac.authorization.k8s.io/v1'))])),
  ...['ClusterRole', 'ClusterRoleBinding'].map((k) => kind(k, false, [v('rbac.authorization.k8s.io/v1', '1.8'),
    ...RBAC_OLD.map(([a, since]) => v(a, since, '1.17', '1.22', 'rbac.authorization.k8s.io/v1'))])),
  // storage
  kind('StorageClass', false, [v('storage.k8s.io/v1', '1.6'), v('storage.k8s.io/v1beta1', '1.4', '1.19', '1.22', 'storage.k8s.io/v1')]),
  kind('VolumeAttachment', false, [v('storage.k8s.io/v1', '1.13'), v('storage.k8s.io/v1beta1', '1.10', '1.19', '1.22', 'storage.k8s.io/v1')]),
  kind('CSIDriver', false, [v('storage.k8s.io/v1', '1.18'), v('storage.k8s.io/v1beta1', '1.14', '1.19', '1.22', 'storage.k8s.io/v1')]),
  kind('CSINode', false, [v('storage.k8s.io/v1', '1.17'), v('storage.k8s.io/v1beta1', '1.14', '1.17', '1.22', 'storage.k8s.io/v1')]),
  kind('CSIStorageCapacity', true, [v('storage.k8s.io/v1', '1.24'), v('storage.k8s.io/v1beta1', '1.21', '1.24', '1.27', 'storage.k8s.io/v1')]),
  kind('VolumeAttributesClass', false, [v('storage.k8s.io/v1', '1.34'), v('storage.k8s.io/v1beta1', '1.31'), v('storage.k8s.io/v1alpha1', '1.29')]),
  // extension points
  kind('CustomResourceDefinition', false, [v('apiextensions.k8s.io/v1', '1.16'),
    v('apiextensions.k8s.io/v1beta1', '1.7', '1.16', '1.22', 'apiextensions.k8s.io/v1')]),
  kind('APIService', false, [v('apiregistration.k8s.io/v1', '1.10'), v('apiregistration.k8s.io/v1beta1', '1.7', '1.10', '1.22', 'apiregistration.k8s.io/v1')]),
  ...['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].map((k) => kind(k, false, [v('admissionregistration.k8s.io/v1', '1.16'),
    v('admissionregistration.k8s.io/v1beta1', '1.9', '1.16', '1.22', 'admissionregistration.k8s.io/v1')])),
  ...['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'].map((k) => kind(k, false, [v('admissionregistration.k8s.io/v1', '1.30'),
    v('admissionregistration.k8s.io/v1beta1', '1.28'),
    v('admissionregistration.k8s.io/v1alpha1', '1.26', '1.28', '1.33', 'admissionregistration.k8s.io/v1')])),
  kind('InitializerConfiguration', false, [v('admissionregistration.k8s.io/v1alpha1', '1.7', '1.13', '1.14', undefined,
    'initializers were dropped; use admission webhooks')]),
  kind('PriorityClass', false, [v('scheduling.k8s.io/v1', '1.14'), v('scheduling.k8s.io/v1beta1', '1.11', '1.14', '1.22', 'scheduling.k8s.io/v1'),
    v('scheduling.k8s.io/v1alpha1', '1.8', '1.14', '1.17', 'scheduling.k8s.io/v1')]),
  kind('RuntimeClass', false, [v('node.k8s.io/v1', '1.20'), v('node.k8s.io/v1beta1', '1.14', '1.22', '1.25', 'node.k8s.io/v1')]),
  kind('Lease', true, [v('coordination.k8s.io/v1', '1.14'), v('coordination.k8s.io/v1beta1', '1.12', '1.19', '1.22', 'coordination.k8s.io/v1')]),
  ...['FlowSchema', 'PriorityLevelConfiguration'].map((k) => kind(k, false, [v('flowcontrol.apiserver.k8s.io/v1', '1.29'),
    v('flowcontrol.apiserver.k8s.io/v1beta3', '1.26', '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1'),
    v('flowcontrol.apiserver.k8s.io/v1beta2', '1.23', '1.26', '1.29', 'flowcontrol.apiserver.k8s.io/v1'),
    v('flowcontrol.apiserver.k8s.io/v1beta1', '1.20', '1.23', '1.26', 'flowcontrol.apiserver.k8s.io/v1')])),
  kind('CertificateSigningRequest', false, [v('certificates.k8s.io/v1', '1.19'),
    v('certificates.k8s.io/v1beta1', '1.6', '1.19', '1.22', 'certificates.k8s.io/v1')]),
  kind('TokenReview', false, [v('authentication.k8s.io/v1', '1.6'), v('authentication.k8s.io/v1beta1', '1.3', '1.19', '1.22', 'authentication.k8s.io/v1')]),
  ...['SubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'].map((k) => kind(k, false, [v('authorization.k8s.io/v1', '1.6'),
    v('authorization.k8s.io/v1beta1', '1.3', '1.19', '1.22', 'authorization.k8s.io/v1')])),
  kind('LocalSubjectAccessReview', true, [v('authorization.k8s.io/v1', '1.6'),
    v('authorization.k8s.io/v1beta1', '1.3', '1.19', '1.22', 'authorization.k8s.io/v1')]),
];

/**
 * Groups whose every served version is listed above: a version not listed there is not a
 * Kubernetes API version. Other built-in groups have alpha versions this table does not track.
 */
const FULLY_LISTED_GROUPS = new Set(['', 'apps', 'extensions', 'batch', 'policy', 'autoscaling', 'discovery.k8s.io', 'rbac.authorization.k8s.io']);

const BUILT_IN_GROUPS = new Set(KINDS.flatMap((k) => k.versions.map((ver) => groupOf(ver.apiVersion))));

const byKind = new Map(KINDS.map((k) => [k.kind, k]));

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function kindInfo(kindName: string): KindInfo | undefined {
  return byKind.get(kindName);
}

export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}

export function isFullyListedGroup(group: string): boolean {
  return FULLY_LISTED_GROUPS.has(group);
}

/** Whether objects of this kind live in a namespace (unknown kinds are assumed to). */
export function isNamespaced(kindName: string): boolean {
  return byKind.get(kindName)?.namespaced ?? true;
}

/** The built-in kinds that the group/version serves (now or in the past). */
export function kindsServedBy(apiVersion: string): KindInfo[] {
  return KINDS.filter((k) => k.versions.some((ver) => ver.apiVersion === apiVersion));
}

/** "1.22" → 22; undefined when not of the form 1.N. */
export function minorOf(version: string): number | undefined {
  const match = /^v?1\.(\d+)(\.\d+)?$/.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}
