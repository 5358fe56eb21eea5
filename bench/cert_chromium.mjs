// The baseline of bench/cert: a warm headless Chromium (Debian's, driven by
// playwright-core) printing a certificate's HTML page to an A4 PDF, as
// offices do today.  Usage: node bench/cert_chromium.mjs PAGE.html N
// Prints "ms_per_certificate bytes".
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [page_path, n] = process.argv.slice(2);
const html = readFileSync(page_path, 'utf8');
const profile = mkdtempSync(join(tmpdir(), 'idoneo-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await context.newPage();
let pdf;
// Warm: the fonts loaded, the renderer's caches full.
for (let i = 0; i < 5; i++) {
  await page.setContent(html);
  pdf = await page.pdf({ format: 'A4', printBackground: true });
}
const t0 = process.hrtime.bigint();
for (let i = 0; i < Number(n); i++) {
  await page.setContent(html);
  pdf = await page.pdf({ format: 'A4', printBackground: true });
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6 / Number(n);
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${ms.toFixed(3)} ${pdf.length}`);
