// Browser test of the citizen's page, /segui (docs/citizen.md), in Chinese
// on a phone-sized screen: the office suspends a case for its floor plan,
// the citizen opens the case with its number and code, uploads the plan,
// and sees the case back under review.  axe-core checks every step, and
// the Arabic page, right to left, at desktop width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSession, axe, clerkApi, application } from './support.mjs';

const session = demoSession('idoneo-e2e-follow-');
const { dir } = session;

const api = (method, path, doc) => clerkApi(session.base, method, path, doc);

test('a Chinese applicant on a phone follows the case and uploads the missing plan', async () => {
  const doc = application();
  const [status, c] = await api('POST', '/api/v1/applications', doc);
  assert.equal(status, 201);
  await api('POST', `/api/v1/applications/${c.id}/transitions`, { action: 'take' });
  await api('POST', `/api/v1/applications/${c.id}/transitions`,
    { action: 'suspend', reason: 'Manca la planimetria' });

  const context = await session.browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 },
    locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${session.base}/?lang=zh`);
  assert.deepEqual(await axe(page), [], 'the home page in Chinese');
  await page.click('#home-follow');
  assert.match(page.url(), /\/segui$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh');
  assert.deepEqual(await axe(page), [], 'the follow form in Chinese');
  await page.getByLabel('案件号').fill(c.protocol);
  await page.getByLabel('查询案件的代码').fill(c.tracking_code);
  await page.getByRole('button', { name: '打开案件' }).click();
  await page.waitForSelector('#follow-case');
  assert.match(await page.textContent('#follow-state'), /已暂停/);
  assert.equal(await page.locator('#follow-missing li[data-kind="floor_plan"]').count(), 1);
  assert.deepEqual(await axe(page), [], 'the case in Chinese');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `the page is ${wide} px wide`);

  const plan = join(dir, 'pianta.pdf');
  writeFileSync(plan, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.selectOption('#up-kind', 'floor_plan');
  await page.setInputFiles('#up-file', plan);
  await page.click('#follow-upload button[type="submit"]');
  await page.waitForSelector('#follow-done');
  assert.match(await page.textContent('#follow-done'), /文件已收到/);
  assert.match(await page.textContent('#follow-state'), /审核中/);
  assert.equal(await page.locator('#follow-missing li[data-kind="floor_plan"]').count(), 0);
  assert.deepEqual(await axe(page), [], 'the case after the upload');
  await context.close();

  // Arabic, right to left, at desktop width.
  const ar = await (await session.browser.newContext({ bypassCSP: true })).newPage();
  await ar.goto(`${session.base}/segui?lang=ar`);
  assert.equal(await ar.getAttribute('html', 'dir'), 'rtl');
  assert.deepEqual(await axe(ar), [], 'the follow form in Arabic');
  await ar.context().close();
});
