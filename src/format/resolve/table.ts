/** Human-readable: each Service, its workloads, and where each port lands. */
import { Chalk } from 'chalk';
import { describeCall, describePort, describeSelector, describeTarget, targetServes } from './describe.js';
import type { ResolveFormatter } from './types.js';

export const resolveTable: ResolveFormatter = (report, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  const lines: string[] = [];
  for (const service of report.services) {
    lines.push(`${chalk.bold(`Service ${service.namespace}/${service.name}`)} (${service.type}${service.headless ? ', headless' : ''})  ${chalk.dim(`${service.file}:${service.line}`)}`);
    lines.push(`  selector: ${describeSelector(service)}`);
    if (service.selector && service.workloads.length === 0) {
      lines.push(`  ${chalk.red('✗ selects no pods')}`);
    }
    for (const port of service.ports) {
      lines.push(`  ${describePort(port)}`);
      const width = Math.max(0, ...port.targets.map((t) => t.workload.length));
      for (const target of port.targets) {
        const where = describeTarget(target, port);
        lines.push(`    ${target.workload.padEnd(width)}  ${targetServes(target) ? where : chalk.red(`✗ ${where}`)}`);
      }
    }
    if (service.calledBy.length > 0) {
      lines.push('  called by:');
      for (const caller of service.calledBy) {
        lines.push(`    ${caller.kind}/${caller.name}${caller.namespace === service.namespace ? '' : ` in ${caller.namespace}`}  ${describeCall(caller)}  ${chalk.dim(`${caller.file}:${caller.line}`)}`);
      }
    }
    lines.push('');
  }
  if (report.unselectedWorkloads.length > 0) {
    lines.push(chalk.bold('Workloads with ports that no Service selects'));
    for (const workload of report.unselectedWorkloads) {
      lines.push(`  ${workload.kind}/${workload.name} in ${workload.namespace}  ${chalk.dim(`${workload.file}:${workload.line}`)}`);
    }
    lines.push('');
  }
  if (report.services.length === 0) lines.push('No Services found.');
  return lines.join('\n') + (lines.at(-1) === '' ? '' : '\n');
};
