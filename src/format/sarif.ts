/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule descriptor per rule
 * (description, and help from the rule's doc), real regions, related locations, and the
 * Kubernetes object as a logical location.
 */
import type { Location } from '../report/diagnostic.js';
import type { LintFormatter, RuleInfo } from './types.js';

function toPascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** The first paragraph after the title and severity lines of a rule doc. */
function summary(doc: string | undefined): string | undefined {
  const paragraphs = (doc ?? '').split(/\n\s*\n/).map((p) => p.trim());
  return paragraphs.find((p) => p && !p.startsWith('#') && !p.startsWith('**Default severity'))?.replace(/\s*\n\s*/g, ' ');
}

function level(severity: string): 'error' | 'warning' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'none';
}

function physicalLocation(location: Location) {
  return {
    artifactLocation: { uri: encodeURI(location.filePath) },
    region: { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn },
  };
}

function descriptor(rule: RuleInfo) {
  const full = summary(rule.doc);
  return {
    id: rule.id,
    name: toPascalCase(rule.id),
    shortDescription: { text: rule.description },
    ...(full ? { fullDescription: { text: full } } : {}),
    ...(rule.doc ? { help: { text: rule.doc, markdown: rule.doc } } : {}),
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: ['kubernetes'] },
  };
}

export const formatSarif: LintFormatter = (results, context) => {
  const rules = [...context.rules.values()];
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const sarifResults = results.flatMap((result) =>
    result.messages.map((m) => ({
      ruleId: m.ruleId,
      ...(ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
      level: m.severity === 2 ? 'error' : 'warning',
      message: { text: m.message },
      locations: [
        {
          physicalLocation: physicalLocation(m),
          ...(m.object
            ? {
                logicalLocations: [
                  {
                    name: m.object.name,
                    fullyQualifiedName: `${m.object.namespace ? `${m.object.namespace}/` : ''}${m.object.kind}/${m.object.name}`,
                    kind: 'resource',
                  },
                ],
              }
            : {}),
        },
      ],
      ...(m.related.length > 0
        ? { relatedLocations: m.related.map((r, id) => ({ id, physicalLocation: physicalLocation(r), message: { text: r.message } })) }
        : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'k8s-svc-lint', version: context.version, semanticVersion: context.version, rules: rules.map(descriptor) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
