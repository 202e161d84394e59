/** Short texts shared by the resolve formats. */
import type { CallerEntry, EdgeEntry, PortEntry, ServiceEntry, TargetEntry, WorkloadEntry } from '../../report/resolve.js';

/** `http 80/TCP → http` (or `80/TCP → 8080`). */
export function describePort(port: PortEntry): string {
  const name = port.name ? `${port.name} ` : '';
  const nodePort = port.nodePort ? ` (nodePort ${port.nodePort})` : '';
  return `${name}${port.port ?? '?'}/${port.protocol}${nodePort} → ${port.targetPort ?? '?'}`;
}

/** `app:8080`, or why the target does not resolve or its pods are never ready. */
export function describeTarget(target: TargetEntry, port: PortEntry): string {
  const where = target.unknown
    ? `? (not declared; ${target.unknown})`
    : target.resolved
      ? `${target.container ?? '(undeclared)'}:${target.containerPort ?? '?'}`
      : `no port "${port.targetPort ?? '?'}" (${port.protocol})`;
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

/** The target of `port` on `workload`, if its ports are judged there. */
export function targetOn(port: PortEntry, workload: WorkloadEntry): TargetEntry | undefined {
  const notes = [workload.part, workload.madeBy ? `pods of ${workload.madeBy}` : undefined].filter(Boolean);
  const name = notes.length > 0 ? `${workload.kind}/${workload.name} (${notes.join(', ')})` : `${workload.kind}/${workload.name}`;
  return port.targets.find((t) => t.workload === name && (t.file === undefined || t.file === workload.file));
}

/** `Deployment/web`, `RayCluster/ray (head)`, `Deployment/web (pods of Rollout/web)`, `Deployment/web (kustomize patch)`. */
export function describeWorkload(workload: WorkloadEntry): string {
  const notes = [workload.part, workload.madeBy ? `pods of ${workload.madeBy}` : undefined, workload.patch ? 'kustomize patch' : undefined].filter(Boolean);
  return `${workload.kind}/${workload.name}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/** `web: env CATALOG_URL "http://catalog.shop.svc"` */
export function describeCall(caller: CallerEntry): string {
  return `${caller.container}: ${caller.source} "${caller.text}"`;
}

/** ` in overlay overlays/prod` for a rendered Service or workload (`--render`), else nothing. */
export function describeEnvironment(entry: { readonly environment?: string; readonly renderedBy?: 'kustomize' | 'helm' }): string {
  return entry.environment ? ` in ${entry.renderedBy === 'helm' ? 'chart' : 'overlay'} ${entry.environment}` : '';
}

/** ` [overlays/prod]`: tells apart the copies of an object in several rendered environments (`--render`). */
export function inEnvironment(entry: { readonly environment?: string }): string {
  return entry.environment ? ` [${entry.environment}]` : '';
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
