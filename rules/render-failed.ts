import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  meta: {
    id: 'render-failed',
    severity: 'error',
    description: 'With --render, kustomize or helm could not render a kustomization root or chart: their own message, on the file they fail on',
  },
  create(context) {
    return {
      file(file) {
        for (const failure of file.renderFailures ?? []) context.report({ at: { file, span: failure.span }, message: failure.message });
      },
    };
  },
});
