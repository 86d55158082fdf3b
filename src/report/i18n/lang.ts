import type { Lang } from '../report-input.js';
import { en } from './en.js';
import { nb } from './nb.js';
import { sv } from './sv.js';
import type { Strings } from './types.js';

const BY_LANG: Record<Lang, Strings> = { en, sv, nb };

/** The strings of one report language. */
export function stringsFor(lang: Lang): Strings {
  return BY_LANG[lang];
}

/** `a, b and c` in the language. */
export function listOf(items: readonly string[], t: Strings): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${t.and} ${items.at(-1)}`;
}

/** A country code with its name in the language: `US (United States)`, `US (USA)`. */
export function countryName(code: string, t: Strings): string {
  try {
    const name = new Intl.DisplayNames([t.lang], { type: 'region' }).of(code.toUpperCase());
    return name && name !== code ? `${code} (${name})` : code;
  } catch {
    return code;
  }
}
