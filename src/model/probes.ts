/**
 * Container probes as the kubelet runs them. A probe port given as a name is looked up in that
 * container's own `ports` only, by name alone (the first port of that name, whatever its
 * protocol); `httpGet`, `tcpSocket` and `grpc` all connect over TCP. A numeric port is used as
 * is, declared or not. `grpc.port` is a number only.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1.js';
import type { PathSegment } from '../load/positions.js';
import { isValidPortName, isValidPortNumber } from './names.js';
import { asInteger, asMap, asString, isPlaceholder } from './values.js';

export const PROBE_FIELDS = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const satisfies readonly (keyof Container)[];
export type ProbeField = (typeof PROBE_FIELDS)[number];

const PORT_HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const satisfies readonly (keyof Probe)[];
export type PortHandler = (typeof PORT_HANDLERS)[number];

export interface ProbeView {
  readonly field: ProbeField;
  /** The action that uses a port (`exec` uses none). */
  readonly handler: PortHandler;
  /** The port as written: a number, or a string (a port name). */
  readonly port: number | string | undefined;
}

export interface ProbeProblem {
  readonly probe: ProbeView;
  readonly problem: ProbePortProblem;
}

export interface ContainerProbes {
  readonly hasReadinessProbe: boolean;
  /** Only the probes whose port cannot work: the rest is not kept (this runs for every container). */
  readonly problems: readonly ProbeProblem[];
}

const NO_PROBLEMS: readonly ProbeProblem[] = [];

/** What the probes of a container mapping say, given the ports it declares. */
export function readProbes(container: Readonly<Record<string, unknown>>, ports: readonly DeclaredPort[]): ContainerProbes {
  let problems: ProbeProblem[] | undefined;
  let hasReadinessProbe = false;
  for (const field of PROBE_FIELDS) {
    const probe = asMap(container[field]);
    if (!probe) continue;
    if (field === 'readinessProbe') hasReadinessProbe = true;
    for (const handler of PORT_HANDLERS) {
      const action = asMap(probe[handler]);
      if (!action) continue;
      const view: ProbeView = { field, handler, port: asInteger(action['port']) ?? asString(action['port']) };
      const problem = probePortProblem(view, ports);
      if (problem) (problems ??= []).push({ probe: view, problem });
      break;
    }
  }
  return { hasReadinessProbe, problems: problems ?? NO_PROBLEMS };
}

/** Where the probe's port is, from the container. */
export function probePortPath(probe: ProbeView): PathSegment[] {
  return [probe.field, probe.handler, 'port'];
}

interface DeclaredPort {
  readonly name?: string;
  readonly containerPort?: number;
  readonly protocol: string;
}

/** Why a probe can never reach its port, or undefined when it can (or it has no port). */
export type ProbePortProblem =
  /** A number outside 1–65535: the API server rejects it. */
  | { readonly kind: 'invalid-number' }
  /** A string that is not a port name (`"8080"` quoted): the API server rejects it. */
  | { readonly kind: 'invalid-name' }
  /** A name this container does not declare. */
  | { readonly kind: 'undeclared-name' }
  /** A name declared only for UDP or SCTP: the probe connects over TCP. */
  | { readonly kind: 'not-tcp'; readonly protocol: string; readonly containerPort?: number };

function probePortProblem(probe: ProbeView, ports: readonly DeclaredPort[]): ProbePortProblem | undefined {
  if (probe.port === undefined) return undefined;
  if (typeof probe.port === 'number') return isValidPortNumber(probe.port) ? undefined : { kind: 'invalid-number' };
  // a string grpc.port is a type error, manifest-schema's finding; a placeholder is unknown
  if (probe.handler === 'grpc' || isPlaceholder(probe.port)) return undefined;
  if (!isValidPortName(probe.port)) return { kind: 'invalid-name' };
  const declared = ports.find((p) => p.name === probe.port);
  if (!declared) return { kind: 'undeclared-name' };
  if (declared.protocol !== 'TCP') {
    return { kind: 'not-tcp', protocol: declared.protocol, ...(declared.containerPort !== undefined ? { containerPort: declared.containerPort } : {}) };
  }
  return undefined;
}
