/** Human-readable: each Service, its workloads, and where each port lands. */
import { Chalk } from 'chalk';
import type { EdgeEntry } from '../../report/resolve.js';
import { describeCall, describeEdge, describeEnvironment, describePort, describeSelector, describeTarget, describeWorkload, SERVICE_EDGE_KINDS, targetServes } from './describe.js';
import type { ResolveFormatter } from './types.js';

export const resolveTable: ResolveFormatter = (report, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const lines: string[] = [];
  /** `HTTPRoute/web  backendRef port 80  file:line`, broken ones with ✗ and why. */
  const edgeLine = (edge: EdgeEntry, namespace: string, indent: string): string => {
    const from = `${edge.kind}/${edge.name}${edge.namespace === namespace ? '' : ` in ${edge.namespace}`}`;
    const what = edge.broken ? chalk.red(`${describeEdge(edge)}  ✗ ${edge.problem}`) : describeEdge(edge);
    return `${indent}${from}  ${what}  ${chalk.dim(`${edge.file}:${edge.line}`)}`;
  };
  for (const service of report.services) {
    lines.push(`${chalk.bold(`Service ${service.namespace}/${service.name}`)} (${service.type}${service.headless ? ', headless' : ''})${describeEnvironment(service)}  ${chalk.dim(`${service.file}:${service.line}`)}`);
    if (service.builtInto) lines.push(`  built by kustomize into namespaces ${service.builtInto.join(', ')}`);
    lines.push(`  selector: ${describeSelector(service)}`);
    if (service.selector && service.workloads.length === 0) {
      lines.push(`  ${service.podsFrom ? chalk.yellow(`? pods ${service.podsFrom}`) : chalk.red('✗ selects no pods')}`);
    }
    for (const port of service.ports) {
      lines.push(`  ${describePort(port)}`);
      const names = port.targets.map((t) => (t.file ? `${t.workload} (${t.file})` : t.workload));
      const width = Math.max(0, ...names.map((n) => n.length));
      port.targets.forEach((target, i) => {
        const where = describeTarget(target, port);
        lines.push(`    ${names[i]!.padEnd(width)}  ${targetServes(target) ? where : chalk.red(`✗ ${where}`)}`);
      });
    }
    const elsewhere = service.workloads.filter((w) => w.judged === false);
    if (elsewhere.length > 0) {
      lines.push('  also selects, in other folders (ports not judged):');
      for (const workload of elsewhere) lines.push(`    ${describeWorkload(workload)}  ${chalk.dim(`${workload.file}:${workload.line}`)}`);
    }
    if (service.calledBy.length > 0) {
      lines.push('  called by:');
      for (const caller of service.calledBy) {
        lines.push(`    ${caller.kind}/${caller.name}${caller.namespace === service.namespace ? '' : ` in ${caller.namespace}`}  ${describeCall(caller)}  ${chalk.dim(`${caller.file}:${caller.line}`)}`);
      }
    }
    for (const [field, heading] of SERVICE_EDGE_KINDS) {
      if (service[field].length === 0) continue;
      lines.push(`  ${heading}:`);
      for (const edge of service[field]) lines.push(edgeLine(edge, service.namespace, '    '));
    }
    lines.push('');
  }
  if (report.unselectedWorkloads.length > 0) {
    lines.push(chalk.bold('Workloads with ports that no Service selects'));
    for (const workload of report.unselectedWorkloads) {
      lines.push(`  ${workload.kind}/${workload.name} in ${workload.namespace}${describeEnvironment(workload)}  ${chalk.dim(`${workload.file}:${workload.line}`)}`);
    }
    lines.push('');
  }
  if (report.providedServices.length > 0) {
    lines.push(chalk.bold('Services called by name that custom resources make'));
    for (const provided of report.providedServices) {
      lines.push(`  Service ${provided.namespace}/${provided.name}  provided by ${provided.providedBy}?`);
      for (const caller of provided.calledBy) lines.push(`    called by ${caller.kind}/${caller.name}  ${describeCall(caller)}  ${chalk.dim(`${caller.file}:${caller.line}`)}`);
    }
    lines.push('');
  }
  if (report.workloadEdges.length > 0) {
    lines.push(chalk.bold('Workloads monitored or scaled'));
    for (const workload of report.workloadEdges) {
      lines.push(`  ${workload.kind}/${workload.name} in ${workload.namespace}  ${chalk.dim(`${workload.file}:${workload.line}`)}`);
      for (const edge of workload.monitoredBy) lines.push(edgeLine(edge, workload.namespace, '    monitored by '));
      for (const edge of workload.scaledBy) lines.push(edgeLine(edge, workload.namespace, '    scaled by '));
    }
    lines.push('');
  }
  if (report.danglingEdges.length > 0) {
    lines.push(chalk.bold('References to Services and workloads the input lacks'));
    for (const edge of report.danglingEdges) {
      const { target } = edge;
      lines.push(`  ${edge.kind}/${edge.name} in ${edge.namespace} → ${target.kind}/${target.name}  ${chalk.red(`${describeEdge(edge)}  ✗ ${edge.problem}`)}  ${chalk.dim(`${edge.file}:${edge.line}`)}`);
    }
    lines.push('');
  }
  if (report.services.length === 0) lines.push('No Services found.');
  return lines.join('\n') + (lines.at(-1) === '' ? '' : '\n');
};
