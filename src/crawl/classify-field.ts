import type { DataCategory } from '../persona/schema.js';

/** What the page tells about one input: the attributes a person (and a tracker) would read. */
export interface FieldDescriptor {
  tag: string;
  type: string;
  name?: string;
  id?: string;
  autocomplete?: string;
  label?: string;
  placeholder?: string;
  ariaLabel?: string;
  /** `title` attribute (a tooltip some sites use instead of a label). */
  title?: string;
  /** Label of the group a radio button belongs to (fieldset legend, radiogroup label). */
  groupLabel?: string;
  /** `inputmode` (`email`, `tel`, `numeric`, …). */
  inputMode?: string;
  /** `maxlength`, when set. */
  maxLength?: number;
  /** `pattern`, when set. */
  pattern?: string;
}

export interface FieldClass {
  category: DataCategory;
  /** Persona field to type (`email`, `nationalIds.SE`, `fullName` for first + last). */
  personaField: string;
  /** How the decision was made: `type`, `autocomplete` or `keyword`. */
  basis: 'type' | 'autocomplete' | 'keyword';
}

/** HTML autocomplete tokens (WHATWG) and the persona field each asks for. */
const AUTOCOMPLETE: Record<string, [DataCategory, string]> = {
  email: ['email', 'email'],
  tel: ['phone', 'phone'],
  'tel-national': ['phone', 'phone'],
  'given-name': ['first_name', 'firstName'],
  'family-name': ['last_name', 'lastName'],
  name: ['full_name', 'fullName'],
  sex: ['gender', 'gender'],
  bday: ['date_of_birth', 'dateOfBirth'],
  'street-address': ['street_address', 'streetAddress'],
  'address-line1': ['street_address', 'streetAddress'],
  'postal-code': ['postal_code', 'postalCode'],
  'address-level2': ['city', 'city'],
  'address-level1': ['region', 'region'],
  country: ['country', 'country'],
  'country-name': ['country', 'country'],
  'new-password': ['password', 'password'],
  'current-password': ['password', 'password'],
  'cc-name': ['full_name', 'fullName'],
};

/** Autocomplete tokens that say the field holds nothing of the persona (cards, companies, codes). */
const NOT_PERSONA = new Set([
  'organization', 'organization-title', 'address-line2', 'address-line3', 'cc-number', 'cc-csc', 'cc-exp',
  'cc-exp-month', 'cc-exp-year', 'cc-type', 'one-time-code', 'transaction-amount', 'transaction-currency',
]);

// Labels of things the persona does not have, though they share words with what it has:
// a second address line, a house or flat number on its own, a job title.
const NOT_PERSONA_TEXT = /address.?(line.?)?[23]\b|apartment|suite|c\/o|l[äa]genhet|lgh|job.?title|stellung|position/i;
// A house number on its own ("Hausnummer"), not "Straße und Hausnummer".
const HOUSE_NUMBER = /haus.?(nr|nummer)|huis.?(nr|nummer)|house.?(no|number)/i;
const STREET = /stra(ss|ß)e|straat|street|gata|gate|adress|address/i;

/**
 * Keywords per category in the languages sites are audited in (sv, no, da, fi, de, fr, nl, es,
 * it, en), matched against name, id, label, placeholder and aria-label. Order matters: more
 * specific categories first (`efternamn` before `namn`).
 */
const KEYWORDS: Array<[DataCategory, string, RegExp]> = [
  ['email', 'email', /e-?mail|e-?post|sähköposti|courriel|correo|posta elettronica/i],
  ['national_id', 'nationalIds', /person(al)?nummer|personnr|pnr|f[øo]dselsnummer|fnr|cpr|henkil[öo]tunnus|hetu|(?<![a-z])ssn(?![a-z])|social.?security|personal.?id|identitetsnummer|national.?id/i],
  ['phone', 'phone', /phone|telefon|telefoon|tlf|puhelin|mobil|mobiel|m[óo]vil|handy|t[ée]l[ée]phone|tel[ée]fono|cellulare|gsm|^tel$|\btel\b/i],
  // Phrasings of the whole name come before first and last name, which would catch a part of
  // them (`nome e cognome`, `nombre y apellidos`, `fullname` contains `lname`).
  ['full_name', 'fullName', /full.?name|fullst[äa]ndigt.?namn|fullt.?navn|fulde.?navn|koko.?nimi|vollst[äa]ndiger.?name|nom.?complet|volledige.?naam|nombre.?completo|nombre.?y.?apellidos?|nome.?e.?cognome|your.?name|ditt.?namn/i],
  ['first_name', 'firstName', /first.?name|given.?name|f[öo]rnamn|fornavn|etunimi|vorname|pr[ée]nom|voornaam|nombre(?!.*apellido)|^nome$|fname/i],
  ['last_name', 'lastName', /last.?name|family.?name|familienname|surname|efternamn|etternavn|efternavn|sukunimi|nachname|nom.?de.?famille|achternaam|apellido|cognome|lname/i],
  ['date_of_birth', 'dateOfBirth', /birth|f[öo]delsedatum|f[øo]dselsdato|syntym[äa]aika|geburts(datum|tag)|naissance|geboortedatum|nacimiento|nascita|dob|bday/i],
  ['postal_code', 'postalCode', /post.?(code|nummer|nr)|postnr|zip|postinumero|plz|postleitzahl|code.?postal|postcode|c[óo]digo.?postal|cap\b/i],
  // `^by$` (Danish), not `by`: "Sort by" and "hobby" are no cities.
  ['city', 'city', /city|\bort\b|postort|wohnort|poststed|^by$|kaupunki|postitoimipaikka|stadt|ville|plaats|ciudad|localidad|citt[àa]|comune|town/i],
  ['street_address', 'streetAddress', /address|adres|osoite|stra(ss|ß)e|rue|straat|direcci[óo]n|indirizzo|street/i],
  // `län` as a word: `lan` inside "Land", "plan" or "meddelande" is no region.
  ['region', 'region', /r[ée]gion|state|county|\bl[äa]n\b|fylke|maakunta|bundesland|provin/i],
  ['country', 'country', /country|land\b|maa\b|pays|pa[íi]s|paese|nazione/i],
  ['gender', 'gender', /gender|sex[eo]?\b|k[öo]n\b|kj[øo]nn|k[øo]n\b|sukupuoli|geschlecht|civilit[ée]|genre|geslacht|g[ée]nero|sesso|anrede/i],
  ['password', 'password', /pass(word|ord)|salasana|kennwort|mot.?de.?passe|wachtwoord|contrase[ñn]a/i],
  ['full_name', 'fullName', /^(full.?)?name$|^namn$|^navn$|^nimi$|^nom$|^naam$/i],
  ['free_text', 'message', /message|meddelande|melding|besked|viesti|nachricht|commentaire|bericht|mensaje|messaggio|comment|kommentar|fr[åa]ga|question/i],
];

