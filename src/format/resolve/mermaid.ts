/**
 * A mermaid flowchart (renders on GitHub), top to bottom, a subgraph per namespace: Services →
 * workloads with their ports on one edge; Services that select nothing, and edges where a port
 * lands nowhere or on pods that never become Ready, in red; dotted edges from the workloads
 * that call a Service by name; hexagons for the custom resources that route to, monitor,
 * configure, switch or scale them, each kind of edge in its own style, broken ones red; missing
 * targets in red; a legend.
 */
import { buildGraph, LEGEND, type GraphEdge, type GraphNode, type ResourceEdgeKind } from './graph.js';
import type { ResolveFormatter } from './types.js';

/** Mermaid labels are quoted; quotes inside become an entity. */
function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

function shape(node: GraphNode): string {
  const text = label(node.label);
  switch (node.kind) {
    case 'workload':
      return `${node.id}(${text})`;
    case 'resource':
      return `${node.id}{{${text}}}`;
    default:
      return `${node.id}[${text}]`;
  }
}

const RED_EDGE = 'stroke:#c00,stroke-width:2px,stroke-dasharray:4';

/** Arrow and colour of each kind of edge from a custom resource. */
const RESOURCE_EDGE_STYLES: Record<ResourceEdgeKind, { arrow: string; style: string }> = {
  routedBy: { arrow: '==>', style: 'stroke:#1f6feb' },
  monitoredBy: { arrow: '--o', style: 'stroke:#2da44e' },
  configuredBy: { arrow: '---', style: 'stroke:#8c959f' },
  switchedBy: { arrow: '-->', style: 'stroke:#8250df' },
  scaledBy: { arrow: '==>', style: 'stroke:#bf8700' },
};

function arrowOf(edge: GraphEdge): string {
  if (edge.kind === 'calls') return '-.->';
  return edge.kind === 'routes' || edge.kind === 'missing' ? '-->' : RESOURCE_EDGE_STYLES[edge.kind].arrow;
}

function styleOf(edge: GraphEdge): string | undefined {
  if (edge.broken) return RED_EDGE;
  return edge.kind === 'routes' || edge.kind === 'calls' || edge.kind === 'missing' ? undefined : RESOURCE_EDGE_STYLES[edge.kind].style;
}

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
  const styles = new Map<string, number[]>();
  let link = 0;
  const addLink = (text: string, style: string | undefined) => {
    lines.push(text);
    if (style) styles.set(style, [...(styles.get(style) ?? []), link]);
    link++;
  };
  for (const edge of graph.edges) addLink(`  ${edge.from} ${arrowOf(edge)}|${label(edge.label)}| ${edge.to}`, styleOf(edge));
  lines.push(
    '  subgraph legend["legend"]',
    `    legend_s1["Service"] -->|${label(LEGEND.routes)}| legend_w1("workload")`,
    `    legend_s2["Service"] -->|${label(LEGEND.broken)}| legend_w2("workload")`,
    `    legend_w3("workload") -.->|${label(LEGEND.calls)}| legend_s3["Service"]`,
  );
  link += 3;
  styles.set(RED_EDGE, [...(styles.get(RED_EDGE) ?? []), link - 2]);
  // only the kinds of custom-resource edge the picture has
  for (const kind of graph.resourceEdgeKinds) {
    const { arrow, style } = RESOURCE_EDGE_STYLES[kind];
    addLink(`    legend_${kind}_from{{"custom resource"}} ${arrow}|${label(LEGEND[kind])}| legend_${kind}_to["target"]`, style);
  }
  lines.push(`    legend_s4[${label(LEGEND.brokenService)}]:::error`, `    legend_w4(${label(LEGEND.unselected)}):::unselected`, '  end');
  lines.push('  classDef error fill:#fdd,stroke:#c00,color:#900', '  classDef unselected stroke-dasharray:4');
  for (const [style, indexes] of styles) lines.push(`  linkStyle ${indexes.join(',')} ${style}`);
  return lines.join('\n') + '\n';
};
