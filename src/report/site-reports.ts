import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderControlReportMd } from './control/render-md.js';
import { renderSiteHtml } from './html/site-report.js';
import { stringsFor } from './i18n/lang.js';
import { listBundleFiles } from './manifest.js';
import { buildNotification } from './notification/build.js';
import { renderNotificationMd } from './notification/render-md.js';
import type { Lang, ReportInput } from './report-input.js';

/** The report files of a site bundle (DESIGN §5). */
export const REPORT_FILES = {
  html: 'report.html',
  notificationJson: 'notification.json',
  notificationMd: 'notification.md',
  controlReport: 'control-report.md',
} as const;

const REPORT_NAMES: ReadonlySet<string> = new Set(Object.values(REPORT_FILES));

/** True for a file `writeSiteReports` (re)writes: everything else in a bundle is evidence. */
export function isReportFile(path: string): boolean {
  return REPORT_NAMES.has(path);
}

/** Screenshots the HTML embeds, as base64, by bundle path; a missing file is left out. */
async function readScreenshots(bundleDir: string, input: ReportInput): Promise<Map<string, string>> {
  const paths = [...input.evidence.forms.map((f) => f.screenshot), input.evidence.consent.screenshot]
    .filter((p): p is string => !!p && /^screenshots\/[\w.-]+\.png$/.test(p));
  const out = new Map<string, string>();
  for (const path of new Set(paths)) {
    const bytes = await readFile(join(bundleDir, path)).catch(() => undefined);
    if (bytes) out.set(path, bytes.toString('base64'));
  }
  return out;
}

/**
 * Writes `report.html`, `notification.json`, `notification.md` and `control-report.md` of one
 * site into `outDir` (the bundle itself by default). Called before the manifest is built, so
 * the manifest covers them. Returns the names written.
 */
export async function writeSiteReports(bundleDir: string, input: ReportInput, lang: Lang, outDir = bundleDir): Promise<string[]> {
  const evidenceFiles = (await listBundleFiles(bundleDir)).filter((f) => !isReportFile(f));
  const files = [...new Set([...evidenceFiles, ...Object.values(REPORT_FILES)])].sort();
  const t = stringsFor(lang);
  const notification = buildNotification(input, files);
  const shots = await readScreenshots(bundleDir, input);
  await writeFile(join(outDir, REPORT_FILES.html), renderSiteHtml(input, shots, files));
  await writeFile(join(outDir, REPORT_FILES.notificationJson), `${JSON.stringify(notification, null, 2)}\n`);
  await writeFile(join(outDir, REPORT_FILES.notificationMd), renderNotificationMd(notification, t));
  await writeFile(join(outDir, REPORT_FILES.controlReport), renderControlReportMd(input, t));
  return Object.values(REPORT_FILES);
}
