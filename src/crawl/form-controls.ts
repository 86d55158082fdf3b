import { consentButtonIntent } from './consent-text.js';

/** A button-like control of a form, as the page shows it. */
export interface FoundButton {
  /** Playwright selector, relative to the form's frame. */
  selector: string;
  /** Visible text, else `value`, else `aria-label`/`title`, whitespace collapsed. */
  text: string;
  /** `submit` (explicit or a `<button>` without type inside a form), `button`, `reset`, `image`, `role` (`[role=button]`, links). */
  type: 'submit' | 'button' | 'reset' | 'image' | 'role';
  visible: boolean;
  disabled: boolean;
}

export type ButtonIntent = 'next' | 'back' | 'submit' | 'cancel' | 'other';

// Words that begin a "next step" label in the audited languages.
const NEXT = /^(n[äa]sta|neste|n[æa]ste|next|weiter|suivant|volgende|siguiente|avanti|seuraava|forts[äa]tt|fortsett|forts[æa]t|continue|continuer|jatka|doorgaan|verder|continuar|continua|prosegui|vidare|g[åa] vidare|g[åa] videre|g[åa] til neste|n[äa]chste[rs]?|step \d|steg \d|→|>)/i;
const BACK = /^(tillbaka|f[öo]reg[åa]ende|tilbake|forrige|tilbage|back|previous|prev|zur[üu]ck|retour|pr[ée]c[ée]dent|terug|vorige|atr[áa]s|anterior|indietro|precedente|takaisin|edellinen|←|<)/i;
const CANCEL = /^(avbryt|annuller|cancel|abbrechen|annuler|annuleren|cancelar|annulla|peruuta|st[äa]ng|lukk|luk|close|schlie(ss|ß)en|fermer|sluiten|cerrar|chiudi|sulje|rensa|nollst[äa]ll|reset|clear)/i;
const SUBMIT = /(skicka|s[äa]nd|send|sende|l[äa]het[äa]|senden|absenden|envoyer|valider|verzenden|versturen|enviar|invia|boka|bestill|book|best[äa]ll|bestil|k[öo]p|buy|pay|betala|betal|bezahlen|payer|betalen|pagar|paga|maksa|order|bestellen|kaufen|commander|comprar|acquista|prenumerera|subscribe|abonnieren|abonner|s'abonner|s.inscrire|aanmelden|inschrijven|suscrib|iscriviti|tilaa|registrera|register|registrer|registrieren|registreren|registrar|registrati|rekister|sign ?up|join|logga in|log ?in|sign ?in|anmelden|einloggen|connexion|se connecter|inloggen|iniciar|accedi|kirjaudu|ber[äa]kna|f[åa] pris|f[åa] offert|h[äa]mta|get (a )?quote|request|beg[äa]r|ans[öo]k|apply|confirm|bekr[äa]fta|bekreft|bekr[æa]ft|best[äa]tigen|confirmer|bevestigen|confirmar|conferma|vahvista|submit|^(ok|go|los)$)/i;

/** What a button label asks for, in the audited languages. */
export function buttonIntent(text: string): ButtonIntent {
  const t = text.replace(/\s+/g, ' ').trim();
  if (!t) return 'other';
  if (BACK.test(t)) return 'back';
  if (NEXT.test(t)) return 'next';
  if (CANCEL.test(t)) return 'cancel';
  if (SUBMIT.test(t)) return 'submit';
  return 'other';
}

/**
 * The control that sends the form, and the one that goes to its next step, among those visible
 * now. A `<form>`'s submit button is its submit unless its label says "next" (a wizard whose
 * steps are one form). A form-like group without `<form>` has no submit type: its button
 * labelled like a submit is, else its only button.
 */
export function pickControls(buttons: FoundButton[], kind: 'form' | 'formless'): { submit?: FoundButton; next?: FoundButton } {
  // A group without <form> can reach up to <body>, where a cookie banner's "OK" is no submit.
  const usable = buttons.filter((b) => b.visible && !b.disabled && (kind === 'form' || consentButtonIntent(b.text) === undefined));
  const intent = new Map(usable.map((b) => [b, buttonIntent(b.text)]));
  const next = usable.find((b) => intent.get(b) === 'next');
  const submitTypes = usable.filter((b) => (b.type === 'submit' || b.type === 'image') && intent.get(b) !== 'next' && intent.get(b) !== 'back' && intent.get(b) !== 'cancel');
  let submit = submitTypes.find((b) => intent.get(b) === 'submit') ?? submitTypes[0];
  if (!submit) submit = usable.find((b) => intent.get(b) === 'submit' && b.type !== 'reset');
  if (!submit && !next && kind === 'formless') {
    const candidates = usable.filter((b) => b.type !== 'reset' && intent.get(b) === 'other');
    if (candidates.length === 1) submit = candidates[0];
  }
  // A wizard's last step: only a submit-type "next" is left (server-side steps): it sends the form.
  if (!submit && next && next.type === 'submit' && kind === 'form') return { submit: next };
  return { submit, next: submit ? undefined : next };
}

const MARKETING = /nyhetsbrev|newsletter|nyhedsbrev|uutiskirje|marketing|markedsf|markkinoin|erbjudand|tilbud|offers?\b|angebot|werbung|reklam|mainos|promo|publicit|offres|aanbieding|nieuwsbrief|ofertas|offerte|sms|utskick|utsendelse|kampanj|partner/i;
const TERMS = /villkor|vilk[åa]r|betingelser|ehdot|terms|agb|nutzungsbedingungen|conditions|cgv|voorwaarden|condiciones|t[ée]rminos|termini|condizioni|integritet|personvern|privatliv|tietosuoja|privacy|datenschutz|confidentialit|donn[ée]es personnelles|privacybeleid|privacidad|riservatezza|gdpr|dsgvo|behandling|processing|elaborazione|tratamiento|verwerking|verarbeitung|traitement|k[äa]sittel|samtyck|samtykk|consent|einwillig|consentement|toestemming|consentimiento|consenso|suostu|godk[äa]nn|godtar|accepter|akzeptier|accept|acepto|accetto|hyv[äa]ksyn|l[äa]st|read|gelesen|lu |gelezen|le[íi]do|letto|lukenut/i;

/**
 * Whether a checkbox is the kind a visitor must tick to send the form (terms, privacy notice,
 * processing consent) or a marketing opt-in, from its label. Marketing wins a tie: a box that
 * mentions both the newsletter and the privacy policy is an opt-in.
 */
export function checkboxIntent(text: string): 'terms' | 'marketing' | 'other' {
  if (MARKETING.test(text)) return 'marketing';
  if (TERMS.test(text)) return 'terms';
  return 'other';
}
