/**
 * `node --import tsx scripts/screenshots.ts [--dir _site]` — screenshots of the built site for
 * docs/screenshots/: home, a round page (screen, print media, and an A4 PDF), the trend page, and
 * the home page at phone width. Needs a build (npm run build) and Chromium (/usr/bin/chromium or
 * CHROMIUM_PATH).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from './serve.ts';

const { values } = parseArgs({ options: { dir: { type: 'string', default: '_site' }, out: { type: 'string', default: 'docs/screenshots' } } });
const out = resolve(values.out);
await mkdir(out, { recursive: true });
const server = await startServer({ dir: values.dir, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const go = (path: string) => page.goto(new URL(path.replace(/^\//, ''), server.url).href, { waitUntil: 'load' });

  await go('/');
  await page.screenshot({ path: join(out, 'beranda.png'), fullPage: true });

  // A round with something to show: the latest one judged critical (a fault, its readings and its
  // finding), else the latest round.
  await go('/ronde/');
  const months = await page.locator('main table tbody th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  let chosen: string | null = null;
  for (const m of months) {
    await go(m);
    const critical = page.locator('table.rounds tbody tr:has(.verdict-critical) th a');
    if (await critical.count()) {
      chosen = await critical.last().getAttribute('href');
      break;
    }
  }
  if (!chosen) {
    await go(months[0]!);
    chosen = (await page.locator('table.rounds tbody th a').last().getAttribute('href'))!;
  }
  await go(chosen);
  await page.screenshot({ path: join(out, 'ronde.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(out, 'ronde-cetak.png'), fullPage: true });
  await page.pdf({ path: join(out, 'ronde-cetak.pdf'), format: 'A4', printBackground: false });
  await page.emulateMedia({ media: 'screen' });

  await go('/tren/');
  await page.screenshot({ path: join(out, 'tren.png'), fullPage: true });

  const phone = await browser.newPage({ viewport: { width: 375, height: 800 }, isMobile: true, deviceScaleFactor: 1 });
  await phone.goto(server.url, { waitUntil: 'load' });
  await phone.screenshot({ path: join(out, 'beranda-ponsel.png'), fullPage: true });
  console.log(`Tangkapan layar ditulis ke ${out} (ronde: ${chosen})`);
} finally {
  await browser.close();
  await server.close();
}
