import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { Path } from '../src/load/positions.js';
import { formatPath } from '../src/load/positions.js';
import { LEGACY_INGRESS_VERSIONS } from '../src/model/ingress.js';
import { dns1035LabelProblems, isValidPortNumber, portNameProblems } from '../src/model/names.js';
import type { K8sObject } from '../src/model/object.js';
import { asList, asMap, dig, isPlaceholder, type PlainMap } from '../src/model/values.js';
import { quote } from '../src/util/text.js';

/** The fields of an IngressBackend, in the current and the legacy shape. */
const BACKEND_FIELDS: ReadonlySet<string> = new Set(['service', 'resource']);
const LEGACY_BACKEND_FIELDS: ReadonlySet<string> = new Set(['serviceName', 'servicePort', 'resource']);

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/**
 * validateIngressBackend (pkg/apis/networking/validation): a backend is a Service (name, and a
 * port by name or by number) or a resource, never both. The legacy shape (`serviceName`,
 * `servicePort`) converts to the same and is checked the same way, under its own field names.
 */
function checkBackend(object: K8sObject, backend: PlainMap, path: Path, legacy: boolean, context: RuleContext): void {
  const report = (at: ReturnType<K8sObject['at']>, field: string, message: string) =>
    context.report({ at, object: object.ref, message: `${formatPath([...path, ...(field ? [field] : [])])}: ${message}` });
  const hasResource = isSet(backend['resource']);
  const service = legacy ? backend : asMap(backend['service']);
  const hasService = legacy ? isSet(backend['serviceName']) || isSet(backend['servicePort']) : isSet(backend['service']);
  if (hasResource && hasService) {
    report(object.keyAt(...path), '', 'Invalid value: "": cannot set both resource and service backends');
    return;
  }
  if (hasResource) return;
  if (!hasService || !service) {
    // fields of the other shape (`serviceName` in networking.k8s.io/v1) are manifest-schema's
    // unknown fields: the one finding for that mistake
    const fields = legacy ? LEGACY_BACKEND_FIELDS : BACKEND_FIELDS;
    const onlyKnownFields = Object.keys(backend).every((key) => fields.has(key));
    if (!hasService && onlyKnownFields) report(object.keyAt(...path), '', 'Invalid value: "": resource or service backend is required');
    return;
  }
  const nameField = legacy ? ['serviceName'] : ['service', 'name'];
  const name = service[legacy ? 'serviceName' : 'name'];
  if (name === undefined || name === null || name === '') {
    report(object.keyAt(...path, ...(legacy ? [] : ['service'])), nameField.join('.'), 'Required value');
  } else if (typeof name === 'string' && !isPlaceholder(name)) {
    // ValidateServiceName: a Service name is a DNS-1035 label
    for (const problem of dns1035LabelProblems(name)) report(object.at(...path, ...nameField), nameField.join('.'), `Invalid value: ${quote(name)}: ${problem}`);
  }
  let portName: unknown;
  let portNumber: unknown;
  if (legacy) {
    const port = backend['servicePort'];
    if (typeof port === 'string') portName = port;
    else portNumber = port;
  } else {
    const port = asMap(service['port']);
    portName = port?.['name'];
    portNumber = port?.['number'];
  }
  if (typeof portName === 'string' && isPlaceholder(portName)) return; // filled in later: unknown
  const hasName = typeof portName === 'string' && portName !== '';
  // `number: 0` is unset
  const hasNumber = typeof portNumber === 'number' && portNumber !== 0;
  const portPath = legacy ? ['servicePort'] : ['service', 'port'];
  if (hasName && hasNumber) {
    report(object.keyAt(...path, ...portPath), '', 'Invalid value: "": cannot set both port name & port number');
  } else if (hasName) {
    const problems = portNameProblems(portName as string);
    const at = legacy ? portPath : [...portPath, 'name'];
    if (problems.length > 0) {
      const quotedNumber = /^\d+$/.test(portName as string) ? `; a quoted number is a port name: write ${portName as string} without quotes` : '';
      report(object.at(...path, ...at), at.join('.'), `Invalid value: ${quote(portName as string)}: ${problems.join(', ')} (a port name here is an IANA service name${quotedNumber})`);
    }
  } else if (hasNumber) {
    const at = legacy ? portPath : [...portPath, 'number'];
    if (Number.isInteger(portNumber) && !isValidPortNumber(portNumber as number)) {
      report(object.at(...path, ...at), at.join('.'), `Invalid value: ${String(portNumber)}: must be between 1 and 65535, inclusive`);
    }
  } else if ((!isSet(portNumber) || portNumber === 0) && (!isSet(portName) || portName === '')) {
    // (a port of another type is manifest-schema's finding)
    report(object.keyAt(...path, ...(legacy ? [] : ['service'])), '', `Required value: port name or number is required (${legacy ? 'servicePort' : 'service.port.name or service.port.number'})`);
  }
}

function check(object: K8sObject, context: RuleContext): void {
  const legacy = LEGACY_INGRESS_VERSIONS.has(object.apiVersion);
  const spec = asMap(object.raw['spec']);
  const defaultField = legacy ? 'backend' : 'defaultBackend';
  const rules = asList(spec?.['rules']) ?? [];
  const defaultBackend = spec?.[defaultField];
  if (!isSet(defaultBackend) && rules.length === 0 && (spec || object.raw['spec'] === undefined)) {
    // ValidateIngressSpec
    context.report({
      at: spec ? object.keyAt('spec') : object.keyAt('kind'),
      object: object.ref,
      message: `Ingress "${object.name}": spec: Invalid value: either \`${defaultField}\` or \`rules\` must be specified; it routes nothing`,
    });
  }
  const backend = asMap(defaultBackend);
  if (backend) checkBackend(object, backend, ['spec', defaultField], legacy, context);
  rules.forEach((rule, r) => {
    const http = asMap(dig(rule, 'http'));
    if (!http) return;
    const paths = asList(http['paths']);
    if (!paths || paths.length === 0) {
      // validateHTTPIngressRuleValue
      context.report({ at: object.keyAt('spec', 'rules', r, 'http'), object: object.ref, message: `spec.rules[${r}].http.paths: Required value` });
      return;
    }
    paths.forEach((entry, p) => {
      const pathBackend = asMap(dig(entry, 'backend'));
      if (pathBackend) checkBackend(object, pathBackend, ['spec', 'rules', r, 'http', 'paths', p, 'backend'], legacy, context);
    });
  });
}

export default defineRule({
  meta: {
    id: 'ingress-invalid',
    severity: 'error',
    description: 'An Ingress the API server rejects: no defaultBackend and no rules, a backend with both or neither of a port name and number, an invalid Service name or port',
  },
  create(context) {
    // (context's model and index are read only when used: not copied)
    const withoutAbsences: RuleContext = {
      settings: context.settings,
      get model() {
        return context.model;
      },
      get index() {
        return context.index;
      },
      report: (report) => {
        if (!/Required value|must be specified/.test(report.message)) context.report(report);
      },
    };
    return {
      object(object) {
        if (object.kind !== 'Ingress' || (object.group !== 'networking.k8s.io' && object.group !== 'extensions')) return;
        // a kustomize patch writes only what it changes: what it leaves out is its base's
        check(object, object.ref.partial ? withoutAbsences : context);
      },
    };
  },
});
