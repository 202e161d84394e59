/** Short texts shared by the resolve formats. */
import type { CallerEntry, EdgeEntry, PortEntry, ServiceEntry, TargetEntry } from '../../report/resolve.js';

/** `http 80/TCP → http` (or `80/TCP → 8080`). */
export function describePort(port: PortEntry): string {
  const name = port.name ? `${port.name} ` : '';
  const nodePort = port.nodePort ? ` (nodePort ${port.nodePort})` : '';
  return `${name}${port.port ?? '?'}/${port.protocol}${nodePort} → ${port.targetPort ?? '?'}`;
}

/** `app:8080`, or why the target does not resolve or its pods are never ready. */
export function describeTarget(target: TargetEntry, port: PortEntry): string {
  const where = target.resolved ? `${target.container ?? '(undeclared)'}:${target.containerPort ?? '?'}` : `no port "${port.targetPort}" (${port.protocol})`;
  return target.ready ? where : `${where}, never ready: ${target.notReadyReason}`;
}

/** The target gets traffic: its port resolves and its pods can become Ready. */
export function targetServes(target: TargetEntry): boolean {
  return target.resolved && target.ready;
}

export function describeSelector(service: ServiceEntry): string {
  if (!service.selector) return service.type === 'ExternalName' ? 'none (ExternalName)' : 'none (endpoints managed by hand)';
  return Object.entries(service.selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** `web: env CATALOG_URL "http://catalog.shop.svc"` */
export function describeCall(caller: CallerEntry): string {
  return `${caller.container}: ${caller.source} "${caller.text}"`;
}

/** `backendRef port 80`, `http route port 80 subset v1`, `endpoint port telemetry`, `canary Service`. */
export function describeEdge(edge: EdgeEntry): string {
  const port = edge.port !== null ? ` port ${edge.port}` : '';
  const subset = edge.subset !== null ? ` subset ${edge.subset}` : '';
  return `${edge.via}${port}${subset}`;
}

/** The edge arrays of a Service, with their headings in `resolve` output. */
export const SERVICE_EDGE_KINDS = [
  ['routedBy', 'routed by'],
  ['monitoredBy', 'monitored by'],
  ['configuredBy', 'configured by'],
  ['switchedBy', 'switched by'],
] as const;
