import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, html } from '../../../src/report/html/escape.js';
import { renderRunIndex } from '../../../src/report/html/run-index.js';
import { REPORT_CSP, renderSiteHtml } from '../../../src/report/html/site-report.js';
import { recomputeChain } from '../../../src/report/html/transform-chain.js';
import { RUN_SCHEMA_VERSION } from '../../../src/report/run-summary.js';
import { at, EMAIL_SHA256, persona } from '../../helpers/evidence-builder.js';
import { finding, reportInput } from './report-fixture.js';

const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
const HOSTILE = '"><script>alert(1)</script><img src=https://evil.test/x.png>';

describe('report.html', () => {
  const input = reportInput();
  input.evidence.pages[0]!.title = HOSTILE;
  input.evidence.forms[0]!.fields[0]!.label = HOSTILE;
  input.evidence.timeline[0]!.detail = HOSTILE;
  const page = renderSiteHtml(input, new Map([['screenshots/f1-filled.png', PNG]]), ['evidence.json', 'report.html']);

  it('is self-contained: a CSP that forbids every fetch, no external URL in any src or href', () => {
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`);
    // Only real tags count: escaped page text (`&lt;img src=…`) is text.
    expect(page).not.toMatch(/<[a-z][^>]*\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(page).not.toMatch(/<link\b|<script\b|@import|url\(/i);
    expect(page).toContain(`src="data:image/png;base64,${PNG}"`);
  });

  it('escapes everything that came from the page', () => {
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=https://evil.test');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leads with the summary, then each finding with its request, marked parameter and recomputable chain', () => {
    expect(page.indexOf('id="summary"')).toBeLessThan(page.indexOf('id="findings"'));
    expect(page).toContain('3 finding(s)');
    expect(page).toContain('Meta Platforms Ireland Ltd (IE), parent Meta Platforms, Inc. (US)');
    expect(page).toContain('Hashing is pseudonymisation, not anonymisation');
    expect(page).toContain(`<mark>${EMAIL_SHA256}</mark>`);
    expect(page).toContain('<tr class="leaking"><td class="mono">query.ud[em]</td>');
    expect(page).toContain(`printf %s &#39;${persona.email.trim().toLowerCase()}&#39; | sha256sum`);
    expect(page).toContain('✓ equals the value found in the request');
    expect(page).toContain('id="timeline"');
  });
});

describe('report.html of a clean site', () => {
  it('says no leak was found and still shows the timeline', () => {
    const input = reportInput();
    input.findings.findings = [];
    const page = renderSiteHtml(input, new Map(), []);
    expect(page).toContain('No leak found');
    expect(page).not.toContain('id="findings"');
    expect(page).toContain('id="timeline"');
  });
});

describe('recomputeChain', () => {
  it('goes from the persona value through the vendor normalisation to the SHA-256 hex', () => {
    const chain = recomputeChain(finding({ id: 'F1', requestId: 'r0001' }), persona);
    expect(chain.input).toBe(persona.email);
    expect(chain.steps.map((s) => s.step)).toEqual(['normalize:email', 'sha256', 'hex']);
    expect(chain.steps[0]!.value).toBe(persona.email.toLowerCase());
    expect(chain.steps.at(-1)!.value).toBe(EMAIL_SHA256);
    expect(chain.matches).toBe(true);
  });

  it('recomputes chained hashes and base64 renderings, and says when the text differs', () => {
    const md5 = createHash('md5').update(persona.email.toLowerCase()).digest('hex');
    const chained = createHash('sha256').update(md5).digest('hex');
    expect(recomputeChain(finding({ id: 'F2', requestId: 'r0001', transform: ['normalize:email', 'md5', 'hex', 'sha256', 'hex'], matched: chained }), persona).matches).toBe(true);
    const b64 = createHash('sha256').update(persona.email.toLowerCase()).digest('base64').replace(/=+$/, '');
    expect(recomputeChain(finding({ id: 'F3', requestId: 'r0001', transform: ['normalize:email', 'sha256', 'base64'], matched: b64 }), persona).matches).toBe(true);
    expect(recomputeChain(finding({ id: 'F4', requestId: 'r0001', transform: ['normalize:email', 'sha256', 'base64'], matched: b64.toLowerCase() }), persona).matches).toBe(false);
    const wrong = recomputeChain(finding({ id: 'F5', requestId: 'r0001', matched: 'f'.repeat(64) }), persona);
    expect(wrong.matches).toBe(false);
  });

  it('handles raw values, typed prefixes and unknown steps', () => {
    expect(recomputeChain(finding({ id: 'F6', requestId: 'r0001', transform: ['raw'], hashed: false, matched: persona.email }), persona).matches).toBe(true);
    const prefix = persona.email.slice(0, 8);
    expect(recomputeChain(finding({ id: 'F7', requestId: 'r0001', transform: ['prefix'], hashed: false, prefix: true, matched: prefix }), persona).matches).toBe(true);
    expect(recomputeChain(finding({ id: 'F8', requestId: 'r0001', transform: ['rot13'] }), persona).error).toMatch(/unknown transform step rot13/);
  });
});

describe('html escaping helpers', () => {
  it('escapes interpolations but not nested html fragments', () => {
    expect(html`<p>${'<b>'}${html`<i>${'&'}</i>`}</p>`.value).toBe('<p>&lt;b&gt;<i>&amp;</i></p>');
  });

  it('marks every case-insensitive occurrence and escapes the rest', () => {
    expect(highlight('a<ABCabc', 'abc').value).toBe('a&lt;<mark>ABC</mark><mark>abc</mark>');
    expect(highlight('x(y)', '(').value).toBe('x<mark>(</mark>y)');
  });
});

describe('index.html of a run', () => {
  it('lists each site with links to its reports, escaped', () => {
    const page = renderRunIndex({
      schemaVersion: RUN_SCHEMA_VERSION, runId: 'run-1', runDir: '/tmp/run-1', tool: { name: 'pixel-audit', version: '0.1.0' },
      startedAt: at(0), endedAt: at(60), seed: 's', failOn: 'low', exitCode: 1,
      sites: [
        { input: 'https://www.example.se/', site: 'https://www.example.se', bundle: 'sites/www.example.se', status: 'ok', pages: 2, forms: 1, requests: 9, findings: 3, maxSeverity: 'high', startedAt: at(0), endedAt: at(30) },
        { input: HOSTILE, status: 'failed', error: 'not a valid URL', pages: 0, forms: 0, requests: 0, findings: 0, startedAt: at(0), endedAt: at(0) },
      ],
    });
    expect(page).toContain('<a href="sites/www.example.se/report.html">report</a>');
    expect(page).toContain('3 finding(s), highest high');
    expect(page).not.toContain('<script>alert');
  });
});
