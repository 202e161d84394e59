import type { ResolveFormatter } from './types.js';

export const resolveJson: ResolveFormatter = (report) => JSON.stringify(report, null, 2) + '\n';
