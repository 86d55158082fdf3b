/**
 * HTML that cannot be injected. Everything in a bundle came from the scanned site (titles,
 * labels, URLs, request bodies): it is hostile input. The `html` tag escapes every
 * interpolated value unless it is itself `SafeHtml` made by `html`, so a forgotten escape
 * cannot happen by construction.
 */

/** A fragment of HTML known to be safe (built by {@link html}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

type Part = SafeHtml | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** Tagged template: literal parts are trusted markup, every `${value}` is escaped. */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Text with every (case-insensitive) occurrence of `needle` wrapped in `<mark>`. */
export function highlight(text: string, needle: string): SafeHtml {
  if (!needle) return html`${text}`;
  const parts: Part[] = [];
  let from = 0;
  // A regular expression on the original text: lower-casing first can change string lengths.
  for (const m of text.matchAll(new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'))) {
    parts.push(text.slice(from, m.index), html`<mark>${m[0]}</mark>`);
    from = m.index + m[0].length;
  }
  parts.push(text.slice(from));
  return html`${parts}`;
}
