/**
 * Free text (schema descriptions, names, display names) made safe for each context a template
 * puts it in: one line, Markdown text, a Markdown code span, a block comment. The templates
 * reach these through the helpers of scaffold-render.ts ({{md}}, {{code}}, {{comment}}).
 */

/** One line: control and line-separator characters become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** Markdown text that renders as written: the characters Markdown gives a meaning are escaped. */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, (c) => `\\${c}`);
}

/** A code span that holds `text` as written, whatever backticks it contains. */
export function codeSpan(text: string): string {
  const line = oneLine(text);
  let fence = '`';
  while (line.includes(fence)) fence += '`';
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * Text inside a block comment (`/* ... *\/`, JSDoc): one line, and `*\/`, which would end the
 * comment and make the rest of the line code, written as `*\\/` (still readable, inert).
 */
export function commentText(text: string): string {
  return oneLine(text).replace(/\*\//g, '*\\/');
}
