import { describe, expect, it } from 'vitest';
import { consentButtonIntent, mentionsConsent, normaliseButtonText } from '../../../src/crawl/consent-text.js';

describe('consentButtonIntent: banner buttons in the audited languages', () => {
  it.each([
    'Godkänn alla kakor', 'Godkänn alla', 'Acceptera alla cookies', 'Tillåt alla', 'Godta alle', 'Aksepter alle informasjonskapsler',
    'Accepter alle cookies', 'Tillad alle', 'Hyväksy kaikki evästeet', 'Alle akzeptieren', 'Alle Cookies akzeptieren', 'Tout accepter',
    'Accepter et fermer', 'Alles accepteren', 'Aceptar todas las cookies', 'Accetta tutti i cookie', 'Accept all cookies', 'OK', 'I agree!',
  ])('"%s" accepts', (text) => {
    expect(consentButtonIntent(text)).toBe('accept');
  });
  it.each([
    'Endast nödvändiga kakor', 'Neka alla', 'Avvisa alla', 'Kun nødvendige', 'Avvis alle', 'Afvis alle', 'Kun nødvendige cookies',
    'Vain välttämättömät', 'Hylkää kaikki', 'Alle ablehnen', 'Nur notwendige Cookies', 'Tout refuser', 'Continuer sans accepter',
    'Alleen noodzakelijke cookies', 'Rechazar todas', 'Rifiuta tutti', 'Reject all', 'Only necessary cookies', 'Decline',
  ])('"%s" rejects', (text) => {
    expect(consentButtonIntent(text)).toBe('reject');
  });
  it.each(['Anpassa', 'Inställningar', 'Mehr erfahren', 'Läs mer om kakor', 'Accept the offer of the week and save 20 % on all bikes today only'])('"%s" is no choice', (text) => {
    expect(consentButtonIntent(text)).toBeUndefined();
  });
  it('normalises case, punctuation and cookie nouns', () => {
    expect(normaliseButtonText('  GODKÄNN ALLA COOKIES! ')).toBe('godkänn alla');
  });
  it('tells banner text from other text', () => {
    expect(mentionsConsent('Vi använder kakor för att förbättra webbplatsen')).toBe(true);
    expect(mentionsConsent('Wir verwenden Cookies')).toBe(true);
    expect(mentionsConsent('Din varukorg är tom')).toBe(false);
  });
});
