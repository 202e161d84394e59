/** Format name → formatter. A format name without a formatter does not compile. */
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';
import type { LintFormatName, LintFormatter } from './types.js';

export const LINT_FORMATTERS: Record<LintFormatName, LintFormatter> = {
  stylish: formatStylish,
  json: formatJson,
};

export { LINT_FORMATS, type FormatContext, type LintFormatName, type LintFormatter } from './types.js';
