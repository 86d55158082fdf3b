import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/browser/launch.js';
import { stringsFor } from '../../src/report/i18n/lang.js';
import { notificationFields } from '../../src/report/i18n/types.js';
import { manifestSchema } from '../../src/report/manifest.js';
import { notificationSchema } from '../../src/report/notification/schema.js';
import { regenerateReports } from '../../src/report/regenerate.js';
import type { SiteReport } from '../../src/report/run-summary.js';
import { keyFingerprint, verifySignature } from '../../src/report/sign.js';
import { verifyBundle } from '../../src/report/verify.js';
import { scanFixtures, startFixtureServer, type FixtureServer } from '../helpers/fixture-scan.js';

const REPORT_FILES = ['report.html', 'notification.json', 'notification.md', 'control-report.md'];

/** Opens a local file in Chromium and records every request the page makes. */
async function open(browser: Browser, file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests };
}

describe('the reports of a fixture scan (real Chromium)', () => {
  let server: FixtureServer;
  let browser: Browser;
  let report: SiteReport;
  let runDir: string;
  let bundle: string;
  let publicKey: ReturnType<typeof generateKeyPairSync>['publicKey'];

  beforeAll(async () => {
    server = await startFixtureServer();
    const dir = await mkdtemp(join(tmpdir(), 'pixel-audit-report-'));
    const pair = generateKeyPairSync('ed25519');
    publicKey = pair.publicKey;
    await writeFile(join(dir, 'key.pem'), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(join(dir, 'controller.json'), JSON.stringify({ organisation: { name: 'Tryggbo Försäkring AB', orgNumber: '556677-8899', country: 'SE' }, dpo: { email: 'dso@tryggbo.test' } }));
    const result = await scanFixtures(server, [server.sites.demo!], {
      lang: 'sv', signKey: join(dir, 'key.pem'), controllerFile: join(dir, 'controller.json'), caseRef: 'DI-2026-0042', inspectors: ['Kari Nordmann'],
    });
    report = result.reports[0]!;
    runDir = result.summary.runDir;
    bundle = report.bundleDir!;
    browser = (await launchBrowser()).browser;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('report.html renders the summary and every finding with no request but the file itself', async () => {
    expect(report.findings.length).toBeGreaterThan(0);
    const file = join(bundle, 'report.html');
    const { page, requests } = await open(browser, file);
    expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([pathToFileURL(file).href]);
    expect(await page.title()).toContain('www.tryggbo-forsakring.test');
    const summary = await page.locator('#summary').innerText();
    expect(summary).toMatch(/\d+ finding\(s\): what a visitor typed into 2 form\(s\) was sent to 1 recipient\(s\)/);
    expect(summary).toContain('Meta Platforms Ireland Ltd (IE), parent Meta Platforms, Inc. (US)');
    expect(summary).toContain('Hashing is pseudonymisation, not anonymisation');
    expect(await page.locator('details.finding').count()).toBe(report.findings.length);
    // The form screenshots are embedded and decode as images.
    const widths = await page.locator('figure img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(widths.length).toBeGreaterThanOrEqual(2);
    for (const w of widths) expect(w).toBeGreaterThan(100);
    const first = page.locator('details.finding').first();
    await first.locator('summary').click();
    expect(await first.locator('pre.url mark').count()).toBeGreaterThan(0);
    expect(await first.locator('tr.leaking').count()).toBe(1);
    expect(await first.innerText()).toContain('✓ equals the value found in the request');
    expect(await page.locator('#timeline tr.request').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('index.html of the run renders and links to the site report, fetching nothing', async () => {
    const file = join(runDir, 'index.html');
    const { page, requests } = await open(browser, file);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(await page.locator('a[href="sites/www.tryggbo-forsakring.test/report.html"]').count()).toBe(1);
    await page.close();
  });

  it('junit.xml is well-formed, with one case per form and the right failures', async () => {
    const xml = await readFile(join(runDir, 'junit.xml'), 'utf8');
    const page = await browser.newPage();
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const cases = Array.from(doc.querySelectorAll('testcase'));
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        names: cases.map((c) => c.getAttribute('name')),
        failing: cases.filter((c) => c.querySelector('failure')).map((c) => c.getAttribute('name')),
        failures: doc.documentElement.getAttribute('failures'),
      };
    }, xml);
    await page.close();
    expect(parsed.error).toBeNull();
    expect(parsed.names).toEqual(['tracker configuration', 'pages (requests outside forms)', 'form f1 /offert #offert-form', 'form f2 /kontakt #nyhetsbrev-form']);
    // Automatic advanced matching on (medium) fails the configuration case at --fail-on low.
    expect(parsed.failing).toEqual(['tracker configuration', 'form f1 /offert #offert-form', 'form f2 /kontakt #nyhetsbrev-form']);
    expect(parsed.failures).toBe('3');
  });

  it('writes the notification and control report in the chosen language, prefilled from --controller', async () => {
    const json = notificationSchema.parse(JSON.parse(await readFile(join(bundle, 'notification.json'), 'utf8')));
    expect(json.controller.organisation).toEqual({ value: 'Tryggbo Försäkring AB', source: 'controller', phase: 'final' });
    expect(json.recipients.value![0]).toMatchObject({ legalEntity: { country: 'IE' }, thirdCountryTransfer: true, thirdCountries: ['US'] });
    const sv = stringsFor('sv');
    const md = await readFile(join(bundle, 'notification.md'), 'utf8');
    for (const field of notificationFields) expect(md, field).toContain(sv.notification.labels[field]);
    expect(md).toContain('Tryggbo Försäkring AB');
    const control = await readFile(join(bundle, 'control-report.md'), 'utf8');
    expect(control).toContain('| **Ärendenummer** | DI-2026-0042 |');
    expect(control).toContain('Kari Nordmann');
    expect(control).toContain('9 kap. 28 §');
  });

  it('covers the reports in a signed manifest that verifies', async () => {
    const manifest = manifestSchema.parse(JSON.parse(await readFile(join(bundle, 'manifest.json'), 'utf8')));
    for (const file of REPORT_FILES) expect(manifest.files.map((f) => f.path)).toContain(file);
    expect(await verifyBundle(bundle)).toMatchObject({ ok: true, problems: [] });
    expect(await verifySignature(bundle, publicKey)).toEqual({ signed: true, ok: true, fingerprint: keyFingerprint(publicKey), trusted: true });
  });

  it('regenerates the reports in the other languages from the saved bundle, without a browser', async () => {
    for (const lang of ['en', 'nb'] as const) {
      const out = await mkdtemp(join(tmpdir(), `pixel-audit-report-${lang}-`));
      const result = await regenerateReports(bundle, { lang, outDir: out });
      expect(result).toMatchObject({ written: REPORT_FILES, manifestRewritten: false });
      const t = stringsFor(lang);
      const md = await readFile(join(out, 'notification.md'), 'utf8');
      for (const field of notificationFields) expect(md, `${lang} ${field}`).toContain(t.notification.labels[field]);
      expect(md).toContain(`_${t.toComplete}_`);
      const control = await readFile(join(out, 'control-report.md'), 'utf8');
      expect(control).toContain(t.control.labels.deviations);
    }
    // The bundle itself was left alone.
    expect((await verifyBundle(bundle)).ok).toBe(true);
  });
});
