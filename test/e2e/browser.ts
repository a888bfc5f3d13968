/** Real headless Chromium for the browser tests, and where their screenshots go. */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The system Chromium the suites drive (apt-get install chromium). */
export const CHROMIUM = '/usr/bin/chromium';
/** The README's screenshots; refreshed from a real run when HARNESS_UPDATE_DOCS=1. */
const DOCS = path.resolve(import.meta.dirname, '../../docs');

/** Launch headless Chromium with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A full-page screenshot into `dir`; with `docsName` and HARNESS_UPDATE_DOCS=1 it also becomes the
 * README's docs/<docsName>.png, so the manual's pictures come from a real run.
 */
export async function saveShot(page: Page, dir: string, name: string, docsName?: string): Promise<string> {
  // Let charts finish their layout after the last data change (a picture, not an assertion).
  await page.waitForTimeout(300);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (docsName && process.env.HARNESS_UPDATE_DOCS === '1')
    copyFileSync(file, path.join(DOCS, `${docsName}.png`));
  return file;
}

/** The number in a stat's text ("1,234/min" → 1234; "—" → NaN). */
export const numberIn = (text: string | null): number =>
  Number((text ?? '').replace(/[^0-9.]/g, '') || Number.NaN);

/** Longest `d` attribute among the SVG paths `selector` matches (0 when none is drawn yet). */
export async function longestPath(page: Page, selector: string): Promise<number> {
  const lengths = await page
    .locator(selector)
    .evaluateAll((ps) => ps.map((p) => (p.getAttribute('d') ?? '').length));
  return Math.max(0, ...lengths);
}
