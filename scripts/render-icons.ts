import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

// Renders resources/icon.svg to the PNGs the desktop app and installers use (run after changing the icon).
const svg = readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
// The tray: 16 px with a @2x for sharp screens (Electron picks it by name). On macOS a *Template image (black and
// transparent only) that the menu bar tints for light and dark, as the Human Interface Guidelines ask.
const ICONS = [
  ['icon.png', 512, false],
  ['tray.png', 16, false],
  ['tray@2x.png', 32, false],
  ['trayTemplate.png', 16, true],
  ['trayTemplate@2x.png', 32, true],
] as const;
for (const [file, size, template] of ICONS) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  // The template is the lotus alone, in black: no background tile.
  const source = template ? svg.replace(/<rect[^>]*\/>/, '').replace(/fill="#[0-9a-f]{6}"/gi, 'fill="#000"') : svg;
  await page.setContent(`<html><body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.screenshot({ path: new URL(`../resources/${file}`, import.meta.url).pathname, omitBackground: true });
  await page.close();
}
await browser.close();
