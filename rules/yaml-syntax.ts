import { defineRule } from '../src/engine/rule.js';
import { isManifestLike } from '../src/model/object.js';
import { asMap } from '../src/model/values.js';

export default defineRule({
  meta: {
    id: 'yaml-syntax',
    severity: 'error',
    description: 'A manifest file is not valid YAML or JSON (warning: a YAML tag Kubernetes ignores)',
  },
  create(context) {
    return {
      syntaxError(file, error) {
        const language = file.format === 'json' ? 'JSON' : 'YAML';
        const more = error.count > 1 ? ` (and ${error.count - 1} more error${error.count > 2 ? 's' : ''} in this document)` : '';
        if (error.warning) {
          // a tag in a document that is not Kubernetes (mkdocs' !!python/name, compose's !reset) is not ours to judge
          const document = asMap(file.documents[error.docIndex]?.value);
          if (!document || !isManifestLike(document)) return;
          context.report({ at: { file, span: error.span }, message: `${language}: ${error.message}`, warning: true });
        } else context.report({ at: { file, span: error.span }, message: `invalid ${language}: ${error.message}${more}` });
      },
    };
  },
});
