/**
 * A mermaid `flowchart LR` (renders on GitHub): Services → workloads, edges labelled with
 * `port → container port`; Services that select nothing, unresolved edges and edges to pods
 * that never become Ready drawn as errors; dotted edges from the workloads that call a Service
 * by name; and the custom resources that route to, monitor, configure, switch or scale them as
 * hexagons, each kind of edge in its own style, broken ones in red.
 */
import type { EdgeEntry } from '../../report/resolve.js';
import { describeEdge, SERVICE_EDGE_KINDS, targetServes } from './describe.js';
import type { ResolveFormatter } from './types.js';

/** Mermaid labels are quoted; quotes inside become an entity. */
function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

type EdgeKind = (typeof SERVICE_EDGE_KINDS)[number][0] | 'scaledBy' | 'podMonitoredBy';

/** Arrow and colour of each kind of edge from a custom resource. */
const EDGE_STYLES: Record<EdgeKind, { arrow: string; color: string }> = {
  routedBy: { arrow: '==>', color: '#1f6feb' },
  monitoredBy: { arrow: '--o', color: '#2da44e' },
  podMonitoredBy: { arrow: '--o', color: '#2da44e' },
  configuredBy: { arrow: '---', color: '#8c959f' },
  switchedBy: { arrow: '-->', color: '#8250df' },
  scaledBy: { arrow: '==>', color: '#bf8700' },
};

const BROKEN = 'stroke:#c00,stroke-width:2px,stroke-dasharray:4';

export const resolveMermaid: ResolveFormatter = (report) => {
  const lines = ['flowchart LR'];
  const ids = new Map<string, string>();
  const nodeId = (key: string, prefix: string): string => {
    let id = ids.get(key);
    if (!id) ids.set(key, (id = `${prefix}${ids.size}`));
    return id;
  };
  const workloadNode = (workload: { kind: string; namespace: string; name: string; file: string }): string => {
    const key = `${workload.kind}/${workload.namespace}/${workload.name}/${workload.file}`;
    const seen = ids.has(key);
    const id = nodeId(key, 'w');
    if (!seen) lines.push(`  ${id}(${label(`${workload.kind} ${workload.namespace}/${workload.name}`)})`);
    return id;
  };
  const resourceNode = (edge: EdgeEntry): string => {
    const key = `${edge.kind}/${edge.namespace}/${edge.name}/${edge.file}`;
    const seen = ids.has(key);
    const id = nodeId(key, 'c');
    if (!seen) lines.push(`  ${id}{{${label(`${edge.kind} ${edge.namespace}/${edge.name}`)}}}`);
    return id;
  };
  // every link, in order: linkStyle addresses them by position
  const styles = new Map<string, number[]>();
  let links = 0;
  const link = (text: string, style?: string) => {
    lines.push(text);
    if (style) styles.set(style, [...(styles.get(style) ?? []), links]);
    links++;
  };
  for (const service of report.services) {
    const svc = nodeId(`Service/${service.namespace}/${service.name}/${service.file}`, 's');
    lines.push(`  ${svc}[${label(`Service ${service.namespace}/${service.name}`)}]`);
    if (service.selector && service.workloads.length === 0) lines.push(`  class ${svc} error`);
    for (const workload of service.workloads) {
      const wl = workloadNode(workload);
      const ports = service.ports.map((port) => {
        const target = port.targets.find((t) => t.workload === `${workload.kind}/${workload.name}`);
        const lands = !target ? '?' : target.resolved ? String(target.containerPort ?? port.targetPort) : '✗';
        const notReady = target && !target.ready ? ' not ready' : '';
        return { text: `${port.port ?? '?'}→${lands}${notReady}`, serves: !target || targetServes(target) };
      });
      const broken = ports.some((p) => !p.serves);
      link(`  ${svc} -->|${label(ports.map((p) => p.text).join(', ') || 'no ports')}| ${wl}`, broken ? BROKEN : undefined);
    }
  }
  for (const workload of report.unselectedWorkloads) workloadNode(workload);
  for (const service of report.services) {
    const svc = ids.get(`Service/${service.namespace}/${service.name}/${service.file}`)!;
    for (const caller of service.calledBy) link(`  ${workloadNode(caller)} -.->|${label(caller.source)}| ${svc}`);
  }
  const edgeLink = (edge: EdgeEntry, kind: EdgeKind, target: string) => {
    const { arrow, color } = EDGE_STYLES[kind];
    link(`  ${resourceNode(edge)} ${arrow}|${label(describeEdge(edge))}| ${target}`, edge.broken ? BROKEN : `stroke:${color}`);
  };
  for (const service of report.services) {
    const svc = ids.get(`Service/${service.namespace}/${service.name}/${service.file}`)!;
    for (const [field] of SERVICE_EDGE_KINDS) for (const edge of service[field]) edgeLink(edge, field, svc);
  }
  for (const workload of report.workloadEdges) {
    const wl = workloadNode(workload);
    for (const edge of workload.monitoredBy) edgeLink(edge, 'podMonitoredBy', wl);
    for (const edge of workload.scaledBy) edgeLink(edge, 'scaledBy', wl);
  }
  for (const edge of report.danglingEdges) {
    const { target } = edge;
    const key = `missing/${target.kind}/${target.namespace}/${target.name}`;
    const seen = ids.has(key);
    const missing = nodeId(key, 'm');
    if (!seen) lines.push(`  ${missing}[${label(`${target.kind} ${target.namespace}/${target.name} (missing)`)}]`, `  class ${missing} error`);
    link(`  ${resourceNode(edge)} -->|${label(describeEdge(edge))}| ${missing}`, BROKEN);
  }
  lines.push('  classDef error fill:#fdd,stroke:#c00,color:#900');
  for (const [style, indexes] of styles) lines.push(`  linkStyle ${indexes.join(',')} ${style}`);
  return lines.join('\n') + '\n';
};
