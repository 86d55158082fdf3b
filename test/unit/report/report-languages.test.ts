import { describe, expect, it } from 'vitest';
import { renderControlReportMd } from '../../../src/report/control/render-md.js';
import { stringsFor } from '../../../src/report/i18n/lang.js';
import { controlFields, findingColumns, notificationFields } from '../../../src/report/i18n/types.js';
import { buildNotification } from '../../../src/report/notification/build.js';
import { controllerFileSchema } from '../../../src/report/notification/controller.js';
import { renderNotificationMd } from '../../../src/report/notification/render-md.js';
import { reportLanguages } from '../../../src/report/report-input.js';
import { reportInput } from './report-fixture.js';

/**
 * Art. 33 items and the form questions of NOTIFICATION.md, as each language cites them. Written
 * out here, not taken from the strings under test, so a label that goes missing fails.
 */
const CITED = {
  en: ['Art. 33(3)(a)', 'Art. 33(3)(b)', 'Art. 33(3)(c)', 'Art. 33(3)(d)', 'Art. 33(1)', 'Art. 33(4)', 'Art. 33(5)', 'Art. 34', 'Art. 9',
    'Categories of data subjects', 'Approximate number of data subjects', 'Categories of personal data', 'Approximate number of personal data records',
    'Where the data are now', 'Transfer to a third country', 'How the breach was discovered', 'When the breach happened', 'Organisation number'],
  sv: ['art. 33.3 a', 'art. 33.3 b', 'art. 33.3 c', 'art. 33.3 d', 'art. 33.1', 'art. 33.4', 'art. 33.5', 'art. 34', 'art. 9',
    'Kategorier av registrerade', 'Ungefärligt antal registrerade', 'Kategorier av personuppgifter', 'Ungefärligt antal personuppgiftsposter',
    'Var uppgifterna finns nu', 'Överföring till tredjeland', 'Hur incidenten upptäcktes', 'När incidenten inträffade', 'Organisationsnummer'],
  nb: ['art. 33 nr. 3 bokstav a', 'art. 33 nr. 3 bokstav b', 'art. 33 nr. 3 bokstav c', 'art. 33 nr. 3 bokstav d', 'art. 33 nr. 1', 'art. 33 nr. 4',
    'art. 33 nr. 5', 'art. 34', 'art. 9', 'Kategorier av registrerte', 'Omtrentlig antall registrerte', 'Kategorier av personopplysninger',
    'Omtrentlig antall registreringer', 'Hvor opplysningene er nå', 'Overføring til tredjeland', 'Hvordan bruddet ble oppdaget', 'Når bruddet skjedde', 'Organisasjonsnummer'],
} as const;

const TO_COMPLETE = { en: 'to be completed by the controller', sv: 'fylls i av den personuppgiftsansvarige', nb: 'fylles ut av den behandlingsansvarlige' };
const PSEUDONYMISATION = { en: 'Hashing is pseudonymisation, not anonymisation', sv: 'Hashning är pseudonymisering, inte anonymisering', nb: 'Hashing er pseudonymisering, ikke anonymisering' };
const PROVISIONS = {
  // The fixture site is a .se site: Swedish national law (LEK 9:28) for the cookie rule.
  en: ['GDPR Art. 5(1)(f)', 'GDPR Art. 32(1)', 'GDPR Art. 6(1)', 'GDPR Art. 25', 'GDPR Art. 44', 'ePrivacy Directive 2002/58/EC Art. 5(3)', 'ch. 9 s. 28'],
  sv: ['art. 5.1 f', 'art. 32.1', 'art. 6.1', 'art. 25', 'art. 44', 'art. 5.3', '9 kap. 28 §'],
  nb: ['art. 5 nr. 1 bokstav f', 'art. 32 nr. 1', 'art. 6 nr. 1', 'art. 25', 'art. 44', 'art. 5 nr. 3', 'kap. 9 § 28'],
};

