import { defineRule, didYouMean } from '../src/engine/rule.js';
import { podSpecRejection, type ContainerView, type PodSource } from '../src/model/pod-source.js';
import { probePortPath, type ProbeField, type ProbePortProblem, type ProbeView } from '../src/model/probes.js';
import { closest } from '../src/util/closest.js';

/** What a probe that never succeeds does to the pod. */
const CONSEQUENCE: Record<ProbeField, string> = {
  readinessProbe: 'the pod never becomes Ready, so no Service sends it traffic',
  startupProbe: 'the container never counts as started: it is restarted over and over and never becomes Ready',
  livenessProbe: 'the kubelet restarts the container over and over',
};

function declaredPorts(container: ContainerView): string {
  const ports = container.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.containerPort ?? '?'}/${p.protocol}`);
  return ports.length > 0 ? `it declares ${ports.join(', ')}` : 'it declares no ports';
}

function closestPortName(container: ContainerView, name: string): string | undefined {
  return closest(name, container.ports.flatMap((p) => (p.name ? [p.name] : [])));
}

function describe(source: PodSource, container: ContainerView, probe: ProbeView, problem: ProbePortProblem): string {
  const what = `${probe.field} (${probe.handler}) of container "${container.name}"`;
  switch (problem.kind) {
    case 'invalid-number':
      return `${what} uses port ${probe.port}, outside 1-65535: the API server rejects it${podSpecRejection(source.kind)}`;
    case 'invalid-name':
      return /^\d+$/.test(String(probe.port))
        ? `${what} uses port "${probe.port}", a quoted number, which is read as a port name and is not a valid one: the API server rejects it${podSpecRejection(source.kind)}. Write ${probe.port} unquoted`
        : `${what} uses port "${probe.port}", which is not a valid port name (at most 15 lowercase letters, digits and '-', with a letter): the API server rejects it${podSpecRejection(source.kind)}`;
    case 'not-tcp':
      return `${what} uses port "${probe.port}", which the container declares for ${problem.protocol} only (${problem.containerPort ?? '?'}/${problem.protocol}); probes connect over TCP, so it succeeds only if the process also listens on TCP ${problem.containerPort ?? 'there'}`;
    case 'undeclared-name': {
      const name = String(probe.port);
      const elsewhere = source.containers.find((c) => c !== container && c.ports.some((p) => p.name === name));
      const suggestion = closestPortName(container, name);
      return (
        `${what} uses port "${name}", which the container does not declare (${declaredPorts(container)}): ` +
        `the probe never succeeds and ${CONSEQUENCE[probe.field]}` +
        (elsewhere ? `. Container "${elsewhere.name}" declares it, but a probe resolves names within its own container only` : '') +
        (suggestion ? `. Did you mean "${suggestion}"?` : '')
      );
    }
  }
}

export default defineRule({
  meta: {
    id: 'probe-port-no-match',
    severity: 'error',
    description: 'A readiness, liveness or startup probe names a port its container does not declare (or cannot be a port)',
  },
  create(context) {
    return {
      podSource(source) {
        // plain init containers cannot have probes (the API server rejects them)
        for (const container of source.servingContainers) {
          for (const { probe, problem } of container.probeProblems) {
            // an operator or a kustomize patch may declare the name in this container
            if (source.openPorts && problem.kind === 'undeclared-name') continue;
            const at = source.ref.at(...source.containerPath(container), ...probePortPath(probe));
            context.report({
              at,
              object: source.ref,
              message: describe(source, container, probe, problem),
              // a UDP-only name may still work when the process listens on TCP too
              ...(problem.kind === 'not-tcp' ? { warning: true } : {}),
              ...(problem.kind === 'undeclared-name' ? didYouMean(at, String(probe.port), closestPortName(container, String(probe.port))) : {}),
            });
          }
        }
      },
    };
  },
});
