import { describe, expect, it } from 'vitest';
import { buttonIntent, checkboxIntent, pickControls, type FoundButton } from '../../../src/crawl/form-controls.js';

const b = (text: string, over: Partial<FoundButton> = {}): FoundButton => ({ selector: `#${text.replace(/\W+/g, '-')}`, text, type: 'button', visible: true, disabled: false, ...over });

describe('buttonIntent', () => {
  it.each(['Nästa', 'Neste', 'Næste', 'Next', 'Weiter', 'Suivant', 'Volgende', 'Siguiente', 'Avanti', 'Seuraava', 'Nästa steg →', 'Fortsätt', 'Continue'])('"%s" is a next step', (text) => {
    expect(buttonIntent(text)).toBe('next');
  });
  it.each(['Tillbaka', 'Forrige', 'Zurück', 'Précédent', 'Terug', 'Atrás', 'Indietro', 'Takaisin', 'Back'])('"%s" goes back', (text) => {
    expect(buttonIntent(text)).toBe('back');
  });
  it.each(['Skicka', 'Beräkna pris', 'Bestill time', 'Boka tid', 'Jetzt absenden', 'Envoyer', 'Inschrijven', 'Enviar', 'Invia', 'Lähetä', 'Slutför köp', 'Prenumerera', 'Logga in', 'OK'])('"%s" sends the form', (text) => {
    expect(buttonIntent(text)).toBe('submit');
  });
  it('knows cancel and nothing-in-particular', () => {
    expect(buttonIntent('Avbryt')).toBe('cancel');
    expect(buttonIntent('Visa lösenord')).toBe('other');
    expect(buttonIntent('')).toBe('other');
  });
});

describe('pickControls', () => {
  it('takes a <form>\'s submit button, whatever it says', () => {
    const submit = b('Beräkna', { type: 'submit' });
    expect(pickControls([b('Rensa', { type: 'reset' }), submit], 'form')).toEqual({ submit, next: undefined });
  });

  it('walks a wizard: a visible next button and no visible submit means "next step"', () => {
    const next = b('Nästa');
    const hiddenSubmit = b('Skicka', { type: 'submit', visible: false });
    expect(pickControls([b('Tillbaka'), next, hiddenSubmit], 'form')).toEqual({ submit: undefined, next });
  });

  it('sends a server-side wizard whose only control is a submit labelled "next"', () => {
    const next = b('Nästa', { type: 'submit' });
    expect(pickControls([next], 'form')).toEqual({ submit: next });
  });

  it('finds a formless group\'s submit by its words, else its only button', () => {
    const send = b('Inschrijven');
    expect(pickControls([b('Meer info'), send], 'formless').submit).toBe(send);
    const only = b('→');
    expect(pickControls([b('Go →')], 'formless').submit?.text).toBe('Go →');
    expect(pickControls([only], 'formless').next).toBe(only); // an arrow alone reads as "next"
    expect(pickControls([b('Info'), b('Hjälp')], 'formless')).toEqual({ submit: undefined, next: undefined });
  });

  it('does not take a cookie banner\'s button for a formless group\'s submit', () => {
    expect(pickControls([b('OK'), b('Godkänn alla kakor')], 'formless')).toEqual({ submit: undefined, next: undefined });
    expect(pickControls([b('OK', { type: 'submit' })], 'form').submit?.text).toBe('OK');
  });

  it('ignores hidden and disabled controls', () => {
    expect(pickControls([b('Skicka', { type: 'submit', disabled: true }), b('Weiter', { visible: false })], 'form')).toEqual({ submit: undefined, next: undefined });
  });
});

describe('checkboxIntent', () => {
  it.each([
    'Jag har läst och godkänner villkoren', 'Jeg godtar vilkårene', 'Jeg accepterer betingelserne', 'Hyväksyn ehdot',
    'Ich habe die Datenschutzhinweise gelesen und akzeptiere sie.', "J'accepte les conditions générales", 'Ik ga akkoord met de privacyverklaring',
    'Acepto la política de privacidad', 'Accetto i termini e le condizioni', 'I agree to the Terms of Service',
  ])('"%s" is a terms box', (text) => {
    expect(checkboxIntent(text)).toBe('terms');
  });
  it.each([
    'Ja tack, jag vill få erbjudanden och nyhetsbrev via e-post', 'Ja, send meg tilbud', 'Ich möchte Angebote per E-Mail erhalten.',
    'Je souhaite recevoir les offres', 'Ik wil de nieuwsbrief ontvangen', 'Quiero recibir ofertas', 'Send me the newsletter',
    'I agree to receive marketing e-mails and accept the privacy policy',
  ])('"%s" is a marketing opt-in', (text) => {
    expect(checkboxIntent(text)).toBe('marketing');
  });
  it('leaves anything else alone', () => {
    expect(checkboxIntent('Kom ihåg mig')).toBe('other');
  });
});
