import { expect, test } from 'pixel-audit/test';

// A user's own test: it walks the insurer's site to its contact page itself, has the audit
// fill the newsletter form with the canary persona, and asserts that no tracker got it.
test.use({ auditOptions: { seed: 'playwright-fixture' } });

test('the newsletter sign-up sends no personal data to trackers', async ({ page, audit }) => {
  await page.goto(process.env.PIXEL_AUDIT_FIXTURE_DEMO!);
  await page.getByRole('link', { name: 'Kontakt' }).first().click();
  await expect(page.getByRole('heading', { name: 'Kontakta oss' })).toBeVisible();
  const forms = await audit.fillForms();
  expect(forms.map((f) => f.submit)).toContain('intercepted');
  await expect(audit).toHaveNoLeaks({ atOrAbove: 'high' });
});
