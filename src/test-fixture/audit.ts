import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import type { ChromiumLocation } from '../browser/find-chromium.js';
import { linkHarEntries } from '../capture/har-link.js';
import { RequestRecorder } from '../capture/recorder.js';
import { StoredStateRecorder } from '../capture/stored-state.js';
import { waitForInputs } from '../crawl/form-scan.js';
import { fillPageForms } from '../crawl/page-forms.js';
import { detectEvidence } from '../detect/index.js';
import { BUNDLE_FILES, ensureDir, writeJson } from '../evidence/bundle.js';
import { EVIDENCE_SCHEMA_VERSION, type CapturedRequest, type Evidence, type FormRecord, type PageRecord } from '../evidence/schema.js';
import type { StorageItem, StoredCookie } from '../evidence/stored-state.js';
import { Timeline } from '../evidence/timeline.js';
import type { Finding, FindingsFile } from '../judge/finding.js';
import { judge } from '../judge/judge.js';
import { loadJudgeSupport } from '../judge/support.js';
import type { Persona } from '../persona/schema.js';
import { redactOptions } from '../report/manifest.js';
import { readControllerFile } from '../report/notification/controller.js';
import { loadSigningKey } from '../report/sign.js';
import { BUNDLED_RULES_DIR, loadRules, type RuleSet } from '../rules/load.js';
import { matchRule } from '../rules/match.js';
import { judgeBundle } from '../run/judge-bundle.js';
import { personaForSite, readPersonaFile } from '../run/persona-for.js';
import type { RunContext } from '../run/run-context.js';
import type { InterceptedSet } from '../shared/intercepted.js';
import type { AuditOptions } from './audit-options.js';

/** What an {@link Audit} is attached to. */
export interface AuditEnv {
  /** The test's browser context; every request of it is captured. */
  context: BrowserContext;
  options: AuditOptions;
  /** Folder the evidence bundle is written to; the context records its HAR there (`requests.har`). */
  bundleDir: string;
  /** The browser, for the manifest. */
  chromium: ChromiumLocation & { version: string };
}

/** How long a `fillForms()` call may take before it starts no further form. */
const FILL_DEADLINE_MS = 120_000;

/**
 * The `audit` fixture: captures every request of a test's browser context with the scan's own
 * recorder, fills the page's forms with the canary persona on request (the crawl's fill code,
 * the site's own submission answered locally), judges what was captured at any time, and at
 * the end writes the same evidence bundle as `scan`.
 */
export class Audit {
  private readonly timeline = new Timeline();
  private readonly intercepted: InterceptedSet = new WeakSet();
  private readonly recorder: RequestRecorder;
  private readonly stored: StoredStateRecorder;
  private readonly pages: PageRecord[] = [];
  private readonly forms: FormRecord[] = [];
  private readonly startedAt = new Date().toISOString();
  private readonly seed: string;
  private chosenPersona?: Persona;

  private constructor(private readonly env: AuditEnv, private readonly rules: RuleSet, persona: Persona | undefined) {
    this.chosenPersona = persona;
    this.seed = env.options.seed ?? randomBytes(6).toString('hex');
    this.recorder = new RequestRecorder(this.timeline, this.intercepted);
    this.recorder.attach(env.context);
    this.stored = new StoredStateRecorder(this.timeline);
    this.stored.attach(env.context);
    env.context.on('page', (page) => this.watch(page));
    for (const page of env.context.pages()) this.watch(page);
  }

  /** Attaches to the context; rules and a persona file are read first, so a mistake there fails at once. */
  static async start(env: AuditEnv): Promise<Audit> {
    const rules = await loadRules(env.options.rulesDir ? [BUNDLED_RULES_DIR, env.options.rulesDir] : [BUNDLED_RULES_DIR]);
    const given = env.options.persona;
    return new Audit(env, rules, typeof given === 'string' ? await readPersonaFile(given) : given);
  }

  /** Severity from which `toHaveNoLeaks()` fails when it is given no `atOrAbove` (`auditOptions.failOn`). */
  get failOn(): AuditOptions['failOn'] {
    return this.env.options.failOn;
  }

  /**
   * The canary persona: the one given in `auditOptions`, else generated from the seed for the
   * country of the first page visited. A test may type its values itself.
   */
  get persona(): Persona {
    this.chosenPersona ??= personaForSite(this.seed, this.pages[0] ? new URL(this.pages[0].url).hostname : 'localhost');
    return this.chosenPersona;
  }

  /**
   * Fills the forms of `page` (default: the last open page of the context) with the persona, as
   * a scan does: in every frame and open shadow root, key by key, step by step; the submit is
   * clicked per `auditOptions.submit` (default `intercept`: the site's own request is answered
   * locally, trackers' requests go out). Resolves to the forms filled.
   */
  async fillForms(page: Page = this.currentPage()): Promise<FormRecord[]> {
    const url = page.url();
    const record = this.pageRecord(url);
    const screenshots = await ensureDir(join(this.env.bundleDir, BUNDLE_FILES.screenshots));
    const before = this.forms.length;
    await waitForInputs(page);
    await fillPageForms(page, record, {
      context: this.env.context, persona: this.persona, timeline: this.timeline, intercepted: this.intercepted,
      submit: this.env.options.submit, siteHost: new URL(url).hostname, deadline: Date.now() + FILL_DEADLINE_MS,
      guard: { add: (type, detail) => void (record.events ??= []).push({ at: new Date().toISOString(), type, detail }) },
      isTrackerRequest: (method, requestUrl, body) => matchRule(this.rules.rules, method, requestUrl, body)?.role === 'collect',
      screenshotDir: { path: screenshots, name: BUNDLE_FILES.screenshots },
      forms: this.forms,
      // Each call fills what the page shows now, also a form filled by an earlier call.
      filled: new Set(),
      reload: async () => {
        const loaded = await page.goto(url, { waitUntil: 'domcontentloaded' }).then(() => true, () => false);
        if (loaded) await waitForInputs(page);
        return loaded;
      },
    });
    return this.forms.slice(before);
  }