describe.each(reportLanguages)('notification.md and control-report.md in %s', (lang) => {
  const t = stringsFor(lang);
  const input = reportInput();
  const notification = renderNotificationMd(buildNotification(input, ['evidence.json']), t);
  const control = renderControlReportMd(input, t);

  it('notification.md has every Art. 33 item and form question, with facts and the controller markers', () => {
    for (const field of notificationFields) expect(notification, field).toContain(t.notification.labels[field]);
    for (const cited of CITED[lang]) expect(notification, cited).toContain(cited);
    expect(notification).toContain(`_${TO_COMPLETE[lang]}_`);
    expect(notification).toContain(PSEUDONYMISATION[lang]);
    expect(notification).toContain('Meta Platforms Ireland Ltd');
    expect(notification).toContain('Meta Platforms, Inc.');
    expect(notification).toMatch(/US \(/);
    expect(notification).toContain('`/forsakring/offert`');
    expect(notification).toContain('SHA-256');
  });

  it('control-report.md has the header, method, findings with their evidence, deviations with provisions, conclusion', () => {
    for (const field of controlFields) expect(control, field).toContain(t.control.labels[field]);
    for (const column of findingColumns) expect(control, column).toContain(t.control.columns[column]);
    for (const provision of PROVISIONS[lang]) expect(control, provision).toContain(provision);
    expect(control).toContain('IMY-2026-0042');
    expect(control).toContain('Anna Andersson, Per Persson');
    expect(control).toContain('pixel-audit 0.1.0');
    expect(control).toContain('Chromium 141.0.7390.37');
    expect(control).toContain('`evidence.json#/requests/0`');
    expect(control).toContain('`query.ud[em]`');
    expect(control).toContain('`normalize:email → sha256 → hex`');
  });
});

describe('report languages', () => {
  it('translate every label (no English left in Swedish or Norwegian)', () => {
    const [en, sv, nb] = reportLanguages.map(stringsFor);
    // "Hashing" is the Norwegian word too.
    for (const field of notificationFields.filter((f) => f !== 'hashing')) {
      expect(sv!.notification.labels[field], field).not.toBe(en!.notification.labels[field]);
      expect(nb!.notification.labels[field], field).not.toBe(en!.notification.labels[field]);
    }
    for (const field of controlFields) expect(sv!.control.labels[field]).not.toBe(nb!.control.labels[field]);
  });

  it('cites both Swedish and Norwegian cookie rules when the jurisdiction is unknown', () => {
    const input = reportInput();
    input.evidence.site = 'https://www.example.test';
    const control = renderControlReportMd(input, stringsFor('nb'));
    expect(control).toContain('kap. 9 § 28');
    expect(control).toContain('ekomloven § 3-15');
  });

  it('fills controller facts in and cites Swedish law for a Swedish controller only', () => {
    const controller = controllerFileSchema.parse({ organisation: { name: 'Tryggbo Försäkring AB', orgNumber: '556000-0000', country: 'SE' }, approxDataSubjects: 'cirka 12 000' });
    const input = reportInput({ controller });
    const notification = renderNotificationMd(buildNotification(input, []), stringsFor('sv'));
    expect(notification).toContain('**Personuppgiftsansvarig:** Tryggbo Försäkring AB');
    expect(notification).toContain('**Ungefärligt antal registrerade:** cirka 12 000');
    const control = renderControlReportMd(input, stringsFor('sv'));
    expect(control).toContain('Tryggbo Försäkring AB (556000-0000)');
    expect(control).toContain('9 kap. 28 §');
    expect(control).not.toContain('ekomloven');
  });

  it('cites refusal, special categories and national id numbers when the evidence shows them', () => {
    const input = reportInput();
    input.evidence.pages[0]!.title = 'Hälsodeklaration';
    for (const f of input.findings.findings) f.consent = 'rejected';
    input.findings.findings[0]!.dataCategory = 'national_id';
    const control = renderControlReportMd(input, stringsFor('en'));
    expect(control).toContain('Tracking after consent was refused');
    expect(control).toContain('GDPR Art. 9(1)');
    expect(control).toContain('häls');
    expect(control).toContain('GDPR Art. 87');
    expect(control).not.toContain('Tracking before any consent');
  });

  it('escapes hostile page text so it cannot become Markdown links or HTML', () => {
    const input = reportInput();
    input.evidence.forms[0]!.fields[0]!.label = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) | pipe';
    const control = renderControlReportMd(input, stringsFor('en'));
    expect(control).not.toMatch(/(^|[^\\])<img/);
    expect(control).not.toMatch(/(^|[^\\])\[click\]\(/);
    expect(control).toContain('\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\| pipe');
  });
});
