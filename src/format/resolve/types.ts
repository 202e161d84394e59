import type { ResolveReport } from '../../report/resolve.js';

export const RESOLVE_FORMATS = ['table', 'json', 'mermaid', 'dot'] as const;
export type ResolveFormatName = (typeof RESOLVE_FORMATS)[number];

export interface ResolveFormatContext {
  readonly color: boolean;
}

export type ResolveFormatter = (report: ResolveReport, context: ResolveFormatContext) => string;
