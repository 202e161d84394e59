import { defineRule } from '../src/engine/rule.js';

/**
 * Whether a suppression is used is known only once every other rule has reported, so this rule
 * has no visitors: the suppression stage (src/report/suppress.ts) reports for it, with the
 * severity configured here.
 */
export default defineRule({
  meta: {
    id: 'unused-suppression',
    severity: 'warn',
    description: 'An ignore annotation or disable comment that suppresses nothing (or names no rule)',
  },
  create: () => ({}),
});
