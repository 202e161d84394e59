/**
 * Template files: manifests with Go, Helm or Jinja markers (`{{ .Values.x }}`, `{{- if }}`,
 * `{% for %}`) that only become YAML once rendered. Such a file is not a broken manifest: when
 * its text parses as soon as the markers are masked, it is skipped with a notice rather than
 * reported as a YAML error at the first `{{`.
 */

/** An innermost marker: `{{ … }}`, `{% … %}` or `{# … #}` with no braces inside. */
const INNERMOST = /\{\{[^{}]*\}\}|\{%[^{}]*%\}|\{#[^{}]*#\}/g;

/**
 * The text with every marker masked, keeping every offset: a line that holds only markers
 * (`{{- if .x }}`, `{% endfor %}`) becomes a comment, a marker inside a line (`image: {{ .img }}`)
 * a plain scalar of underscores. Markers may nest (`{{ f "…{{ .Tag }}…" }}`). Undefined when the
 * text has no `{{` or `{%` at all.
 */
export function maskTemplateMarkers(text: string): string | undefined {
  if (!text.includes('{{') && !text.includes('{%')) return undefined;
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes('{')) return line;
      let masked = line;
      // innermost first, until none is left (each pass keeps the length)
      for (let previous = ''; previous !== masked; ) {
        previous = masked;
        masked = masked.replace(INNERMOST, (marker) => '_'.repeat(marker.length));
      }
      const trimmed = line.trimStart();
      const indent = line.length - trimmed.length;
      // nothing but markers: a comment (a control line such as `{{- end }}` holds no value)
      if (masked !== line && masked.slice(indent).replace(/_/g, '').trim() === '' && /^[{]/.test(trimmed)) {
        return `${line.slice(0, indent)}#${' '.repeat(trimmed.length - 1)}`;
      }
      return masked;
    })
    .join('\n');
}
