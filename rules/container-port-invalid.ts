import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { Path } from '../src/load/positions.js';
import { isValidPortNumber, isValidProtocol, portNameProblems } from '../src/model/names.js';
import type { K8sObject } from '../src/model/object.js';
import { podSpecRejection, templatePathOf } from '../src/model/pod-source.js';
import { asList, asMap, asString, dig } from '../src/model/values.js';


function checkPodSpec(object: K8sObject, template: Path, context: RuleContext): void {
  const spec = asMap(dig(object.raw, ...template, 'spec'));
  if (!spec) return;
  const hostNetwork = spec['hostNetwork'] === true;
  const rejection = podSpecRejection(object.kind);
  const namesInPod = new Map<string, string>();
  // App containers run together: their host ports must differ (checkHostPortConflicts over all of
  // them). Init containers are checked one by one, each on its own (validateInitContainers).
  const appHostPorts = new Map<string, string>();
  for (const list of ['containers', 'initContainers'] as const) {
    (asList(spec[list]) ?? []).forEach((item, c) => {
      const container = asMap(item);
      if (!container) return;
      const containerName = asString(container['name']) ?? `#${c}`;
      const namesInContainer = new Set<string>();
      const hostPorts = list === 'containers' ? appHostPorts : new Map<string, string>();
      (asList(container['ports']) ?? []).forEach((portItem, p) => {
        const port = asMap(portItem);
        if (!port) return;
        // (the path and the message prefix are built only for a finding: most ports have none)
        const report = (field: string | undefined, message: string, warning = false) => {
          const path: Path = [...template, 'spec', list, c, 'ports', p];
          const where = `${list}[${c}].ports[${p}]`;
          context.report({
            at: field ? object.at(...path, field) : object.at(...path),
            object: object.ref,
            message: `container "${containerName}" ${where}${field ? `.${field}` : ''}: ${message}${warning ? '' : rejection}`,
            ...(warning ? { warning } : {}),
          });
        };

        const number = port['containerPort'];
        if (number === undefined || number === null || number === 0) report(undefined, 'containerPort is required (Required value)');
        else if (typeof number === 'number' && Number.isInteger(number) && !isValidPortNumber(number)) {
          report('containerPort', `Invalid value: ${number}: must be between 1 and 65535, inclusive`);
        }
        const hostPort = port['hostPort'];
        // with hostNetwork a hostPort of 0 is defaulted to containerPort; any other value must equal it
        if (typeof hostPort === 'number' && hostPort !== 0 && Number.isInteger(hostPort)) {
          if (!isValidPortNumber(hostPort)) report('hostPort', `Invalid value: ${hostPort}: must be between 1 and 65535, inclusive`);
          else if (hostNetwork && hostPort !== number) report('hostPort', `Invalid value: ${hostPort}: must match \`containerPort\` when \`hostNetwork\` is true`);
        }
        const protocol = port['protocol'] ?? 'TCP';
        if (typeof protocol === 'string' && !isValidProtocol(protocol)) {
          report('protocol', `Unsupported value: "${protocol}": supported values: "SCTP", "TCP", "UDP"`);
        }
        if (typeof hostPort === 'number' && hostPort !== 0 && typeof protocol === 'string') {
          const key = `${protocol}/${asString(port['hostIP']) ?? ''}/${hostPort}`;
          const first = hostPorts.get(key);
          if (first) report('hostPort', `Duplicate value: "${key}": ${first === containerName ? 'another port of this container' : `container "${first}"`} already uses it`);
          else hostPorts.set(key, containerName);
        }

        const name = port['name'];
        if (typeof name !== 'string' || name === '') return;
        const problems = portNameProblems(name);
        if (problems.length > 0) {
          report('name', `Invalid value: "${name}": ${problems.join(', ')}`);
          return;
        }
        if (namesInContainer.has(name)) {
          report('name', `Duplicate value: "${name}" (port names must be unique within a container)`);
          return;
        }
        namesInContainer.add(name);
        const other = namesInPod.get(name);
        if (other) {
          report('name', `duplicate port name "${name}" with ${other}: Services and probes that select ports by name will use the first one`, true);
        } else {
          namesInPod.set(name, `container "${containerName}"`);
        }
      });
    });
  }
}

export default defineRule({
  meta: {
    id: 'container-port-invalid',
    severity: 'error',
    description: 'A containerPort or hostPort out of range or used twice, an invalid or duplicate port name (a warning across containers of a pod)',
  },
  create(context) {
    return {
      object(object) {
        const template = templatePathOf(object);
        if (template) checkPodSpec(object, template, context);
      },
    };
  },
});
