/**
 * The `test` every spec uses: it fails a test whose page (or any of its workers) raised an
 * uncaught error, left a promise rejection unhandled, or logged a console.error that the test
 * did not declare as expected. A test that provokes an error on purpose says so with
 * `expectConsoleError(/exact message/)`.
 */
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';

export { expect };
export type { Page, Locator, BrowserContext, Route } from '@playwright/test';

/**
 * Messages the browser itself logs for the app's normal work, each matched exactly:
 * - a model folder is probed for optional files (a quantized export, tokenizer_config.json), and
 *   the server's 404 for one that is not there is logged by Chromium as a failed resource.
 */
export const ALWAYS_EXPECTED: RegExp[] = [
  /^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/,
];

export interface ErrorWatch {
  /** Declares a console.error (or page error) this test provokes on purpose. */
  expectConsoleError(pattern: RegExp): void;
  /** Everything unexpected seen so far, for a test that wants to look. */
  readonly unexpected: string[];
}

export const test = base.extend<{ errorWatch: ErrorWatch }>({
  errorWatch: [
    async ({ page }, use, testInfo) => {
      const expected = [...ALWAYS_EXPECTED];
      const unexpected: string[] = [];
      const isExpected = (text: string) => expected.some((re) => re.test(text));
      const note = (kind: string, text: string) => {
        if (!isExpected(text)) unexpected.push(`${kind}: ${text}`);
      };
      const onConsole = (message: ConsoleMessage) => {
        if (message.type() === 'error') note('console.error', message.text());
      };
      // Uncaught errors and unhandled rejections both arrive as page errors in Chromium.
      const onPageError = (error: Error) => note('page error', `${error.name}: ${error.message}`);
      watchPage(page, onConsole, onPageError);
      await use({
        expectConsoleError: (pattern) => expected.push(pattern),
        get unexpected() {
          return unexpected;
        },
      });
      if (unexpected.length && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`The page logged errors this test did not expect:\n${unexpected.join('\n')}`);
      }
    },
    { auto: true },
  ],
});

function watchPage(page: Page, onConsole: (m: ConsoleMessage) => void, onPageError: (e: Error) => void): void {
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
}
