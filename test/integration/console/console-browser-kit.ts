import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildConsoleIfMissing } from '../../../src/console/build-if-missing';

/** Debian's Chromium (apt-get install chromium); the browser tests skip with a message without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Where each page's screenshot goes (committed, looked at by a person). */
export const SHOTS = path.resolve(__dirname, '../../../docs/screenshots');

/**
 * Builds the console once when its assets are missing (or CONSOLE_REBUILD=1). The jest workers run
 * the browser files at the same time: a lock directory makes one of them build while the other waits
 * (and then finds the build), instead of two Vite builds emptying and writing web/dist at once.
 */
export function ensureConsoleBuilt(): void {
  const lock = path.join(tmpdir(), `qinshang-console-build-${process.env.QINSHANG_TEST_RUN ?? 'run'}`);
  const end = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > end) throw new Error(`another jest worker held ${lock} for 3 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    buildConsoleIfMissing(process.env.CONSOLE_REBUILD === '1');
  } finally {
    rmdirSync(lock);
  }
}

/** Headless Chromium with the flags this machine needs (no sandbox as root, no GPU, no phoning home). */
export function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (cookies of its own) at desktop size, or phone size. */
export async function newContext(browser: Browser, phone = false): Promise<BrowserContext> {
  const context = await browser.newContext(
    phone
      ? {
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 1,
          isMobile: true,
          hasTouch: true,
          locale: 'zh-CN',
        }
      : { viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true },
  );
  // Fail a step with Playwright's own message well before jest's timeout.
  context.setDefaultTimeout(10_000);
  return context;
}

/** Saves a screenshot of what the page shows now. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Let the loading mask fade out.
  await page
    .locator('.el-loading-mask')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** JSON of a console API call made from inside the page (its cookie, its origin). */
export function apiFrom(
  page: Page,
  url: string,
  init: { method?: string; body?: unknown; csrf?: boolean } = {},
) {
  return page.evaluate(
    async ({ url, init }) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (init.csrf) {
        const me = (await (await fetch('/api/console/me')).json()) as { csrf: string };
        headers['X-CSRF-Token'] = me.csrf;
      }
      const res = await fetch(url, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as ApiBody };
    },
    { url, init },
  );
}

/** What the console API answers: a list, a refusal, or anything else (read by the test). */
export interface ApiBody {
  items?: unknown[];
  error?: string;
  message?: string;
}
