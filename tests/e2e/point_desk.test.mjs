// Browser test of a T-Serve point's counter (docs/points.md) at a shop
// counter's width, 360 px, with the keyboard only: the office readies a
// certificate for Tabaccheria Centro, the pickup code goes out by SMS (the
// demo's file transport), and the operator types the code, checks the
// document, opens the PDF and confirms the handover.  axe-core checks every
// step; nothing overflows the narrow screen and every target is big.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoSession, login, axe, clerkApi, application } from './support.mjs';

const session = demoSession('idoneo-e2e-point-');
const { dir, db } = session;

const api = (method, path, doc) => clerkApi(session.base, method, path, doc);

// The page fits the narrow screen, and its controls are big enough to hit.
async function fitsTheCounter(page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the page is ${wide} px wide`);
  const small = await page.evaluate(() => [...document.querySelectorAll(
    'main button, main input:not([type=hidden]), main select, main a.btn')]
    .filter((e) => e.getBoundingClientRect().height < 44)
    .map((e) => e.id || e.textContent.trim()));
  assert.deepEqual(small, [], 'every target at least 44 px high');
}

function pickupCode(caseId) {
  const out = `${db}.outbox/sms`;
  if (!existsSync(out)) return null;
  for (const f of readdirSync(out)) {
    const text = readFileSync(join(out, f), 'utf8');
    const m = text.match(/Codice (\d{3} \d{3} \d{3})/);
    if (m && text.includes('Tabaccheria Centro')) return m[1];
  }
  return null;
}

test('a point hands over a certificate at 360 px, by keyboard, accessibly', async () => {
  const [, list] = await api('GET', '/api/v1/points?limit=100');
  const centro = list.points.find((p) => p.name === 'Tabaccheria Centro').id;
  const doc = application();
  Object.assign(doc.applicant, { language: 'it', phone: '+39 347 555 0101' });
  doc.collection_point = centro;
  const [status, c] = await api('POST', '/api/v1/applications', doc);
  assert.equal(status, 201);
  await api('POST', `/api/v1/applications/${c.id}/transitions`, { action: 'take' });

  const office = await (await session.browser.newContext({ bypassCSP: true })).newPage();
  await login(office, session.base, 'capo', 'idoneo-capo-2026');
  await office.goto(`${session.base}/cases/${c.id}`);
  assert.match(await office.textContent('#collection-place'), /Tabaccheria Centro/);
  await office.click('form[data-action="approve"] button');
  await office.click('form[data-action="certificate_ready"] button');
  assert.match(await office.textContent('#state'), /pronto/i);

  let code = null;
  for (let i = 0; i < 200 && !code; i++) {
    code = pickupCode(c.id);
    if (!code) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(code, 'the SMS with the pickup code');

  const context = await session.browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await login(page, session.base, 'tserve', 'idoneo-tserve-2026');
  await page.goto(`${session.base}/point`);
  assert.deepEqual(await axe(page), [], 'the point page');
  await fitsTheCounter(page);
  // The code field has the focus: type and press Enter.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'code');
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#desk-found');
  assert.match(await page.textContent('#found-name'), /Li Chen/);
  assert.match(await page.textContent('#found-document'), /345/);
  assert.deepEqual(await axe(page), [], 'the certificate found');
  await fitsTheCounter(page);
  // The document type has the focus; the number is the next field.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'doc-type');
  await page.keyboard.press('Tab');
  await page.keyboard.type('E12345');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#desk-checked');
  assert.deepEqual(await axe(page), [], 'the document checked');
  await fitsTheCounter(page);
  const pdf = await page.evaluate(async (href) => {
    const r = await fetch(href);
    return [r.headers.get('content-type'), (await r.text()).slice(0, 5)];
  }, await page.getAttribute('#desk-print', 'href'));
  assert.deepEqual(pdf, ['application/pdf', '%PDF-']);
  await page.focus('#desk-print');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#desk-delivered');
  assert.deepEqual(await axe(page), [], 'the handover confirmed');
  await context.close();

  await office.reload();
  assert.match(await office.textContent('#state'), /Consegnat/);
  await office.context().close();
});
