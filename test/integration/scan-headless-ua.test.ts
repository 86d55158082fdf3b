import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFixtures, startFixtureServer, readEvidenceJson, type FixtureServer } from '../helpers/fixture-scan.js';

/**
 * Our Meta Pixel imitation, like the real one, drops every event for a `HeadlessChrome/` user
 * agent. Scanning with that agent reports a false "clean"; the default agent must not.
 */
describe('user agent (real Chromium)', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server?.close());

  it('presents a normal Chrome user agent and so sees the leak', async () => {
    const { reports } = await scanFixtures(server, [server.sites.manual], { maxPages: 2 });
    const evidence = await readEvidenceJson(reports[0]!.bundleDir!);
    expect(evidence.userAgent).toMatch(/ Chrome\/\d+\.0\.0\.0 /);
    expect(evidence.userAgent).not.toContain('Headless');
    expect(reports[0]!.findings.length).toBeGreaterThan(0);
  });

  it('sees a silent pixel with a HeadlessChrome user agent', async () => {
    server.reset();
    const headless = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
    const { reports } = await scanFixtures(server, [server.sites.manual], { maxPages: 2, userAgent: headless });
    expect(reports[0]!.findings).toEqual([]);
    expect(server.trackerRequests().filter((r) => r.path.startsWith('/tr'))).toEqual([]);
  });
});
