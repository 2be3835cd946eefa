import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { MENU_LABELS } from '../../../web/src/menu';

/** Debian's Chromium (apt-get install chromium); the browser tests skip with a message without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Where each page's screenshot goes (committed, looked at by a person). */
export const SHOTS = path.resolve(__dirname, '../../../docs/screenshots');

/** The console's pages in web/dist, built once per change of their sources (test/support/console-build.ts). */
export { ensureConsoleBuilt } from '../../support/console-build';

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
  context.on('page', (page) => {
    const pending = new Set<Request>();
    const answered = (r: Request) => {
      pending.delete(r);
      if (pending.size === 0) for (const wake of idle.splice(0)) wake();
    };
    const idle: (() => void)[] = [];
    traffic.set(page, {
      pending,
      quiet: () => new Promise((resolve) => (pending.size === 0 ? resolve() : idle.push(resolve))),
    });
    page.on('request', (r) => pending.add(r));
    page.on('requestfinished', answered);
    page.on('requestfailed', answered);
  });
  return context;
}

/** By browser, the two contexts (desktop, phone) freshPage hands out pages of, and each one's tab. */
const profiles = new WeakMap<Browser, Map<boolean, { context: BrowserContext; tab?: Page }>>();

/**
 * A page at desktop or phone size with nobody signed in, as in a fresh profile: the one tab of one
 * long-lived context per size, whose cookies and (the console's origin's) sessionStorage are cleared
 * and whose other pages are closed first, left on about:blank. The console keeps its sign-in in a
 * cookie and its login `next` in sessionStorage, and nothing else. What the context keeps is its
 * HTTP cache, so the console's hashed assets (1.4 MB of JS, cached for a year by the server as in a
 * user's browser) are fetched and compiled once per file instead of at every sign-in; index.html is
 * no-cache and still comes from the server each time. What the tab keeps is its renderer process:
 * a new tab costs Chromium a new renderer and Playwright a new page (≈ 0.5 s of CPU each time on this
 * machine), so the tab is reused, and a test leaves it open. `newTab` gives a tab of its own instead,
 * for a test that changes the page itself (an init script); the next call closes it.
 */
export async function freshPage(browser: Browser, phone = false, { newTab = false } = {}): Promise<Page> {
  let byKind = profiles.get(browser);
  if (!byKind) profiles.set(browser, (byKind = new Map()));
  let profile = byKind.get(phone);
  if (!profile) {
    profile = { context: await newContext(browser, phone) };
    byKind.set(phone, profile);
  }
  const { context, tab } = profile;
  // Reused only where its sessionStorage can be cleared: on the console (where a test leaves it) or
  // on the about:blank this left it on. Elsewhere (a test that failed half way through a sign-in at
  // the fake platform) a new tab starts clean.
  const clearable = (t: Page) =>
    t.url() === 'about:blank' || new URL(t.url()).pathname.startsWith('/console');
  const reuse = !newTab && tab && !tab.isClosed() && clearable(tab) ? tab : undefined;
  for (const open of context.pages()) if (open !== reuse) await open.close();
  await context.clearCookies();
  if (!reuse) {
    const fresh = await context.newPage();
    profile.tab = newTab ? undefined : fresh;
    return fresh;
  }
  if (reuse.url() !== 'about:blank') await reuse.evaluate('sessionStorage.clear()');
  await reuse.goto('about:blank');
  return reuse;
}

/**
 * Opens one of the console's pages from its menu, as a person signed in does: the app stays loaded,
 * where a page.goto would load and start it again (≈ 1 s of Chromium's CPU here). Desktop size.
 */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name: MENU_LABELS[name], exact: true }).click();
  await page.waitForURL(new RegExp(`/console/${name}([?#].*)?$`));
}

/** Page-side scripts (strings: the tests' TypeScript has no DOM types). Two frames drawn: */
const TWO_FRAMES = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';
/**
 * The fonts loaded and every canvas unchanged for 700 ms: ECharts animates for a second, and a trend
 * line of one point shows nothing until its sweep reaches the point (≈ half way) and its symbol pops
 * in, so a chart can stand still for a while before it is done. A chart still moving after five
 * seconds is let be. Pages without a canvas pass at once.
 */
const FONTS_AND_CHARTS = `(async () => {
  await document.fonts.ready;
  const canvases = [...document.querySelectorAll('canvas')];
  if (canvases.length === 0) return;
  // A checksum of the pixels (one int a pixel): cheaper than encoding each canvas as a PNG a frame.
  const look = () =>
    canvases
      .map((c) => {
        const px = new Int32Array(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.buffer);
        let sum = 0;
        for (let i = 0; i < px.length; i++) sum = (sum * 31 + px[i]) | 0;
        return sum;
      })
      .join();
  const end = performance.now() + 5000;
  let last = look();
  let since = performance.now();
  while (performance.now() - since < 700 && performance.now() < end) {
    // Looked at every 100 ms (at a frame), not every frame: the checksums of a page of charts cost
    // more than the drawing, and a chart that moves looks different at each look.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = look();
    if (now !== last) [last, since] = [now, performance.now()];
  }
})()`;

/** The requests each page (of a context made by newContext) has sent and not yet seen answered. */
const traffic = new WeakMap<Page, { pending: Set<Request>; quiet(): Promise<void> }>();

/**
 * Waits until the page has no request in flight and has drawn two frames since without starting
 * another: what it asked for has arrived and is on screen. (Playwright's 'networkidle' is the same
 * condition plus half a second of nothing, at every call.)
 */
export async function settled(page: Page): Promise<void> {
  const requests = traffic.get(page);
  if (!requests) throw new Error('settled() needs a page of a context made by newContext()');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const urls = [...requests.pending].map((r) => r.url());
      reject(new Error(`the page still waits after 10 s for ${urls.join(', ')}`));
    }, 10_000);
  });
  try {
    do {
      await Promise.race([requests.quiet(), late]);
      await Promise.race([page.evaluate(TWO_FRAMES), late]);
    } while (requests.pending.size > 0);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Saves a screenshot of what the page shows once it has settled: its data arrived and drawn, the
 * loading mask gone, the fonts loaded, the charts done drawing (their canvases the same two frames
 * running) and CSS transitions run to their end.
 */
export async function shot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page
    .locator('.el-loading-mask')
    .first()
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.evaluate(FONTS_AND_CHARTS);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
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
