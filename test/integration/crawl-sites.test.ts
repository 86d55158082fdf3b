import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evidence, FormRecord } from '../../src/evidence/schema.js';
import type { SiteReport } from '../../src/report/run-summary.js';
import { readEvidenceJson, scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

/** The sites of issue #6 where forms hide: behind a sitemap, in a cross-origin iframe, in a shadow-DOM wizard, without <form>. */
const SITES = ['offert-sv', 'booking-no', 'wizard-de', 'formless-nl'] as const;

const field = (form: FormRecord, name: string) => form.fields.find((f) => f.name === name)!;
const categories = (report: SiteReport) => new Set(report.findings.map((f) => f.dataCategory));

describe('crawl: finding, classifying and filling the forms that matter (real Chromium)', () => {
  let server: FixtureServer;
  const reports = new Map<string, SiteReport>();
  const evidence = new Map<string, Evidence>();

  beforeAll(async () => {
    server = await startFixtureServer();
    const result = await scanFixtures(server, SITES.map((s) => server.sites[s]!), { maxPages: 3, concurrency: 2 });
    for (const report of result.reports) {
      const name = SITES.find((s) => server.sites[s] === report.summary.input)!;
      reports.set(name, report);
      evidence.set(name, await readEvidenceJson(report.bundleDir!));
    }
  }, 170_000);
  afterAll(() => server?.close());

  it('never lets a site (or its booking widget) receive the application in intercept mode', () => {
    for (const name of SITES) expect(server.formPosts(name), name).toEqual([]);
    expect(server.formPosts('booking.timeplan-widget.test')).toEqual([]);
    for (const name of SITES) expect(reports.get(name)!.summary.status, name).toBe('ok');
  });

  it('finds the Swedish quote page through robots.txt and the sitemap index, read through the browser, and visits it first', () => {
    const ev = evidence.get('offert-sv')!;
    expect(ev.sitemaps?.map((s) => [new URL(s.url).pathname, s.status])).toEqual([
      ['/robots.txt', 200], ['/sitemap_index.xml', 200], ['/sitemap-sidor.xml', 200],
    ]);
    expect(ev.sitemaps?.at(-1)?.urls).toBe(6);
    // The fetches are captured like any other request (DESIGN §1: never through Node's own HTTP).
    expect(ev.requests.some((r) => r.url.endsWith('/robots.txt') && r.outcome.status === 200)).toBe(true);
    expect(ev.requests.some((r) => r.url.endsWith('/sitemap-sidor.xml'))).toBe(true);
    // No page links to the quote form; with three pages allowed it still comes right after the start page.
    expect(ev.pages.map((p) => [new URL(p.url).pathname, p.source])[1]).toEqual(['/forsakring/offert', 'sitemap']);
  });

  it('fits the persona to each field of the Swedish quote form: pattern, maxlength, select, radio, boxes', () => {
    const ev = evidence.get('offert-sv')!;
    const form = ev.forms[0]!;
    const persona = ev.persona;
    expect(form).toMatchObject({ kind: 'form', steps: 1, submit: 'intercepted' });
    expect(field(form, 'pnr')).toMatchObject({ category: 'national_id', personaField: 'nationalIds.SE' });
    expect(field(form, 'pnr').value).toMatch(/^(19|20)\d{10}$/); // maxlength 12, pattern [0-9]{12}
    expect(field(form, 'pnr').value!.slice(2)).toBe(persona.nationalIds.SE!.replace(/\D/g, ''));
    expect(field(form, 'mobil').value).toBe(persona.phone.replace(/\D/g, '')); // pattern [0-9]{10}
    expect(field(form, 'postnr').value).toBe(persona.postalCode.replace(/\s/g, '')); // maxlength 5
    expect(field(form, 'fdatum')).toMatchObject({ category: 'date_of_birth', value: persona.dateOfBirth });
    expect(field(form, 'kon')).toMatchObject({ category: 'gender', value: persona.gender === 'female' ? 'K' : 'M' });
    expect(field(form, 'lan')).toMatchObject({ category: 'region', personaField: 'region' });
    expect(field(form, 'villkor')).toMatchObject({ category: null, value: 'checked', required: true });
    expect(field(form, 'erbjudanden')).toMatchObject({ category: null, skipped: 'marketing opt-in left unticked' });
    expect(field(form, 'erbjudanden').value).toBeUndefined();
    // The browser's own validation let the submit through, and the site saw the opt-in unticked.
    const lead = ev.requests.find((r) => r.url.includes('ev=Lead'));
    expect(decodeURIComponent(lead?.url ?? '')).toContain('cd[marketing]=no');
    expect([...categories(reports.get('offert-sv')!)]).toEqual(expect.arrayContaining(['email', 'phone', 'first_name', 'last_name', 'postal_code', 'city']));
  });

  it('types like a person: focus, type, blur per field, in order, then submit', () => {
    const ev = evidence.get('offert-sv')!;
    const actions = ev.timeline.filter((a) => a.formId === 'f1');
    const email = actions.filter((a) => a.selector === '#epost').map((a) => a.type);
    expect(email).toEqual(['focus', 'type', 'blur']);
    expect(actions.at(-1)?.type).toBe('submit');
    const findings = reports.get('offert-sv')!.findings;
    expect(findings.every((f) => f.trigger === 'submit' && !f.beforeSubmit)).toBe(true);
  });

  it('fills the Norwegian booking form inside the cross-origin iframe and finds the fødselsnummer sent to Meta', () => {
    const ev = evidence.get('booking-no')!;
    const form = ev.forms[0]!;
    expect(form.frameUrl).toMatch(/^https:\/\/booking\.timeplan-widget\.test\/widget\//);
    expect(field(form, 'fnr')).toMatchObject({ category: 'national_id', personaField: 'nationalIds.NO', value: ev.persona.nationalIds.NO });
    expect(field(form, 'behandling')).toMatchObject({ category: null, value: 'undersokelse', required: true });
    expect(field(form, 'mobil')).toMatchObject({ category: 'phone' });
    expect(ev.timeline.filter((a) => a.formId === form.id).every((a) => a.frameUrl === form.frameUrl)).toBe(true);
    const report = reports.get('booking-no')!;
    expect(report.findings.some((f) => f.dataCategory === 'national_id' && f.parameter === 'query.ud[external_id]' && f.hashed)).toBe(true);
    expect([...categories(report)]).toEqual(expect.arrayContaining(['email', 'phone', 'first_name', 'last_name', 'national_id']));
    // The widget's own booking POST was answered by pixel-audit, not by the vendor.
    const booking = ev.requests.find((r) => r.method === 'POST' && r.url.endsWith('/widget/bestill/skicka'));
    expect(booking?.outcome.interceptedBy).toBe('pixel-audit');
  });

  it('walks the late-rendered shadow-DOM wizard step by step (Weiter, Weiter, Jetzt absenden)', () => {
    const ev = evidence.get('wizard-de')!;
    const form = ev.forms[0]!;
    expect(form).toMatchObject({ kind: 'formless', inShadowRoot: true, steps: 3, submit: 'intercepted' });
    expect(form.fields.map((f) => [f.name, f.category, f.step])).toEqual([
      ['vorname', 'first_name', 1], ['nachname', 'last_name', 1], ['email', 'email', 1],
      ['telefon', 'phone', 2], ['geburtsdatum', 'date_of_birth', 2], ['plz', 'postal_code', 2],
      ['anrede', 'gender', 3], ['datenschutz', null, 3], ['werbung', null, 3],
    ]);
    const [y, m, d] = ev.persona.dateOfBirth.split('-');
    expect(field(form, 'geburtsdatum').value).toBe(`${d}.${m}.${y}`); // placeholder TT.MM.JJJJ
    expect(field(form, 'datenschutz').value).toBe('checked');
    expect(field(form, 'werbung').skipped).toBe('marketing opt-in left unticked');
    const clicks = ev.timeline.filter((a) => a.formId === form.id && a.type === 'click' && a.detail?.startsWith('next step'));
    expect(clicks.map((a) => a.detail)).toEqual(['next step 1 → 2: "Weiter"', 'next step 2 → 3: "Weiter"']);
    expect(ev.requests.find((r) => r.url.endsWith('/tarif/skicka'))?.outcome.interceptedBy).toBe('pixel-audit');
    expect([...categories(reports.get('wizard-de')!)]).toEqual(expect.arrayContaining(['email', 'phone', 'date_of_birth', 'postal_code', 'gender']));
  });

  it('treats inputs and a button in a container without <form> as a form, labelled by neighbouring text', () => {
    const ev = evidence.get('formless-nl')!;
    expect(ev.forms).toHaveLength(1);
    const form = ev.forms[0]!;
    expect(form).toMatchObject({ kind: 'formless', selector: '#nieuwsbrief', submit: 'intercepted' });
    expect(form.fields.map((f) => [f.name, f.category, f.value === undefined ? undefined : 'filled'])).toEqual([
      ['nb_1', 'first_name', 'filled'], ['nb_2', 'email', 'filled'], ['nb_3', null, 'filled'],
    ]);
    expect(field(form, 'nb_1').label).toBe('Voornaam');
    expect(new Set(reports.get('formless-nl')!.findings.map((f) => f.dataCategory))).toEqual(new Set(['email', 'first_name']));
  });
});
