/** Free text (schema descriptions, names) made safe for one line of Markdown. */

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
