import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { K8sObject } from '../src/model/object.js';
import { dns1123SubdomainProblems, isValidPortNumber } from '../src/model/names.js';
import { isCidr } from '../src/model/ip.js';
import { asList, asMap, isPlaceholder, type PlainMap } from '../src/model/values.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** Enumerated fields and their values (k8s-semantics.md §1.2, S19 S26 S28 S32). */
const ENUMS: Record<string, readonly string[]> = {
  sessionAffinity: ['ClientIP', 'None'],
  externalTrafficPolicy: ['Cluster', 'Local'],
  internalTrafficPolicy: ['Cluster', 'Local'],
  ipFamilyPolicy: ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
};

function supported(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** The annotation that stood for spec.loadBalancerSourceRanges (comma-separated CIDRs). */
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/**
 * spec.trafficDistribution by Kubernetes minor version (validateServiceTrafficDistribution and the
 * feature gates' history): PreferClose from 1.31 (ServiceTrafficDistribution beta, on by default;
 * alpha in 1.30, when a disabled gate drops the field), PreferSameZone and PreferSameNode from
 * 1.34 (PreferSameTrafficDistribution beta).
 */
function trafficDistributions(kubeMinor: number): readonly string[] | undefined {
  if (kubeMinor < 31) return undefined;
  return kubeMinor < 34 ? ['PreferClose'] : ['PreferClose', 'PreferSameNode', 'PreferSameZone'];
}

function check(object: K8sObject, spec: PlainMap, kubeMinor: number, context: RuleContext): void {
  const report = (field: string, message: string, key = false) =>
    context.report({ at: key ? object.keyAt('spec', field) : object.at('spec', field), object: object.ref, message: `spec.${field}: ${message}` });
  const rawType = spec['type'];
  if (typeof rawType === 'string' && rawType !== '' && !TYPES.includes(rawType)) {
    const near = TYPES.find((t) => t.toLowerCase() === rawType.toLowerCase());
    report('type', `Unsupported value: "${rawType}": supported values: ${supported(TYPES)}${near ? ` (types are case-sensitive: "${near}")` : ''}`);
    return;
  }
  // a kustomize patch without a type keeps its base's: what depends on the type is unknown
  const typeKnown = !object.ref.partial || (typeof rawType === 'string' && rawType !== '');
  const type = typeof rawType === 'string' && rawType !== '' ? rawType : 'ClusterIP';
  const clusterIP = spec['clusterIP'];
  const headless = clusterIP === 'None' || asList(spec['clusterIPs'])?.[0] === 'None';
  const externalIPs = asList(spec['externalIPs']) ?? [];

  if (type === 'ExternalName') {
    const name = spec['externalName'];
    if (name === undefined || name === null || name === '') {
      // (a kustomize patch may leave it to its base)
      if (!object.ref.partial) context.report({ at: object.keyAt('spec'), object: object.ref, message: 'spec.externalName: Required value (an ExternalName Service needs the DNS name it aliases)' });
    } else if (typeof name === 'string') {
      const problems = dns1123SubdomainProblems(name.replace(/\.$/, ''));
      if (problems.length > 0) report('externalName', `Invalid value: "${name}": ${problems.join(', ')}`);
    }
    for (const field of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
      const value = spec[field];
      const set = field === 'clusterIP' ? value !== undefined && value !== null && value !== '' : value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
      if (set) report(field, 'Forbidden: may not be set for ExternalName services');
    }
  }
  if (headless && typeKnown && (type === 'NodePort' || type === 'LoadBalancer')) {
    report(clusterIP === 'None' ? 'clusterIP' : 'clusterIPs', `Invalid value: "None": may not be set to 'None' for ${type} services`);
  }
  if (type !== 'LoadBalancer' && typeKnown) {
    for (const field of ['loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts', 'loadBalancerClass']) {
      if (spec[field] !== undefined && spec[field] !== null) report(field, "Forbidden: may only be used when `type` is 'LoadBalancer'", true);
    }
  }
  const ranges = asList(spec['loadBalancerSourceRanges']) ?? [];
  ranges.forEach((range, i) => {
    if (typeof range === 'string' && !isPlaceholder(range) && !isCidr(range.trim())) {
      context.report({ at: object.at('spec', 'loadBalancerSourceRanges', i), object: object.ref, message: `spec.loadBalancerSourceRanges[${i}]: Invalid value: "${range}": must be a CIDR such as 10.0.0.0/8` });
    }
  });
  // the annotation is read (and checked) only when the field is empty (ValidateService)
  const annotation = ranges.length === 0 ? asMap(asMap(object.raw['metadata'])?.['annotations'])?.[SOURCE_RANGES_ANNOTATION] : undefined;
  if (typeof annotation === 'string' && !isPlaceholder(annotation)) {
    const at = object.at('metadata', 'annotations', SOURCE_RANGES_ANNOTATION);
    const where = `metadata.annotations[${SOURCE_RANGES_ANNOTATION}]`;
    if (type !== 'LoadBalancer') {
      context.report({ at, object: object.ref, message: `${where}: Forbidden: may only be used when \`type\` is 'LoadBalancer'` });
    }
    const value = annotation.trim();
    for (const range of value === '' ? [] : value.split(',')) {
      if (!isCidr(range.trim())) context.report({ at, object: object.ref, message: `${where}: Invalid value: "${range.trim()}": must be a CIDR such as 10.0.0.0/8` });
    }
  }

  for (const [field, values] of Object.entries(ENUMS)) {
    const value = spec[field];
    if (typeof value === 'string' && value !== '' && !values.includes(value)) report(field, `Unsupported value: "${value}": supported values: ${supported(values)}`);
  }
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIPs.length > 0);
  const trafficPolicy = spec['externalTrafficPolicy'];
  if (typeof trafficPolicy === 'string' && trafficPolicy !== '' && !externallyAccessible && typeKnown) {
    report('externalTrafficPolicy', `Invalid value: "${trafficPolicy}": may only be set for externally-accessible services (type NodePort or LoadBalancer, or with externalIPs)`);
  }
  const healthCheck = spec['healthCheckNodePort'];
  if (typeof healthCheck === 'number' && healthCheck !== 0 && typeKnown) {
    if (type !== 'LoadBalancer' || trafficPolicy !== 'Local') {
      report('healthCheckNodePort', `Invalid value: ${healthCheck}: may only be set when \`type\` is 'LoadBalancer' and \`externalTrafficPolicy\` is 'Local'`);
    } else if (!isValidPortNumber(healthCheck)) {
      report('healthCheckNodePort', `Invalid value: ${healthCheck}: must be between 1 and 65535, inclusive`);
    }
  }
  const families = asList(spec['ipFamilies']) ?? [];
  families.forEach((family, i) => {
    if (typeof family !== 'string') return;
    const at = object.at('spec', 'ipFamilies', i);
    if (family !== 'IPv4' && family !== 'IPv6') {
      context.report({ at, object: object.ref, message: `spec.ipFamilies[${i}]: Unsupported value: "${family}": supported values: "IPv4", "IPv6"` });
    } else if (families.indexOf(family) < i) {
      context.report({ at, object: object.ref, message: `spec.ipFamilies[${i}]: Duplicate value: "${family}"` });
    }
  });
  const distribution = spec['trafficDistribution'];
  const distributions = trafficDistributions(kubeMinor);
  if (typeof distribution === 'string' && distributions && !isPlaceholder(distribution) && !distributions.includes(distribution)) {
    const later = distribution === 'PreferSameZone' || distribution === 'PreferSameNode' ? ' (served from Kubernetes 1.34)' : '';
    report('trafficDistribution', `Unsupported value: "${distribution}": supported values: ${supported(distributions)}${later}`);
  }
  const affinity = asMap(spec['sessionAffinityConfig']);
  const timeout = asMap(affinity?.['clientIP'])?.['timeoutSeconds'];
  if (spec['sessionAffinity'] === 'ClientIP' && typeof timeout === 'number' && (timeout <= 0 || timeout > 86400)) {
    context.report({
      at: object.at('spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'),
      object: object.ref,
      message: `spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: ${timeout}: must be greater than 0 and less than 86400`,
    });
  }
}

export default defineRule({
  meta: {
    id: 'service-type-invalid',
    severity: 'error',
    description: 'A Service type, ExternalName, headless, load-balancer or traffic setting the API server rejects',
  },
  create(context) {
    return {
      object(object) {
        if (object.kind !== 'Service' || object.group !== '') return;
        const spec = asMap(object.raw['spec']);
        if (spec) check(object, spec, context.settings.kubeMinor, context);
      },
    };
  },
});
