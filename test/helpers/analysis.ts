/** In-process analysis of paths with default settings, for tests that look at the model and resolver. */
import { RULES } from '../../rules/index.js';
import { loadInputs } from '../../src/load/index.js';
import { NEWEST_KNOWN_KUBE_VERSION, minorOf } from '../../src/model/api-resources.js';
import { analyze, type Analysis } from '../../src/pipeline.js';

export function analyzePaths(paths: readonly string[]): Analysis {
  const loaded = loadInputs(paths, { cwd: process.cwd(), readStdin: () => Buffer.alloc(0) });
  return analyze(loaded.sources, RULES, {
    namespace: 'default',
    clusterDomain: 'cluster.local',
    kubeMinor: minorOf(NEWEST_KNOWN_KUBE_VERSION)!,
    nodePortRange: { min: 30000, max: 32767 },
    severities: new Map(),
  });
}

/** `file rule` for every error (or every finding with `all`). */
export function errorsOf(analysis: Analysis, all = false): string[] {
  return analysis.results
    .flatMap((r) => r.messages.filter((m) => all || m.severity === 2).map((m) => `${r.filePath.split('/').slice(-1)[0]} ${m.ruleId}`))
    .sort();
}
