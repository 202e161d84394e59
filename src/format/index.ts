/** Format name → formatter. A format name without a formatter does not compile. */
import { formatGcc } from './gcc.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { LintFormatName, LintFormatter } from './types.js';

export const LINT_FORMATTERS: Record<LintFormatName, LintFormatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  gcc: formatGcc,
  junit: formatJunit,
  markdown: formatMarkdown,
};

export { LINT_FORMATS, type FormatContext, type LintFormatName, type LintFormatter, type ObjectEntry, type RuleInfo } from './types.js';
