/**
 * Graphviz: `k8s-svc-lint resolve -f dot . | dot -Tpng > services.png`. Top to bottom, a box
 * per namespace; Services → workloads with their ports on one edge (red and dashed when a port
 * lands nowhere or on pods that never become Ready); dotted edges from the workloads that call
 * a Service by name; a legend.
 */
import { buildGraph, LEGEND, type GraphNode } from './graph.js';
import type { ResolveFormatter } from './types.js';

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const RED = 'color="#cc0000", fontcolor="#cc0000"';

function nodeLine(node: GraphNode): string {
  const shape = node.kind === 'service' ? 'box' : 'ellipse';
  const style = node.broken ? `, ${RED}` : node.unselected ? ', style=dashed' : '';
  return `    ${node.id} [shape=${shape}, label=${quote(node.label)}${style}];`;
}

/** Each sample on its own row: a pair side by side (same rank), the rows stacked by invisible edges. */
function legend(): string[] {
  return [
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
    `    legend_s2 -> legend_w2 [label=${quote(LEGEND.broken)}, ${RED}, style=dashed];`,
    `    legend_w3 -> legend_s3 [label=${quote(LEGEND.calls)}, style=dotted];`,
    '    legend_s1 -> legend_s2 -> legend_w3 -> legend_s4 -> legend_w4 [style=invis];',
    '  }',
  ];
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
  for (const edge of graph.edges) {
    const style = edge.kind === 'calls' ? ', style=dotted' : edge.broken ? `, ${RED}, style=dashed` : '';
    lines.push(`  ${edge.from} -> ${edge.to} [label=${quote(edge.label)}${style}];`);
  }
  lines.push(...legend(), '}');
  return lines.join('\n') + '\n';
};
