/**
 * Markdown from hostile text. Page titles, labels and URLs come from the scanned site: they
 * must read as text, never as markup, links or HTML in a Markdown viewer.
 */

/** One line of plain text: newlines folded, Markdown and HTML punctuation backslash-escaped. */
export function mdText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_{}[\]<>#|~&]/g, (ch) => `\\${ch}`);
}

/** A code span (URLs, parameters, hashes); falls back to escaped text when it holds a backtick. */
export function mdCode(text: string): string {
  const line = text.replace(/[\r\n\t]+/g, ' ');
  if (line.includes('`')) return mdText(line);
  // In a GFM table even a code span needs its pipes escaped.
  return `\`${line.replace(/\|/g, '\\|')}\``;
}

/** A GFM table; cells are already-escaped Markdown. */
export function mdTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
