/**
 * Graphviz: `k8s-svc-lint resolve -f dot . | dot -Tsvg > services.svg`. Services → workloads
 * with port labels (unresolved or never ready in red); dotted edges from the workloads that call a Service.
 */
import { inEnvironment, targetOn, targetServes } from './describe.js';
import type { ResolveFormatter } from './types.js';

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export const resolveDot: ResolveFormatter = (report) => {
  const lines = ['digraph services {', '  rankdir=LR;', '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica"];'];
  const declared = new Set<string>();
  const node = (id: string, attributes: string) => {
    if (declared.has(id)) return;
    declared.add(id);
    lines.push(`  ${quote(id)} [${attributes}];`);
  };
  for (const service of report.services) {
    const svc = `Service/${service.namespace}/${service.name}${inEnvironment(service)}`;
    const empty = service.selector !== null && service.workloads.length === 0;
    node(svc, `shape=box, label=${quote(`Service ${service.namespace}/${service.name}${inEnvironment(service)}`)}${empty ? ', color=red, fontcolor=red' : ''}`);
    for (const workload of service.workloads) {
      const wl = `${workload.kind}/${workload.namespace}/${workload.name}${workload.part ? `/${workload.part}` : ''}${inEnvironment(workload)}`;
      node(wl, `shape=ellipse, label=${quote(`${workload.kind} ${workload.namespace}/${workload.name}${workload.part ? ` (${workload.part})` : ''}${inEnvironment(workload)}`)}`);
      for (const port of service.ports) {
        const target = targetOn(port, workload);
        const lands = !target ? '?' : target.resolved ? String(target.containerPort ?? port.targetPort) : `no ${port.targetPort}`;
        const notReady = target && !target.ready ? ' (not ready)' : '';
        const style = !target || targetServes(target) ? '' : ', color=red, fontcolor=red, style=dashed';
        lines.push(`  ${quote(svc)} -> ${quote(wl)} [label=${quote(`${port.port ?? '?'}/${port.protocol} → ${lands}${notReady}`)}${style}];`);
      }
    }
  }
  for (const workload of report.unselectedWorkloads) {
    node(`${workload.kind}/${workload.namespace}/${workload.name}${inEnvironment(workload)}`, `shape=ellipse, style=dashed, label=${quote(`${workload.kind} ${workload.namespace}/${workload.name}${inEnvironment(workload)}`)}`);
  }
  // callers: dotted edges from the workloads that name the Service in env, args or command
  for (const service of report.services) {
    for (const caller of service.calledBy) {
      const wl = `${caller.kind}/${caller.namespace}/${caller.name}${inEnvironment(caller)}`;
      node(wl, `shape=ellipse, label=${quote(`${caller.kind} ${caller.namespace}/${caller.name}${inEnvironment(caller)}`)}`);
      lines.push(`  ${quote(wl)} -> ${quote(`Service/${service.namespace}/${service.name}${inEnvironment(service)}`)} [label=${quote(caller.source)}, style=dotted];`);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
};
