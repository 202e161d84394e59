import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { isIPv6, NOT_AN_IP, parseIP, specialIPProblem, type ParsedIP } from '../src/model/ip.js';
import type { K8sObject } from '../src/model/object.js';
import { asList, asMap, isPlaceholder, type PlainMap } from '../src/model/values.js';
import { quote } from '../src/util/text.js';

function list(values: readonly unknown[]): string {
  return `[${values.map((v) => (typeof v === 'string' ? quote(v) : String(v))).join(', ')}]`;
}

/**
 * ValidateServiceClusterIPsRelatedFields, after the registry has filled `clusterIPs` from a lone
 * `clusterIP` (NormalizeClusterIPs on create). ExternalName Services are service-type-invalid's.
 */
function checkClusterIPs(object: K8sObject, spec: PlainMap, context: RuleContext): void {
  const report = (at: ReturnType<K8sObject['at']>, message: string) => context.report({ at, object: object.ref, message });
  const clusterIP = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
  const written = asList(spec['clusterIPs']);
  if (written && written.some((ip) => typeof ip !== 'string')) return; // manifest-schema's finding
  if (isPlaceholder(clusterIP) || written?.some((ip) => isPlaceholder(ip as string))) return;
  // a lone clusterIP is copied into clusterIPs: its problems are reported at clusterIP
  const fromClusterIP = clusterIP !== '' && (!written || written.length === 0);
  const clusterIPs = (fromClusterIP ? [clusterIP] : written ?? []) as string[];
  const at = (i: number) => (fromClusterIP ? object.at('spec', 'clusterIP') : object.at('spec', 'clusterIPs', i));
  const where = (i: number) => (fromClusterIP ? 'spec.clusterIP' : `spec.clusterIPs[${i}]`);

  if (!fromClusterIP && clusterIPs.length > 0) {
    if (clusterIP === '') {
      report(object.keyAt('spec', 'clusterIPs'), `spec.clusterIPs: Invalid value: ${list(clusterIPs)}: must be empty when \`clusterIP\` is not specified`);
    } else if (clusterIPs[0] !== clusterIP) {
      report(object.at('spec', 'clusterIPs', 0), `spec.clusterIPs: Invalid value: ${list(clusterIPs)}: first value must match \`clusterIP\` (${quote(clusterIP)})`);
    }
  }
  const parsed: ParsedIP[] = [];
  let invalid = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalid = true;
        report(object.at('spec', 'clusterIPs', 1), `spec.clusterIPs: Invalid value: ${list(clusterIPs)}: 'None' must be the first and only value`);
      }
      return;
    }
    const address = parseIP(ip);
    if (address) parsed.push(address);
    else {
      invalid = true;
      report(at(i), `${where(i)}: Invalid value: ${quote(ip)}: ${NOT_AN_IP}${ip === 'None' ? " ('None' is allowed only alone, as the first value)" : ''}`);
    }
  });
  if (clusterIPs.length > 2) report(object.at('spec', 'clusterIPs', 2), `spec.clusterIPs: Invalid value: ${list(clusterIPs)}: may only hold up to 2 values`);
  if (invalid) return;
  if (parsed.length === 2 && isIPv6(parsed[0]!) === isIPv6(parsed[1]!)) {
    report(object.at('spec', 'clusterIPs', 1), `spec.clusterIPs: Invalid value: ${list(clusterIPs)}: may specify no more than one IP for each IP family`);
  }
  const families = asList(spec['ipFamilies']) ?? [];
  parsed.forEach((address, i) => {
    const family = families[i];
    if (family === 'IPv4' && isIPv6(address)) report(at(i), `${where(i)}: Invalid value: ${quote(clusterIPs[i]!)}: expected an IPv4 value as indicated by \`ipFamilies[${i}]\``);
    if (family === 'IPv6' && !isIPv6(address)) report(at(i), `${where(i)}: Invalid value: ${quote(clusterIPs[i]!)}: expected an IPv6 value as indicated by \`ipFamilies[${i}]\``);
  });
}

/** ValidateService: each external IP is an IP address (IsValidIP) and not a special one (ValidateNonSpecialIP). */
function checkExternalIPs(object: K8sObject, spec: PlainMap, context: RuleContext): void {
  (asList(spec['externalIPs']) ?? []).forEach((ip, i) => {
    if (typeof ip !== 'string' || isPlaceholder(ip)) return;
    const address = parseIP(ip);
    const problem = address ? specialIPProblem(address, ip) : NOT_AN_IP;
    if (problem) context.report({ at: object.at('spec', 'externalIPs', i), object: object.ref, message: `spec.externalIPs[${i}]: Invalid value: ${quote(ip)}: ${problem}` });
  });
}

export default defineRule({
  meta: {
    id: 'service-ip-invalid',
    severity: 'error',
    description: "A Service clusterIP, clusterIPs or externalIPs entry the API server rejects: not an IP, 'None' not alone, clusterIPs[0] not clusterIP, a special external IP",
  },
  create(context) {
    return {
      object(object) {
        if (object.kind !== 'Service' || object.group !== '') return;
        const spec = asMap(object.raw['spec']);
        if (!spec) return;
        if (spec['type'] !== 'ExternalName' && (spec['clusterIP'] !== undefined || spec['clusterIPs'] !== undefined)) checkClusterIPs(object, spec, context);
        if (spec['externalIPs'] !== undefined) checkExternalIPs(object, spec, context);
      },
    };
  },
});
