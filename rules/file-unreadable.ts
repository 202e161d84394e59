import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'file-unreadable',
    severity: 'error',
    description: 'A file could not be read: permission denied, a dangling or looping symbolic link, not a regular file, too large',
  },
  create(context) {
    return {
      file(file) {
        if (file.problem) context.report({ at: { file, span: { start: 0, end: 0 } }, message: file.problem.message });
      },
    };
  },
});
