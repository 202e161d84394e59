/**
 * Graphviz: `k8s-svc-lint resolve -f dot . | dot -Tsvg > services.svg`. Services → workloads
 * with port labels (unresolved or never ready in red); dotted edges from the workloads that call
 * a Service; hexagons for the custom resources that route to, monitor, configure, switch or
 * scale them, each kind of edge in its own style, broken ones in red; missing targets in red.
 */
import type { EdgeEntry } from '../../report/resolve.js';
import { describeEdge, SERVICE_EDGE_KINDS, targetServes } from './describe.js';
import type { ResolveFormatter } from './types.js';

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Graphviz attributes of each kind of edge from a custom resource. */
const EDGE_STYLES: Record<string, string> = {
  routedBy: 'color=royalblue, penwidth=2',
  monitoredBy: 'color=forestgreen, style=dashed, arrowhead=odot',
  configuredBy: 'color=gray50, arrowhead=none',
  switchedBy: 'color=purple, arrowhead=diamond',
  scaledBy: 'color=darkorange, penwidth=2, arrowhead=vee',
};

const BROKEN = 'color=red, fontcolor=red, style=dashed';

export const resolveDot: ResolveFormatter = (report) => {
  const lines = ['digraph services {', '  rankdir=LR;', '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica"];'];
  const declared = new Set<string>();
  const node = (id: string, attributes: string) => {
    if (declared.has(id)) return;
    declared.add(id);
    lines.push(`  ${quote(id)} [${attributes}];`);
  };
  for (const service of report.services) {
    const svc = `Service/${service.namespace}/${service.name}`;
    const empty = service.selector !== null && service.workloads.length === 0;
    node(svc, `shape=box, label=${quote(`Service ${service.namespace}/${service.name}`)}${empty ? ', color=red, fontcolor=red' : ''}`);
    for (const workload of service.workloads) {
      const wl = `${workload.kind}/${workload.namespace}/${workload.name}`;
      node(wl, `shape=ellipse, label=${quote(`${workload.kind} ${workload.namespace}/${workload.name}`)}`);
      for (const port of service.ports) {
        const target = port.targets.find((t) => t.workload === `${workload.kind}/${workload.name}`);
        const lands = !target ? '?' : target.resolved ? String(target.containerPort ?? port.targetPort) : `no ${port.targetPort}`;
        const notReady = target && !target.ready ? ' (not ready)' : '';
        const style = !target || targetServes(target) ? '' : `, ${BROKEN}`;
        lines.push(`  ${quote(svc)} -> ${quote(wl)} [label=${quote(`${port.port ?? '?'}/${port.protocol} → ${lands}${notReady}`)}${style}];`);
      }
    }
  }
  for (const workload of report.unselectedWorkloads) {
    node(`${workload.kind}/${workload.namespace}/${workload.name}`, `shape=ellipse, style=dashed, label=${quote(`${workload.kind} ${workload.namespace}/${workload.name}`)}`);
  }
  // callers: dotted edges from the workloads that name the Service in env, args or command
  for (const service of report.services) {
    for (const caller of service.calledBy) {
      const wl = `${caller.kind}/${caller.namespace}/${caller.name}`;
      node(wl, `shape=ellipse, label=${quote(`${caller.kind} ${caller.namespace}/${caller.name}`)}`);
      lines.push(`  ${quote(wl)} -> ${quote(`Service/${service.namespace}/${service.name}`)} [label=${quote(caller.source)}, style=dotted];`);
    }
  }
  // custom resources: routes, monitors, DestinationRules, Rollouts, ScaledObjects
  const edge = (from: EdgeEntry, style: string, target: string) => {
    const id = `${from.kind}/${from.namespace}/${from.name}`;
    node(id, `shape=hexagon, label=${quote(`${from.kind} ${from.namespace}/${from.name}`)}`);
    lines.push(`  ${quote(id)} -> ${quote(target)} [label=${quote(describeEdge(from))}, ${from.broken ? BROKEN : style}];`);
  };
  for (const service of report.services) {
    for (const [field] of SERVICE_EDGE_KINDS) for (const from of service[field]) edge(from, EDGE_STYLES[field]!, `Service/${service.namespace}/${service.name}`);
  }
  for (const workload of report.workloadEdges) {
    const wl = `${workload.kind}/${workload.namespace}/${workload.name}`;
    node(wl, `shape=ellipse, label=${quote(`${workload.kind} ${workload.namespace}/${workload.name}`)}`);
    for (const from of workload.monitoredBy) edge(from, EDGE_STYLES['monitoredBy']!, wl);
    for (const from of workload.scaledBy) edge(from, EDGE_STYLES['scaledBy']!, wl);
  }
  for (const from of report.danglingEdges) {
    const { target } = from;
    const id = `missing/${target.kind}/${target.namespace}/${target.name}`;
    node(id, `shape=box, style=dashed, color=red, fontcolor=red, label=${quote(`${target.kind} ${target.namespace}/${target.name} (missing)`)}`);
    edge(from, BROKEN, id);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
};
