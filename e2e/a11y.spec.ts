/**
 * Accessibility as a test: axe-core on every section (and every tab of the Claims lab), light and
 * dark, with no serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';

async function serious(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(' | ')}`,
    );
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations in any section, ${theme} theme`, async ({ page }) => {
    test.setTimeout(300_000);
    const found: string[] = [];
    await page.goto(`/?theme=${theme}`);
    await expect(page.getByTestId('start-screen')).toBeVisible();
    found.push(...(await serious(page, 'start')));

    await page.goto(`/?section=attention&model=demo&backend=wasm&theme=${theme}`);
    await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 180_000 });
    for (const view of ['Head view', 'Model view', 'Matrix view']) {
      await page.getByRole('tab', { name: view }).click();
      found.push(...(await serious(page, `attention, ${view}`)));
    }

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Masked-LM lab' }).click();
    await page.getByLabel('Sentence A').fill('The keys to the cabinet [MASK] on the table.');
    await expect(page.getByTestId('mask-prediction')).toBeVisible({ timeout: 180_000 });
    found.push(...(await serious(page, 'masked-LM lab')));

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Claims lab' }).click();
    const lab = page.getByTestId('claims-lab');
    for (const tab of ['Claims', 'Head statistics', 'Coreference', 'Syntax']) {
      await lab.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(300);
      found.push(...(await serious(page, `claims lab, ${tab}`)));
    }
    expect(found).toEqual([]);
  });
}
