/**
 * A mermaid `flowchart LR` (renders on GitHub): Services → workloads, edges labelled with
 * `port → container port`; Services that select nothing, unresolved edges and edges to pods
 * that never become Ready drawn as errors;
 * dotted edges from the workloads that call a Service by name.
 */
import { inEnvironment, targetOn, targetServes } from './describe.js';
import type { ResolveFormatter } from './types.js';

/** Mermaid labels are quoted; quotes inside become an entity. */
function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

export const resolveMermaid: ResolveFormatter = (report) => {
  const lines = ['flowchart LR'];
  const ids = new Map<string, string>();
  const nodeId = (key: string, prefix: string): string => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = `${prefix}${ids.size}`));
    return id;
  };
  const workloadNode = (workload: { kind: string; namespace: string; name: string; file: string; part?: string; environment?: string }): string => {
    const part = `${workload.part ? ` (${workload.part})` : ''}${inEnvironment(workload)}`;
    const key = `${workload.kind}/${workload.namespace}/${workload.name}/${workload.file}${part}`;
    const seen = ids.has(key);
    const id = nodeId(key, 'w');
    if (!seen) lines.push(`  ${id}(${label(`${workload.kind} ${workload.namespace}/${workload.name}${part}`)})`);
    return id;
  };
  const errorEdges: number[] = [];
  let edge = 0;
  for (const service of report.services) {
    const svc = nodeId(`Service/${service.namespace}/${service.name}/${service.file}${inEnvironment(service)}`, 's');
    lines.push(`  ${svc}[${label(`Service ${service.namespace}/${service.name}${inEnvironment(service)}`)}]`);
    if (service.selector && service.workloads.length === 0) lines.push(`  class ${svc} error`);
    for (const workload of service.workloads) {
      const wl = workloadNode(workload);
      const ports = service.ports.map((port) => {
        const target = targetOn(port, workload);
        const lands = !target ? '?' : target.resolved ? String(target.containerPort ?? port.targetPort) : '✗';
        const notReady = target && !target.ready ? ' not ready' : '';
        return { text: `${port.port ?? '?'}→${lands}${notReady}`, serves: !target || targetServes(target) };
      });
      const broken = ports.some((p) => !p.serves);
      lines.push(`  ${svc} -->|${label(ports.map((p) => p.text).join(', ') || 'no ports')}| ${wl}`);
      if (broken) errorEdges.push(edge);
      edge++;
    }
  }
  for (const workload of report.unselectedWorkloads) workloadNode(workload);
  for (const service of report.services) {
    const svc = ids.get(`Service/${service.namespace}/${service.name}/${service.file}${inEnvironment(service)}`)!;
    for (const caller of service.calledBy) lines.push(`  ${workloadNode(caller)} -.->|${label(caller.source)}| ${svc}`);
  }
  lines.push('  classDef error fill:#fdd,stroke:#c00,color:#900');
  if (errorEdges.length > 0) lines.push(`  linkStyle ${errorEdges.join(',')} stroke:#c00,stroke-width:2px,stroke-dasharray:4`);
  return lines.join('\n') + '\n';
};
