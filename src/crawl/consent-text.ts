/**
 * Reading consent banners by their words, for banners no autoconsent rule knows. Button labels
 * are normalised (lower case, punctuation and "cookies"-like nouns dropped) before matching, so
 * "Godkänn alla kakor", "Godkänn alla" and "GODKÄNN ALLA COOKIES!" read the same.
 */

// Nouns banners add to their buttons: "Accept all cookies", "Godkänn alla kakor".
const NOUNS = /\b(cookies?|kakor|kakorna|informasjonskapsler|informasjonskapslene|evästeet|evästeitä|tracking|tracker|cookie-einstellungen)\b/g;

const ACCEPT = [
  'accept', 'accept all', 'accept and close', 'accept & close', 'allow all', 'allow', 'agree', 'i agree', 'i accept', 'ok', 'okay', 'got it',
  'godkänn', 'godkänn alla', 'godkänner', 'jag godkänner', 'acceptera', 'acceptera alla', 'tillåt alla', 'tillåt', 'ok, jag förstår',
  'godta', 'godta alle', 'aksepter', 'aksepter alle', 'tillat alle', 'jeg godtar', 'ok, jeg forstår',
  'accepter', 'accepter alle', 'tillad alle', 'tillad', 'ja tak', 'ja, tak', 'jeg accepterer',
  'hyväksy', 'hyväksy kaikki', 'salli kaikki', 'hyväksyn',
  'alle akzeptieren', 'akzeptieren', 'alle annehmen', 'annehmen', 'alle zulassen', 'zustimmen', 'einverstanden', 'alle erlauben',
  'tout accepter', 'accepter', 'accepter tout', 'accepter et fermer', "j'accepte", 'autoriser tous', 'tout autoriser',
  'alles accepteren', 'accepteren', 'alle accepteren', 'akkoord', 'ik ga akkoord', 'alles toestaan', 'toestaan',
  'aceptar', 'aceptar todo', 'aceptar todas', 'acepto', 'permitir todas', 'aceptar y cerrar',
  'accetta', 'accetta tutto', 'accetta tutti', 'accetto', 'consenti tutti', 'accetta e chiudi',
];
const REJECT = [
  'reject', 'reject all', 'decline', 'decline all', 'deny', 'deny all', 'refuse', 'only necessary', 'only essential', 'necessary only',
  'essential only', 'use necessary only', 'continue without accepting', 'no thanks',
  'neka', 'neka alla', 'avvisa', 'avvisa alla', 'avböj', 'avböj alla', 'endast nödvändiga', 'bara nödvändiga', 'endast nödvändiga kakor',
  'fortsätt utan att godkänna', 'tillåt endast nödvändiga', 'nej tack',
  'avslå', 'avslå alle', 'avvis', 'avvis alle', 'kun nødvendige', 'bare nødvendige', 'godta kun nødvendige', 'nei takk',
  'afvis', 'afvis alle', 'kun nødvendige', 'tillad kun nødvendige', 'nej tak', 'kun nødvendige cookies',
  'hylkää', 'hylkää kaikki', 'vain välttämättömät', 'salli vain välttämättömät', 'kieltäydy',
  'alle ablehnen', 'ablehnen', 'nur notwendige', 'nur essenzielle', 'nur erforderliche', 'nur notwendige zulassen', 'weiter ohne einwilligung',
  'tout refuser', 'refuser', 'refuser tout', 'continuer sans accepter', 'uniquement nécessaires',
  'alles weigeren', 'weigeren', 'alleen noodzakelijke', 'alleen noodzakelijk', 'afwijzen', 'alles afwijzen',
  'rechazar', 'rechazar todo', 'rechazar todas', 'solo necesarias', 'sólo necesarias', 'continuar sin aceptar',
  'rifiuta', 'rifiuta tutto', 'rifiuta tutti', 'solo necessari', 'continua senza accettare',
];
const ACCEPT_SET = new Set(ACCEPT);
const REJECT_SET = new Set(REJECT);

/** Lower-cased label without the cookie nouns, punctuation and surrounding blanks. */
export function normaliseButtonText(text: string): string {
  return text
    .toLowerCase()
    .replace(NOUNS, ' ')
    .replace(/[!.:…"“”«»()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/,$/, '')
    // The article left behind by a dropped noun: "aceptar todas las [cookies]", "accetta tutti i [cookie]".
    .replace(/\s+(las|los|les|the|i|gli|le|de|der|die|das|het|el)$/, '');
}

/** `accept` / `reject` when the label is an accept-all or reject-all (only-necessary) button. */
export function consentButtonIntent(text: string): 'accept' | 'reject' | undefined {
  const t = normaliseButtonText(text);
  if (!t || t.length > 60) return undefined;
  if (ACCEPT_SET.has(t)) return 'accept';
  if (REJECT_SET.has(t)) return 'reject';
  return undefined;
}

/** Whether text around a button speaks of cookies or consent (so "OK" there means the banner). */
export function mentionsConsent(text: string): boolean {
  return /cookie|kakor|informasjonskapsl|eväste|consent|samtyck|samtykk|suostumu|einwillig|consentement|toestemming|consentimiento|consenso|privacy|integritet|personvern|privatliv|tietosuoja|datenschutz|confidentialit|privacidad|riservatezza|tracking|spårning|sporing/i.test(text);
}
