/** Short texts shared by the resolve formats. */
import type { CallerEntry, PortEntry, ServiceEntry, TargetEntry } from '../../report/resolve.js';

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
