/**
 * The app shell: a start screen with three starting points, sections with their own addresses
 * (reloads and Back included, on `vite preview` with no server config), links made before there
 * were sections, and a header that names the model actually loaded.
 */
import { expect, test, type Page } from './fixtures';
import { showSection } from './app';

test.describe.configure({ timeout: 300_000 });

const sections = (page: Page) => page.getByRole('navigation', { name: 'Sections' });
const current = (page: Page) => sections(page).locator('[aria-current="page"]');

test('a bare address is the start screen: what the tool is for, and three ways to begin', async ({ page }) => {
  await page.goto('/');
  const start = page.getByTestId('start-screen');
  await expect(start.getByRole('heading', { level: 1 })).toHaveText(
    'See what BERT attends to, and test what the papers claim.',
  );
  await expect(start.locator('.lede')).toContainText('runs BERT-family models in your browser');
  await expect(start.getByRole('button')).toHaveCount(3);
  await expect(page.getByTestId('header-model')).toHaveText('No model loaded');
  // Nothing is downloaded until a person chooses.
  await expect(page.getByTestId('header-model')).toHaveAttribute('data-status', 'idle');
  await expect(page).toHaveURL(/\/$/);

  await page.getByTestId('start-offline').click();
  await expect(page).toHaveURL(/section=attention&model=mini/);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(current(page)).toHaveText('Attention');
  // The header names the model that is loaded, and the Hub field no longer claims BERT-base.
  const header = page.getByTestId('header-model');
  await expect(header).toContainText('BERTology Lens mini');
  await expect(header).toContainText('bundled · trained on Brown');
  await expect(header).toContainText(/bert · 6 layers × 8 heads · (WASM|WEBGPU)/);
  await expect(page.locator('input[name="model"]')).toHaveValue('');
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 180_000 });
});

test('“Try the survey’s claims” opens the Claims lab and loads BERT-base', async ({ page, context }) => {
  await context.route('https://huggingface.co/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await page.getByTestId('start-claims').click();
  await expect(current(page)).toHaveText('Claims lab');
  // Offline here: the trained offline model opens instead, in the Claims lab, and the notice says so.
  const notice = page.getByTestId('fallback-notice');
  await expect(notice).toContainText('Showing BERTology Lens mini', { timeout: 120_000 });
  await expect(notice).toContainText('Xenova/bert-base-uncased could not be loaded from the Hugging Face Hub');
  await expect(page).toHaveURL(/section=claims&model=mini/);
  await expect(current(page)).toHaveText('Claims lab');
});

test('each section has an address that survives a reload, and Back returns to the last one', async ({ page }) => {
  for (const [id, name, marker] of [
    ['attention', 'Attention', 'results'],
    ['mlm', 'Masked-LM lab', 'predictions'],
    ['claims', 'Claims lab', 'claims-lab'],
  ] as const) {
    await page.goto(`/?section=${id}&model=demo&backend=wasm`);
    await expect(current(page)).toHaveText(name);
    await expect(page.getByTestId(marker)).toBeVisible({ timeout: 180_000 });
    await page.reload();
    await expect(current(page)).toHaveText(name);
    await expect(page.getByTestId(marker)).toBeVisible({ timeout: 180_000 });
  }
  await showSection(page, 'Masked-LM lab');
  await expect(page).toHaveURL(/\?section=mlm&model=demo/);
  await page.goBack();
  await expect(current(page)).toHaveText('Claims lab');
  await expect(page.getByTestId('claims-lab')).toBeVisible();
  // A section that does not exist falls back, and says so.
  await page.goto('/?section=nowhere&model=demo&backend=wasm');
  await expect(current(page)).toHaveText('Attention');
  await expect(page.getByTestId('url-notice')).toContainText('There is no section “nowhere”');
});

test('links made before there were sections open the same picture', async ({ page }) => {
  // The README's form: ?model=…&text=…&view=…&layer=…&head=…&words=…&theme=…
  await page.goto(
    '/?model=demo&backend=wasm&text=The+cat+sat+on+the+mat.&view=matrix&layer=3&head=2&words=1&theme=dark',
  );
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 180_000 });
  await expect(current(page)).toHaveText('Attention');
  await expect(page.getByTestId('view-panel')).toHaveAttribute('data-view', 'matrix');
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('2');
  await expect(page.getByLabel('Head', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Whole words')).toBeChecked();
  await expect(page.getByLabel('Sentence A')).toHaveValue('The cat sat on the mat.');
  await expect(page.locator('figure.matrix figcaption')).toContainText('head 3-2');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The address now names the section too, and keeps everything it had.
  await expect(page).toHaveURL(/\?section=attention&model=demo&backend=wasm&/);
  await expect(page).toHaveURL(/#text=The\+cat/); // the text moved to the fragment
  await expect(page).toHaveURL(/layer=3&head=2&words=1&theme=dark/);
});
