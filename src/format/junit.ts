/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure): a test suite per file, a test case
 * per object, a failure per finding. Findings about no object (a syntax error) get a test case
 * named after the file.
 */
import type { Diagnostic } from '../report/diagnostic.js';
import type { LintFormatter } from './types.js';

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

interface Case {
  readonly name: string;
  readonly failures: Diagnostic[];
}

export const formatJunit: LintFormatter = (results, context) => {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const result of results) {
    const cases = new Map<string, Case>();
    const caseFor = (name: string) => {
      let found = cases.get(name);
      if (!found) cases.set(name, (found = { name, failures: [] }));
      return found;
    };
    for (const object of context.objects) {
      if (object.filePath === result.filePath) caseFor(`${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}`);
    }
    for (const message of result.messages) {
      const object = message.object;
      const name = object ? `${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}` : result.filePath;
      caseFor(name).failures.push(message);
    }
    if (cases.size === 0) caseFor(result.filePath);
    const caseXml = [...cases.values()].map((testCase) => {
      const body = testCase.failures
        .map((m) => {
          const type = m.severity === 2 ? 'error' : 'warning';
          const text = `${result.filePath}:${m.line}:${m.column}: ${type}: ${m.message} [${m.ruleId}]`;
          return `      <failure type="${escapeXml(m.ruleId)}" message="${escapeXml(m.message)}">${escapeXml(text)}</failure>\n`;
        })
        .join('');
      const open = `    <testcase classname="${escapeXml(result.filePath)}" name="${escapeXml(testCase.name)}"`;
      return body ? `${open}>\n${body}    </testcase>\n` : `${open}/>\n`;
    });
    const failed = [...cases.values()].filter((c) => c.failures.length > 0).length;
    tests += cases.size;
    failures += failed;
    suites.push(`  <testsuite name="${escapeXml(result.filePath)}" tests="${cases.size}" failures="${failed}" errors="0">\n${caseXml.join('')}  </testsuite>\n`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="k8s-svc-lint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('')}</testsuites>\n`;
};
