/**
 * Graphviz: `k8s-svc-lint resolve -f dot . | dot -Tpng > services.png`. Top to bottom, a box
 * per namespace; Services → workloads with their ports on one edge (red and dashed when a port
 * lands nowhere or on pods that never become Ready); dotted edges from the workloads that call
 * a Service by name; hexagons for the custom resources that route to, monitor, configure,
 * switch or scale them, each kind of edge in its own style, broken ones red; missing targets in
 * red; a legend.
 */
import { buildGraph, LEGEND, type GraphEdge, type GraphNode, type ResourceEdgeKind } from './graph.js';
import type { ResolveFormatter } from './types.js';

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const RED = 'color="#cc0000", fontcolor="#cc0000"';
const BROKEN = `${RED}, style=dashed`;

/** Graphviz attributes of each kind of edge from a custom resource. */
const RESOURCE_EDGE_STYLES: Record<ResourceEdgeKind, string> = {
  routedBy: 'color=royalblue, penwidth=2',
  monitoredBy: 'color=forestgreen, style=dashed, arrowhead=odot',
  configuredBy: 'color=gray50, arrowhead=none',
  switchedBy: 'color=purple, arrowhead=diamond',
  scaledBy: 'color=darkorange, penwidth=2, arrowhead=vee',
};

const SHAPES: Record<GraphNode['kind'], string> = { service: 'box', workload: 'ellipse', resource: 'hexagon', missing: 'box' };

function nodeLine(node: GraphNode): string {
  const style = node.kind === 'missing' ? `, ${BROKEN}` : node.broken ? `, ${RED}` : node.unselected ? ', style=dashed' : '';
  return `    ${node.id} [shape=${SHAPES[node.kind]}, label=${quote(node.label)}${style}];`;
}

function edgeStyle(edge: GraphEdge): string {
  if (edge.kind === 'calls') return ', style=dotted';
  if (edge.broken) return `, ${BROKEN}`;
  return edge.kind === 'routes' || edge.kind === 'missing' ? '' : `, ${RESOURCE_EDGE_STYLES[edge.kind]}`;
}

/** Each sample on its own row: a pair side by side (same rank), the rows stacked by invisible edges. */
function legend(resourceEdgeKinds: ReadonlySet<ResourceEdgeKind>): string[] {
  const lines = [
    '  subgraph cluster_legend {',
    '    label="legend"; color=gray; fontcolor=gray; fontsize=10;',
    '    node [fontsize=9, height=0.3]; edge [fontsize=9];',
    '    legend_s1 [shape=box, label="Service"]; legend_w1 [shape=ellipse, label="workload"];',
    '    legend_s2 [shape=box, label="Service"]; legend_w2 [shape=ellipse, label="workload"];',
    '    legend_w3 [shape=ellipse, label="workload"]; legend_s3 [shape=box, label="Service"];',
    `    legend_s4 [shape=box, label=${quote(LEGEND.brokenService)}, ${RED}];`,
    `    legend_w4 [shape=ellipse, label=${quote(LEGEND.unselected)}, style=dashed];`,
    '    { rank=same; legend_s1; legend_w1; } { rank=same; legend_s2; legend_w2; } { rank=same; legend_w3; legend_s3; }',
    `    legend_s1 -> legend_w1 [label=${quote(LEGEND.routes)}];`,
    `    legend_s2 -> legend_w2 [label=${quote(LEGEND.broken)}, ${BROKEN}];`,
    `    legend_w3 -> legend_s3 [label=${quote(LEGEND.calls)}, style=dotted];`,
  ];
  // only the kinds of custom-resource edge the picture has
  const rows = ['legend_s1', 'legend_s2', 'legend_w3', 'legend_s4', 'legend_w4'];
  for (const kind of resourceEdgeKinds) {
    lines.push(
      `    legend_${kind}_from [shape=hexagon, label="custom resource"]; legend_${kind}_to [shape=box, label="target"];`,
      `    { rank=same; legend_${kind}_from; legend_${kind}_to; }`,
      `    legend_${kind}_from -> legend_${kind}_to [label=${quote(LEGEND[kind])}, ${RESOURCE_EDGE_STYLES[kind]}];`,
    );
    rows.push(`legend_${kind}_from`);
  }
  lines.push(`    ${rows.join(' -> ')} [style=invis];`, '  }');
  return lines;
}

export const resolveDot: ResolveFormatter = (report) => {
  const graph = buildGraph(report);
  const lines = [
    'digraph services {',
    '  rankdir=TB; newrank=true; nodesep=0.3; ranksep=0.6; fontname="Helvetica";',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  let cluster = 0;
  for (const [namespace, nodes] of graph.namespaces) {
    lines.push(`  subgraph cluster_${cluster++} {`, `    label=${quote(namespace ? `namespace ${namespace}` : 'cluster-scoped')}; style=rounded; color="#999999";`);
    lines.push(...nodes.map(nodeLine), '  }');
  }
  for (const edge of graph.edges) lines.push(`  ${edge.from} -> ${edge.to} [label=${quote(edge.label)}${edgeStyle(edge)}];`);
  lines.push(...legend(graph.resourceEdgeKinds), '}');
  return lines.join('\n') + '\n';
};
