/** Resolve format name → formatter. A format name without a formatter does not compile. */
import { resolveDot } from './dot.js';
import { resolveJson } from './json.js';
import { resolveMermaid } from './mermaid.js';
import { resolveTable } from './table.js';
import type { ResolveFormatName, ResolveFormatter } from './types.js';

export const RESOLVE_FORMATTERS: Record<ResolveFormatName, ResolveFormatter> = {
  table: resolveTable,
  json: resolveJson,
  mermaid: resolveMermaid,
  dot: resolveDot,
};

export { RESOLVE_FORMATS, type ResolveFormatName } from './types.js';
