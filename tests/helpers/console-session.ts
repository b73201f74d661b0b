import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServe, type ServeProcess } from './serve-process';

/** Screenshots of the screens, kept as test artifacts (CI uploads test-results/). */
export const SHOTS = path.join('test-results', 'screenshots');

/** The built `arxos serve` (demo site) and a headless browser with one page on it. */
export interface ConsoleSession {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  /** The page's console errors and warnings and its uncaught errors, for a test to expect none. */
  problems: string[];
  close(): Promise<void>;
}

/** Starts serve and the browser side by side; the page is opened but not yet pointed at the console. */
export async function openConsoleSession(viewport: { width: number; height: number }): Promise<ConsoleSession> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const [serve, browser] = await Promise.allSettled([startServe(), launchBrowser()]);
  if (serve.status === 'rejected' || browser.status === 'rejected') {
    // Whichever did start is stopped, so a failed start leaves no process behind.
    if (serve.status === 'fulfilled') await serve.value.stop();
    if (browser.status === 'fulfilled') await browser.value.close();
    throw serve.status === 'rejected' ? serve.reason : (browser as PromiseRejectedResult).reason;
  }
  const page = await browser.value.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return {
    serve: serve.value,
    browser: browser.value,
    page,
    problems,
    async close() {
      await browser.value.close();
      await serve.value.stop();
    },
  };
}