  /** Detection and judgement over everything captured so far (no configuration facts read from responses yet). */
  async findings(): Promise<Finding[]> {
    return (await this.findingsFile()).findings;
  }

  /** Findings and configuration facts so far, as `findings.json` holds them. */
  async findingsFile(): Promise<FindingsFile> {
    const { cookieJar, storage } = await this.stored.finish(this.env.context);
    const evidence = this.evidence(await this.recorder.finish(), cookieJar, storage, '');
    if (!evidence) return judge({ evidence: this.emptyEvidence(), hits: [], rules: this.rules.rules, rulesDigest: this.rules.digest });
    const support = await loadJudgeSupport(join(this.env.bundleDir, BUNDLE_FILES.har));
    return judge({ evidence, hits: detectEvidence(evidence), rules: this.rules.rules, rulesDigest: this.rules.digest, ...support });
  }

  /**
   * Ends the audit: reads the stored state, closes the context (which writes its HAR), and writes
   * the evidence bundle — evidence, findings, reports, manifest. Nothing is written when the test
   * never loaded a web page. Resolves to the bundle folder and its findings.
   */
  async finish(): Promise<{ bundleDir: string; findings: FindingsFile } | undefined> {
    const { cookieJar, storage } = await this.stored.finish(this.env.context).catch(() => ({ cookieJar: [], storage: [] }));
    const open = this.env.context.pages().find((p) => !p.isClosed());
    const userAgent = (await open?.evaluate(() => navigator.userAgent).catch(() => undefined)) ?? '';
    await this.env.context.close().catch(() => undefined);
    const requests = await this.recorder.finish();
    const evidence = this.evidence(requests, cookieJar, storage, userAgent);
    if (!evidence) return undefined;
    await linkHarEntries(join(this.env.bundleDir, BUNDLE_FILES.har), requests);
    await writeJson(join(this.env.bundleDir, BUNDLE_FILES.evidence), evidence);
    const { options } = this.env;
    const run: RunContext = {
      rules: this.rules,
      chromium: this.env.chromium,
      recordedOptions: redactOptions({ ...options, persona: typeof options.persona === 'string' ? options.persona : undefined, seed: this.seed, via: 'pixel-audit/test' }),
      caseRef: options.caseRef,
      inspectors: options.inspectors,
      lang: options.lang,
      controller: options.controllerFile ? await readControllerFile(options.controllerFile) : undefined,
      signingKey: options.signKey ? await loadSigningKey(options.signKey) : undefined,
    };
    return { bundleDir: this.env.bundleDir, findings: await judgeBundle(this.env.bundleDir, evidence, run) };
  }

  private watch(page: Page): void {
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || !/^https?:/.test(frame.url())) return;
      this.timeline.add({ type: 'navigate', pageUrl: frame.url(), detail: frame.url() });
      this.pageRecord(frame.url());
    });
  }

  /** The record of the page at `url`: the latest one, or a new one. */
  private pageRecord(url: string): PageRecord {
    const last = this.pages.at(-1);
    if (last && (last.url === url || last.finalUrl === url)) return last;
    const record: PageRecord = { url, depth: 0, at: new Date().toISOString(), formIds: [], ...(this.pages.length ? {} : { source: 'start' as const }) };
    this.pages.push(record);
    return record;
  }

  private currentPage(): Page {
    const page = this.env.context.pages().filter((p) => !p.isClosed()).at(-1);
    if (!page) throw new Error('audit.fillForms(): the context has no open page');
    return page;
  }

  private evidence(requests: CapturedRequest[], cookieJar: StoredCookie[], storage: StorageItem[], userAgent: string): Evidence | undefined {
    const start = this.pages[0];
    if (!start) return undefined;
    return {
      ...this.emptyEvidence(),
      site: new URL(start.url).origin,
      startUrl: start.url,
      userAgent,
      timeline: this.timeline.list(),
      pages: this.pages,
      forms: this.forms,
      requests,
      ...(cookieJar.length ? { cookieJar } : {}),
      ...(storage.length ? { storage } : {}),
    };
  }

  private emptyEvidence(): Evidence {
    return {
      schemaVersion: EVIDENCE_SCHEMA_VERSION, site: 'about:blank', startUrl: 'about:blank', startedAt: this.startedAt,
      endedAt: new Date().toISOString(), userAgent: '', persona: this.persona,
      consent: { mode: 'none', state: 'none', bannerFound: false, detail: 'the test drove the page itself' },
      submitMode: this.env.options.submit, timeline: [], pages: [], forms: [], requests: [], errors: [],
    };
  }
}
