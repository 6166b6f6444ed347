import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

// Renders resources/icon.svg to the PNGs the desktop app and installers use (run after changing the icon).
const svg = readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [file, size] of [['icon.png', 512], ['tray.png', 32]] as const) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: new URL(`../resources/${file}`, import.meta.url).pathname, omitBackground: true });
  await page.close();
}
await browser.close();
