/**
 * Hover: what `resolve` knows about the thing under the cursor. On a Service's name, selector
 * or ports: the workloads and container ports it reaches, and what calls, routes to or monitors
 * it, exactly as `resolve` prints it. On a workload's name or pod template labels: the Services
 * that select it, and the routes, monitors and autoscalers behind them. On an env value, arg,
 * backend or route that names a Service: that Service and its ports.
 */
import { resolveTable } from '../format/resolve/table.js';
import type { PodSource } from '../model/pod-source.js';
import type { ServiceView } from '../model/service.js';
import { locate } from '../report/diagnostic.js';
import { describeService, type EdgeEntry, type ServiceEntry } from '../report/resolve.js';
import { safeText } from '../report/safe-text.js';
import { startsWith, type Cursor, type Workbench } from './cursor.js';
import type { EditorHover } from './types.js';

export function hoverAt(bench: Workbench, cursor: Cursor): EditorHover | undefined {
  const object = cursor.object;
  if (!object) return undefined;
  const inObject = cursor.inObject;
  const service = bench.service(object);
  if (service) {
    if (startsWith(inObject, ['metadata', 'name']) || startsWith(inObject, ['spec', 'selector'])) return hover(serviceText(bench, service), cursor);
    const port = startsWith(inObject, ['spec', 'ports']) ? inObject[2] : undefined;
    if (typeof port === 'number') return hover(serviceText(bench, service, port), cursor);
    if (startsWith(inObject, ['spec', 'ports'])) return hover(serviceText(bench, service), cursor);
  }
  const source = bench.podSource(object);
  if (source && (startsWith(inObject, ['metadata', 'name']) || (source.templatePath && startsWith(inObject, [...source.templatePath, 'metadata', 'labels'])))) {
    return hover(workloadText(bench, source), cursor);
  }
  // a reference to a Service (env value, backend, route, StatefulSet serviceName…): that Service
  const link = bench.links
    .inFile(cursor.file)
    .filter((l) => l.from === object && startsWith(cursor.path, l.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const services = [...new Set(link?.targets.map((t) => bench.service(t.object)).filter((s) => s !== undefined))];
  if (link && services.length > 0) {
    const texts = services.map((called) => {
      // a link to one port of the Service (an env value's port, a backend's port): that port only
      const port = link.targets.find((t) => t.object === called.ref && startsWith(t.path.slice(called.ref.base.length), ['spec', 'ports']));
      const portIndex = port?.path[called.ref.base.length + 2];
      return serviceText(bench, called, typeof portIndex === 'number' ? portIndex : undefined);
    });
    return hover(texts.join('\n\n'), cursor);
  }
  return undefined;
}

function hover(text: string, cursor: Cursor): EditorHover {
  return { contents: text, range: cursor.range };
}

/** The Service as `resolve` prints it (only one port when `portIndex` is given), in a code block. */
function serviceText(bench: Workbench, service: ServiceView, portIndex?: number): string {
  let entry: ServiceEntry = describeService(bench.index, service);
  if (portIndex !== undefined) {
    const port = service.ports.find((p) => p.index === portIndex);
    const position = port ? service.ports.indexOf(port) : -1;
    if (position >= 0) entry = { ...entry, ports: [entry.ports[position]!] };
  }
  const text = resolveTable({ services: [entry], unselectedWorkloads: [], workloadEdges: [], danglingEdges: [], providedServices: [] }, { color: false });
  return codeBlock(text.trimEnd());
}

/** The Services selecting a workload's pods (with where each port lands), and what routes to, monitors or scales them. */
function workloadText(bench: Workbench, source: PodSource): string {
  const { index } = bench;
  const lines: string[] = [`${source.displayName} in ${source.namespace}`];
  const selecting = index.model.services.filter((service) => index.resolver.resolve(service).workloads.includes(source));
  if (selecting.length === 0) lines.push('  selected by no Service');
  else lines.push('  selected by:');
  const edges: string[] = [];
  for (const service of selecting) {
    const entry = describeService(index, service);
    const ports = entry.ports.map((port) => {
      const target = port.targets.find((t) => t.workload === safeText(source.displayName));
      const lands = !target ? '' : target.resolved ? ` → ${target.container ?? '(undeclared)'}:${target.containerPort ?? '?'}` : ` ✗ no port "${port.targetPort}"`;
      return `${port.name ? `${port.name} ` : ''}${port.port ?? '?'}/${port.protocol}${lands}`;
    });
    lines.push(`    Service ${entry.name}  ${ports.join(', ') || 'no ports'}  ${entry.file}:${entry.line}`);
    for (const edge of [...entry.routedBy, ...entry.monitoredBy, ...entry.switchedBy]) edges.push(edgeLine(edge, `via Service ${entry.name}`));
    for (const caller of entry.calledBy) edges.push(`    ${caller.kind}/${caller.name}  calls Service ${entry.name} (${caller.container}: ${caller.source})  ${caller.file}:${caller.line}`);
  }
  const own = index.graph.edgesToWorkload(source);
  for (const [kind, label] of [
    ['monitoredBy', 'monitored'],
    ['scaledBy', 'scaled'],
  ] as const) {
    for (const edge of own.get(kind) ?? []) {
      const at = locate(edge.at);
      edges.push(`    ${safeText(edge.from.displayName)}  ${label} (${safeText(edge.via)})  ${safeText(at.filePath)}:${at.line}`);
    }
  }
  if (edges.length > 0) lines.push('  reached by:', ...edges);
  return codeBlock(lines.join('\n'));
}

function edgeLine(edge: EdgeEntry, how: string): string {
  const port = edge.port !== null ? ` port ${edge.port}` : '';
  return `    ${edge.kind}/${edge.name}  ${edge.via}${port} ${how}${edge.broken ? `  ✗ ${edge.problem}` : ''}  ${edge.file}:${edge.line}`;
}

function codeBlock(text: string): string {
  // a fence longer than any run of backticks in the text
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
