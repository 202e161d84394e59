import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { K8sObject } from '../src/model/object.js';
import { dns1123LabelProblems, isValidPortNumber, isValidProtocol, labelKeyProblems, portNameProblems } from '../src/model/names.js';
import { asList, asMap } from '../src/model/values.js';


/** Values of the wrong type are manifest-schema's findings; these checks read well-typed values only. */
function checkPorts(object: K8sObject, context: RuleContext): void {
  if (object.raw['spec'] === undefined) {
    if (object.ref.partial) return;
    context.report({ at: object.keyAt('kind'), object: object.ref, message: `Service "${object.name}" has no spec (spec.ports: Required value)` });
    return;
  }
  const spec = asMap(object.raw['spec']);
  const ports = asList(spec?.['ports']);
  const type = spec?.['type'];
  const headless = spec?.['clusterIP'] === 'None' || asList(spec?.['clusterIPs'])?.[0] === 'None';
  if (ports === undefined || ports.length === 0) {
    // a kustomize patch need not repeat its base's ports
    if (spec && spec['ports'] === undefined && !headless && type !== 'ExternalName' && !object.ref.partial) {
      context.report({ at: object.keyAt('spec'), object: object.ref, message: `Service "${object.name}" has no ports (spec.ports: Required value; only headless and ExternalName Services may omit them)` });
    }
    return;
  }
  const names = new Map<string, number>();
  const pairs = new Map<string, number>();
  ports.forEach((item, i) => {
    const port = asMap(item);
    if (!port) return;
    const at = (field: string) => object.at('spec', 'ports', i, field);
    const report = (field: string | undefined, message: string) =>
      context.report({ at: field ? at(field) : object.at('spec', 'ports', i), object: object.ref, message: `spec.ports[${i}]${field ? `.${field}` : ''}: ${message}` });

    const name = port['name'];
    // (a kustomize patch's ports merge with its base's, which may name them)
    if (ports.length > 1 && (name === undefined || name === null || name === '') && !object.ref.partial) {
      report(undefined, 'name is required when a Service has more than one port');
    } else if (typeof name === 'string' && name !== '') {
      for (const problem of dns1123LabelProblems(name)) report('name', `Invalid value: "${name}": ${problem}`);
      const first = names.get(name);
      if (first !== undefined) report('name', `Duplicate value: "${name}" (also the name of spec.ports[${first}])`);
      else names.set(name, i);
    }

    const number = port['port'];
    // validateServicePort: IsValidPortNum, also for an omitted port (decoded as 0); a kustomize
    // patch's ports merge with its base's, which have them
    if ((number === undefined || number === null) && !object.ref.partial) report(undefined, 'port is missing, so it is 0: Invalid value: 0: must be between 1 and 65535, inclusive');
    else if (typeof number === 'number' && Number.isInteger(number) && !isValidPortNumber(number)) {
      report('port', `Invalid value: ${number}: must be between 1 and 65535, inclusive`);
    }

    const protocol = port['protocol'] ?? 'TCP';
    if (typeof protocol === 'string' && !isValidProtocol(protocol)) {
      report('protocol', `Unsupported value: "${protocol}": supported values: "SCTP", "TCP", "UDP"${isValidProtocol(protocol.toUpperCase()) ? ` (protocols are case-sensitive: "${protocol.toUpperCase()}")` : ''}`);
    }
    if (typeof number === 'number' && typeof protocol === 'string') {
      const pair = `${number}/${protocol}`;
      const first = pairs.get(pair);
      if (first !== undefined) report('port', `Duplicate value: ${pair} is also spec.ports[${first}] (port and protocol must be unique)`);
      else pairs.set(pair, i);
    }

    const target = port['targetPort'];
    if (typeof target === 'number' && Number.isInteger(target) && target !== 0 && !isValidPortNumber(target)) {
      report('targetPort', `Invalid value: ${target}: must be between 1 and 65535, inclusive`);
    } else if (typeof target === 'string' && target !== '') {
      const problems = portNameProblems(target);
      const quotedNumber = /^\d+$/.test(target) ? ` (a quoted number is a port name; write ${target} without quotes)` : '';
      if (problems.length > 0) report('targetPort', `Invalid value: "${target}": ${problems.join(', ')}${quotedNumber}`);
    }

    const appProtocol = port['appProtocol'];
    if (typeof appProtocol === 'string') {
      for (const problem of labelKeyProblems(appProtocol)) report('appProtocol', `Invalid value: "${appProtocol}": ${problem}`);
    }
  });
}

export default defineRule({
  meta: {
    id: 'service-port-invalid',
    severity: 'error',
    description: 'A Service port the API server rejects: number, protocol, name, duplicates, targetPort',
  },
  create(context) {
    return {
      object(object) {
        if (object.kind === 'Service' && object.group === '') checkPorts(object, context);
      },
    };
  },
});
