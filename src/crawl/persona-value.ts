import type { Persona } from '../persona/schema.js';

/** The text to type for a persona field into an input of the given type. */
export function personaValue(persona: Persona, personaField: string, inputType = 'text'): string | undefined {
  if (personaField === 'fullName') return `${persona.firstName} ${persona.lastName}`;
  if (personaField.startsWith('nationalIds.')) return persona.nationalIds[personaField.slice('nationalIds.'.length)];
  if (personaField === 'dateOfBirth') {
    // A date input takes ISO; a text field gets the way people of the persona's country write it.
    if (inputType === 'date') return persona.dateOfBirth;
    const [y, m, d] = persona.dateOfBirth.split('-');
    if (['NO', 'DK', 'FI', 'DE'].includes(persona.country)) return `${d}.${m}.${y}`;
    if (persona.country === 'US') return `${m}/${d}/${y}`;
    if (persona.country === 'GB') return `${d}/${m}/${y}`;
    return persona.dateOfBirth;
  }
  if (personaField === 'message') return persona.message;
  const value = (persona as Record<string, unknown>)[personaField];
  return typeof value === 'string' ? value : undefined;
}

const FEMALE = /^(f|female|woman|women|kvinna|kvinne|kvinde|nainen|frau|weiblich|femme|madame|mme|vrouw|mujer|donna|ms|mrs|dam)$/i;
const MALE = /^(m|male|man|men|mann|mand|mies|herr|m[äa]nnlich|homme|monsieur|hombre|uomo|mr|herre)$/i;

/** Picks the option (value\0text pairs from the page) that means the persona's gender. */
export function genderOption(options: string[], gender: Persona['gender']): string | undefined {
  const pattern = gender === 'female' ? FEMALE : MALE;
  for (const option of options) {
    const [value = '', text = ''] = option.split('\u0000');
    if (pattern.test(value.trim()) || pattern.test(text.trim())) return value;
  }
  return undefined;
}

/** Picks the option that names the persona's country (code or name in a few languages). */
export function countryOption(options: string[], country: string): string | undefined {
  const names: Record<string, RegExp> = {
    SE: /^(se|swe|sweden|sverige|schweden|suède|ruotsi)$/i,
    NO: /^(no|nor|norway|norge|noreg|norwegen|norvège|norja)$/i,
    DK: /^(dk|dnk|denmark|danmark|dänemark|danemark|tanska)$/i,
    FI: /^(fi|fin|finland|suomi|finnland|finlande)$/i,
    DE: /^(de|deu|germany|tyskland|deutschland|allemagne|saksa)$/i,
    GB: /^(gb|uk|gbr|united kingdom|storbritannien)$/i,
    US: /^(us|usa|united states|usa)$/i,
  };
  const pattern = names[country];
  if (!pattern) return undefined;
  for (const option of options) {
    const [value = '', text = ''] = option.split('\u0000');
    if (pattern.test(value.trim()) || pattern.test(text.trim())) return value;
  }
  return undefined;
}

/** Picks the option that names the persona's region (`Stockholms län` also matches `Stockholm`). */
export function regionOption(options: string[], region: string): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/\b(l[äa]n|fylke|amt|region|kommune|county|maakunta)\b/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
  const wanted = norm(region);
  if (!wanted) return undefined;
  for (const option of options) {
    const [value = '', text = ''] = option.split('\u0000');
    const candidate = norm(text) || norm(value);
    if (!candidate) continue;
    // "Stockholms" (genitive) and "Stockholm" name the same region.
    if (candidate === wanted || candidate === wanted.replace(/s$/, '') || wanted === candidate.replace(/s$/, '')) return value;
  }
  return undefined;
}
