/** Findings shared by the ServiceMonitor and PodMonitor rules. */
import { didYouMean, type RuleContext } from '../../src/engine/rule.js';
import type { MonitorCheck } from '../../src/index/service-graph.js';
import { formatRequirements } from '../../src/model/label-selector.js';
import type { PodMonitorView, ServiceMonitorView } from '../../src/model/monitors.js';

/** Reports what a monitor check found: a selector that selects nothing, endpoint ports that match nothing. */
export function reportMonitor(context: RuleContext, monitor: ServiceMonitorView | PodMonitorView, check: MonitorCheck<unknown>, selects: string): void {
  const kind = monitor.ref.kind;
  const where = check.namespaces.length === 1 ? `namespace "${check.namespaces[0]}"` : `namespaces ${check.namespaces.map((n) => `"${n}"`).join(', ')}`;
  if (check.problems.some((p) => p.code === 'selects-nothing')) {
    const hint = check.hint ? `; did you mean ${check.hint.key}=${check.hint.closest}?` : '';
    const selector = formatRequirements(monitor.selector);
    const elsewhere = check.elsewhere
      ? `; ${check.elsewhere.name} in namespace "${check.elsewhere.namespace}" matches, but without namespaceSelector a ${kind} looks only in its own namespace`
      : '';
    const hinted = check.hint;
    context.report({
      at: monitor.ref.keyAt('spec', 'selector'),
      object: monitor.ref,
      // (a value written under matchExpressions is not offered: the fix names matchLabels only)
      ...(hinted ? didYouMean(monitor.ref.at('spec', 'selector', 'matchLabels', hinted.key), hinted.value, hinted.closest) : {}),
      message: `${kind} "${monitor.ref.name}" selects no ${selects} in ${where}, so nothing is scraped${selector ? `: none has ${selector}` : ''}${hint}${elsewhere}`,
    });
  }
  for (const problem of check.endpointProblems) {
    const value = problem.endpoint[problem.field];
    const has = problem.available.length > 0 ? `; they have ${problem.available.join(', ')}` : '';
    const owner =
      kind === 'PodMonitor'
        ? `no pod that ${kind} "${monitor.ref.name}" selects`
        : problem.field === 'port'
          ? `no Service that ${kind} "${monitor.ref.name}" selects`
          : `no pod of the Services that ${kind} "${monitor.ref.name}" selects`;
    const portKind = kind === 'ServiceMonitor' && problem.field === 'port' ? 'a port named' : problem.code === 'port-undeclared' ? 'a container port' : 'a container port named';
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    context.report({
      at: monitor.ref.at(...problem.endpoint.path, problem.field),
      object: monitor.ref,
      message: `${owner} has ${portKind} ${shown}, so this endpoint scrapes nothing${has}${problem.suggestion ? `. Did you mean "${problem.suggestion}"?` : ''}`,
      ...(typeof value === 'string' ? didYouMean(monitor.ref.at(...problem.endpoint.path, problem.field), value, problem.suggestion) : {}),
    });
  }
}
