#!/usr/bin/env node
// Renders the extension icons (extension/public/icon-{16,32,48,128}.png) from the SVG sources in
// extension/assets/icon/ with the Chromium the e2e tests use. The PNGs are committed; run this after
// changing an SVG:  node scripts/icons.mjs
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const source = (name) => readFileSync(path.join(root, 'extension/assets/icon', name), 'utf8');
// 16 px has its own simplified drawing; the larger sizes scale the full one.
const sizes = [
  [16, 'icon-16.svg'],
  [32, 'icon.svg'],
  [48, 'icon.svg'],
  [128, 'icon.svg'],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const [size, file] of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = source(file).replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
    const out = path.join(root, `extension/public/icon-${size}.png`);
    await page.screenshot({ path: out, omitBackground: true });
    console.log(`wrote ${path.relative(root, out)}`);
    await page.close();
  }
} finally {
  await browser.close();
}
