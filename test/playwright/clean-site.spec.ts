import { expect, test } from 'pixel-audit/test';

test.use({ auditOptions: { seed: 'playwright-fixture' } });

test('the contact form sends no personal data to trackers', async ({ page, audit }) => {
  await page.goto(process.env.PIXEL_AUDIT_FIXTURE_CLEAN!);
  await page.getByRole('link', { name: 'Kontakt' }).first().click();
  await expect(page.locator('#kontakt-form')).toBeVisible();
  const forms = await audit.fillForms();
  expect(forms).toHaveLength(1);
  expect(forms[0]!.fields.filter((f) => f.category === 'email')).toHaveLength(1);
  await expect(audit).toHaveNoLeaks({ atOrAbove: 'high' });
});
