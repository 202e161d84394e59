/**
 * A mermaid flowchart (renders on GitHub), top to bottom, a subgraph per namespace: Services →
 * workloads with their ports on one edge; Services that select nothing, and edges where a port
 * lands nowhere or on pods that never become Ready, in red; dotted edges from the workloads
 * that call a Service by name; a legend.
 */
import { buildGraph, LEGEND, type GraphNode } from './graph.js';
import type { ResolveFormatter } from './types.js';

/** Mermaid labels are quoted; quotes inside become an entity. */
function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

function shape(node: GraphNode): string {
  return node.kind === 'service' ? `${node.id}[${label(node.label)}]` : `${node.id}(${label(node.label)})`;
}

const RED_EDGE = 'stroke:#c00,stroke-width:2px,stroke-dasharray:4';

export const resolveMermaid: ResolveFormatter = (report) => {
  const graph = buildGraph(report);
  const lines = ['flowchart TB'];
  let subgraph = 0;
  for (const [namespace, nodes] of graph.namespaces) {
    lines.push(`  subgraph ns${subgraph++}[${label(namespace ? `namespace ${namespace}` : 'cluster-scoped')}]`);
    for (const node of nodes) lines.push(`    ${shape(node)}${node.broken ? ':::error' : node.unselected ? ':::unselected' : ''}`);
    lines.push('  end');
  }
  // linkStyle counts links in the order they are written
  const red: number[] = [];
  let link = 0;
  for (const edge of graph.edges) {
    lines.push(`  ${edge.from} ${edge.kind === 'calls' ? '-.->' : '-->'}|${label(edge.label)}| ${edge.to}`);
    if (edge.broken) red.push(link);
    link++;
  }
  lines.push(
    '  subgraph legend["legend"]',
    `    legend_s1["Service"] -->|${label(LEGEND.routes)}| legend_w1("workload")`,
    `    legend_s2["Service"] -->|${label(LEGEND.broken)}| legend_w2("workload")`,
    `    legend_w3("workload") -.->|${label(LEGEND.calls)}| legend_s3["Service"]`,
    `    legend_s4[${label(LEGEND.brokenService)}]:::error`,
    `    legend_w4(${label(LEGEND.unselected)}):::unselected`,
    '  end',
  );
  red.push(link + 1);
  lines.push(
    '  classDef error fill:#fdd,stroke:#c00,color:#900',
    '  classDef unselected stroke-dasharray:4',
    `  linkStyle ${red.join(',')} ${RED_EDGE}`,
  );
  return lines.join('\n') + '\n';
};
