/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure): a test suite per file, a test case
 * per object, and one `<failure>` per test case holding all its findings (GitLab shows only the
 * first failure of a test case, and several are outside some consumers' schemas): the
 * `message` attribute has every finding's message, the text one `file:line:col` line each.
 * Findings about no object (a syntax error) get a test case named after the file.
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

/** The one failure of a test case: the rule ids as its type, the messages, one line per finding. */
function failure(filePath: string, findings: readonly Diagnostic[]): string {
  const type = [...new Set(findings.map((m) => m.ruleId))].join(' ');
  const message = findings.length === 1 ? findings[0]!.message : `${findings.length} problems: ${findings.map((m) => m.message).join('; ')}`;
  const lines = findings.map((m) => `${filePath}:${m.line}:${m.column}: ${m.severity === 2 ? 'error' : 'warning'}: ${m.message} [${m.ruleId}]`);
  return `      <failure type="${escapeXml(type)}" message="${escapeXml(message)}">${escapeXml(lines.join('\n'))}</failure>\n`;
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
      const body = testCase.failures.length > 0 ? failure(result.filePath, testCase.failures) : '';
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