/**
 * Decides what persona value an input wants. Precedence: the input `type` where it is
 * unambiguous, then the `autocomplete` token, then keywords. Returns null when unsure: the
 * crawler records such a field as unknown instead of guessing.
 */
export function classifyField(field: FieldDescriptor, country = 'SE'): FieldClass | null {
  const type = field.type.toLowerCase();
  if (type === 'email') return { category: 'email', personaField: 'email', basis: 'type' };
  if (type === 'tel') return { category: 'phone', personaField: 'phone', basis: 'type' };
  if (type === 'password') return { category: 'password', personaField: 'password', basis: 'type' };
  const tokens = (field.autocomplete ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  for (const token of tokens.reverse()) {
    const hit = AUTOCOMPLETE[token];
    if (hit) return { category: hit[0], personaField: hit[1], basis: 'autocomplete' };
  }
  for (const token of tokens) if (NOT_PERSONA.has(token)) return null;
  const texts = [field.name, field.id, field.label, field.placeholder, field.ariaLabel, field.title, field.groupLabel]
    .filter((t): t is string => !!t)
    .map((t) => t.replace(/[\s*:]+$/, '').trim()) // "Namn *", "Nimi:": a required marker is not part of the name
    .filter(Boolean);
  if (texts.some((t) => NOT_PERSONA_TEXT.test(t))) return null;
  if (texts.some((t) => HOUSE_NUMBER.test(t)) && !texts.some((t) => STREET.test(t))) return null;
  const choice = field.tag === 'select' || type === 'radio';
  // "Title" (Mr/Ms) and "Tilltal" choices reveal gender; a free-text "Title" is a job title.
  if (choice && texts.some((t) => /^(title|salutation|tilltal|titel|titre|aanhef|tratamiento|titolo)$/i.test(t))) {
    return { category: 'gender', personaField: 'gender', basis: 'keyword' };
  }
  // A placeholder that shows an e-mail address is an e-mail field, whatever its name.
  if (field.placeholder && /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(field.placeholder.trim())) {
    return { category: 'email', personaField: 'email', basis: 'keyword' };
  }
  for (const [category, personaField, pattern] of KEYWORDS) {
    if (texts.some((t) => pattern.test(t))) {
      const resolved = personaField === 'nationalIds' ? `nationalIds.${idCountry(texts.join(' '), country)}` : personaField;
      return { category, personaField: resolved, basis: 'keyword' };
    }
  }
  const inputMode = (field.inputMode ?? '').toLowerCase();
  if (inputMode === 'email') return { category: 'email', personaField: 'email', basis: 'type' };
  if (inputMode === 'tel') return { category: 'phone', personaField: 'phone', basis: 'type' };
  if (type === 'date') return { category: 'date_of_birth', personaField: 'dateOfBirth', basis: 'type' };
  if (field.tag === 'textarea') return { category: 'free_text', personaField: 'message', basis: 'type' };
  return null;
}

/** Which country's identity number a label asks for; the site's country otherwise. */
function idCountry(text: string, fallback: string): string {
  if (/f[øo]dselsnummer|fnr/i.test(text)) return 'NO';
  if (/cpr/i.test(text)) return 'DK';
  if (/henkil[öo]tunnus|hetu/i.test(text)) return 'FI';
  if (/personnummer|personnr|pnr/i.test(text)) return 'SE';
  return ['SE', 'NO', 'DK', 'FI'].includes(fallback) ? fallback : 'SE';
}
