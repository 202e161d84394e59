/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request,
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule-id>::message`.
 */
import type { LintFormatter } from './types.js';

/** Escaping of workflow command data (the message). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of workflow command properties (file, title). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: LintFormatter = (results) =>
  results
    .flatMap((result) =>
      result.messages.map((m) => {
        const command = m.severity === 2 ? 'error' : 'warning';
        const properties = [
          `file=${escapeProperty(result.filePath)}`,
          `line=${m.line}`,
          `col=${m.column}`,
          `endLine=${m.endLine}`,
          `endColumn=${m.endColumn}`,
          `title=${escapeProperty(m.ruleId)}`,
        ].join(',');
        return `::${command} ${properties}::${escapeData(m.message)}\n`;
      }),
    )
    .join('');
