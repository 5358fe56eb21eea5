// Browser test of the online application, /domanda (docs/citizen.md), the
// issue's "done when": a new user, in Chinese on a phone-sized screen,
// applies online and uploads the floor plan, confirms the phone with the
// code sent by SMS, gets the SMS with the case number, later answers a
// request for a missing document, and sees the certificate ready at the
// chosen T-Serve point.  The SMS go to the file transport, read here.
// axe-core scans every step, and every public page in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSession, axe, clerkApi, login } from './support.mjs';

const session = demoSession('idoneo-e2e-apply-', (dir) => ({
  IDONEO_SMS: `file://${join(dir, 'sms')}`, IDONEO_SMTP: `file://${join(dir, 'mail')}` }));
const { dir } = session;
const smsDir = join(dir, 'sms');

// The SMS written so far to number, oldest first.
function smsTo(number) {
  let names = [];
  try { names = readdirSync(smsDir).filter((n) => n.endsWith('.sms')); } catch { return []; }
  return names.sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((n) => readFileSync(join(smsDir, n), 'utf8')).filter((t) => t.includes(number));
}

async function waitFor(what, check) {
  for (let i = 0; i < 300; i++) {
    const got = check();
    if (got) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function narrow(page, what) {
  assert.deepEqual(await axe(page), [], what);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `${what}: the page is ${wide} px wide`);
}

// Step 1's fields, as an applicant types them.
async function fillApplicant(page, surname, given, phone) {
  await page.selectOption('#purpose', 'family_reunification');
  for (const [id, v] of [['#a-surname', surname], ['#a-given', given], ['#a-birth', '1990-03-04'],
    ['#a-bplace', 'Wenzhou'],
    ['#a-cfwhy', 'appena arrivata in Italia'], ['#a-idnum', 'E7654321'],
    ['#a-pnum', 'P998877'], ['#a-phone', phone]]) {
    await page.fill(id, v);
  }
  // The countries: a choice from the ISO 3166-1 list.
  await page.selectOption('#a-bcountry', 'Cina');
  await page.selectOption('#a-citizenship', 'Cina');
  await page.selectOption('#a-sex', 'F');
  await page.selectOption('#a-idtype', 'passport');
  await page.selectOption('#a-ptype', 'permit');
}

// Step 2's dwelling and three rooms from its floor plan.
async function fillDwelling(page) {
  await page.selectOption('#title', 'tenant');
  await page.fill('#d-street', 'Via Roma');
  await page.fill('#d-num', '12');
  await page.fill('#d-cap', '59100');
  const rooms = [['Soggiorno', 'living', '16', '2,70', '2'], ['Camera', 'bedroom', '14', '2,70', '1,8'],
    ['Bagno', 'bathroom', '5', '2,40', '0,6']];
  for (const [i, [name, use, area, height, win]] of rooms.entries()) {
    await page.fill(`input[name="rooms.${i}.name"]`, name);
    await page.selectOption(`select[name="rooms.${i}.use"]`, use);
    await page.fill(`input[name="rooms.${i}.area"]`, area);
    await page.fill(`input[name="rooms.${i}.height"]`, height);
    await page.fill(`input[name="rooms.${i}.window"]`, win);
  }
  for (const f of ['wc', 'bidet', 'basin', 'shower']) {
    await page.check(`input[name="rooms.2.fixtures"][value="${f}"]`);
  }
}

test('a Chinese applicant on a phone applies online, answers and finds the certificate', async () => {
  const phone = '+8613100000099';
  const context = await session.browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 },
    locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${session.base}/?lang=zh`);
  await page.click('#home-apply');
  assert.match(page.url(), /\/domanda$/);
  await narrow(page, 'the start in Chinese');
  await page.selectOption('#comune', { label: 'Prato' });
  await page.click('#apply-new');

  // Step 1: a mistake first, shown beside its field.
  await page.click('#apply-next');
  await page.waitForSelector('#apply-errors');
  assert.equal(await page.getAttribute('#a-surname', 'aria-invalid'), 'true');
  assert.ok((await page.textContent('#err-a-surname')).length > 0);
  await narrow(page, 'step 1 with its mistakes');
  await fillApplicant(page, 'Wang', 'Fang', '+86 131 0000 0099');
  await page.click('label[for="a-sms"]');
  await page.click('#apply-next');
  await page.waitForURL(/passo\/2$/);

  // Step 2: the dwelling and its rooms, with the eligibility in Chinese.
  await fillDwelling(page);
  await page.click('#apply-calc');
  await page.waitForSelector('#elig-max');
  assert.match(await page.textContent('#elig-lines'), /平方米/);
  await narrow(page, 'step 2 with the eligibility');
  await page.click('#apply-next');
  await page.waitForURL(/passo\/3$/);
  await page.fill('#hosted-0-s', 'Wang');
  await page.fill('#hosted-0-g', 'Lei');
  await page.fill('#hosted-0-b', '2015-06-07');
  await narrow(page, 'step 3');
  await page.click('#apply-next');
  await page.waitForURL(/passo\/4$/);

  // Step 4: the floor plan, uploaded from the phone.
  const plan = join(dir, 'pianta.pdf');
  writeFileSync(plan, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.selectOption('#up-kind', 'floor_plan');
  await page.setInputFiles('#up-file', plan);
  await page.click('#apply-upload-send');
  await page.waitForSelector('#apply-files li[data-kind="floor_plan"]');
  await narrow(page, 'step 4 with the upload');
  await page.click('#apply-next');
  await page.waitForURL(/passo\/5$/);

  // Step 5: the certificate at a T-Serve point.
  const point = await page.locator('#collection-point option').nth(1);
  const pointName = (await point.textContent()).split(' · ')[0];
  await page.selectOption('#collection-point', await point.getAttribute('value'));
  await narrow(page, 'step 5');
  await page.click('#apply-next');
  await page.waitForURL(/passo\/6$/);
  await narrow(page, 'the summary');

  // The phone, confirmed with the code sent by SMS, then the application.
  await page.click('#otp-sms');
  const code = await waitFor('the code', () => {
    const m = smsTo(phone).map((t) => t.match(/\b(\d{6})\b/)).filter(Boolean);
    return m.length ? m[m.length - 1][1] : null;
  });
  await page.fill('#otp', code);
  await page.click('#otp-check');
  await page.waitForSelector('#apply-confirmed');
  await page.click('label[for="truthful"]');
  await page.click('#apply-send');
  await page.waitForSelector('#apply-sent');
  const number = (await page.textContent('#apply-case')).trim();
  assert.match(number, /^2026\/\d{7}$/);
  await narrow(page, 'the application sent');
  const received = await waitFor('the SMS with the case number',
    () => smsTo(phone).find((t) => t.includes(number)));
  assert.match(received, /[\u4e00-\u9fff]/);

  // Later the office asks for the identity document; the citizen uploads it.
  await page.click('#apply-follow');
  await page.waitForSelector('#follow-case');
  const [, list] = await clerkApi(session.base, 'GET', '/api/v1/applications?state=submitted');
  const c = list.items.find((x) => x.protocol === number);
  assert.ok(c, 'the case is in the office\'s list');
  assert.equal(c.channel, 'online');
  await clerkApi(session.base, 'POST', `/api/v1/applications/${c.id}/transitions`, { action: 'take' });
  await clerkApi(session.base, 'POST', `/api/v1/applications/${c.id}/transitions`,
    { action: 'suspend', reason: 'Manca la copia del passaporto' });
  await page.reload();
  assert.match(await page.textContent('#follow-state'), /已暂停/);
  await page.selectOption('#up-kind', 'id_document');
  await page.setInputFiles('#up-file', plan);
  await page.click('#follow-upload button[type="submit"]');
  await page.waitForSelector('#follow-done');
  assert.match(await page.textContent('#follow-state'), /审核中/);

  // The head approves and the certificate is ready at the point.
  const office = await (await session.browser.newContext({ bypassCSP: true })).newPage();
  await login(office, session.base, 'capo', 'idoneo-capo-2026');
  await office.goto(`${session.base}/cases/${c.id}`);
  await office.click('form[data-action="approve"] button');
  await office.click('form[data-action="certificate_ready"] button');
  await office.waitForSelector('#cert-number');
  // The head's dashboard counts it, and reads well.
  await office.goto(`${session.base}/stats`);
  assert.equal(await office.textContent('#stat-certificates'), '1');
  assert.deepEqual(await axe(office), [], 'the dashboard');
  await office.goto(`${session.base}/stats?lang=en`);
  assert.deepEqual(await axe(office), [], 'the dashboard in English');
  // The countries to correct, and the form that corrects them.
  await office.goto(`${session.base}/paesi`);
  await office.waitForSelector('#countries-empty');
  assert.deepEqual(await axe(office), [], 'the countries to correct');
  await office.goto(`${session.base}/paesi/${c.id}`);
  assert.equal(await office.inputValue('#c-citizenship'), 'Cina');
  assert.deepEqual(await axe(office), [], 'the form of the countries');
  await office.context().close();
  await page.reload();
  assert.match(await page.textContent('#follow-state'), /证明已办好/);
  assert.ok((await page.textContent('#follow-place')).includes(pointName));
  await narrow(page, 'the case with its certificate ready');
  await context.close();
});

test('every public page passes the accessibility scan in every language', async () => {
  for (const lang of ['it', 'zh', 'en', 'sq', 'ro', 'ur', 'ar', 'fr', 'bn']) {
    const context = await session.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const path of ['/', '/domanda', '/segui']) {
      await page.goto(`${session.base}${path}?lang=${lang}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' || lang === 'ur' ? 'rtl' : 'ltr');
      assert.deepEqual(await axe(page), [], `${path} in ${lang}`);
    }
    // Each step of a draft, its mistakes shown.
    await page.goto(`${session.base}/domanda`);
    await page.selectOption('#comune', { label: 'Prato' });
    await page.click('#apply-new');
    await page.click('#apply-next');
    await page.waitForSelector('#apply-errors');
    assert.deepEqual(await axe(page), [], `step 1 with mistakes in ${lang}`);
    await context.close();
  }
});

test('an association fills an application for a citizen, at desktop width', async () => {
  const context = await session.browser.newContext({ bypassCSP: true,
    viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, session.base, 'associazione', 'idoneo-assoc-2026');
  await page.goto(`${session.base}/associazione`);
  assert.deepEqual(await axe(page), [], 'the workspace');
  // The association's own contacts, for the messages it chooses to get.
  await page.click('details summary');
  await page.fill('#assoc-phone', '+39 333 444 5555');
  await page.fill('#assoc-email', 'sportello@associazione.example.org');
  await page.click('#assoc-contacts button[type="submit"]');
  await page.waitForSelector('#assoc-saved');
  await page.click('#assoc-new');
  await page.waitForURL(/passo\/1$/);
  await fillApplicant(page, 'Rahman', 'Nadia', '+39 347 000 0101');
  await page.click('label[for="consent"]');
  await page.click('label[for="to-both"]');
  assert.deepEqual(await axe(page), [], 'step 1 for an association');
  await page.click('#apply-next');
  await page.waitForURL(/passo\/2$/);
  await fillDwelling(page);
  for (const n of [2, 3, 4, 5]) {
    await page.click('#apply-next');
    await page.waitForURL(new RegExp(`passo/${n + 1}$`));
  }
  // No one-time code: the operator's session vouches for the draft.
  assert.equal(await page.locator('#apply-otp').count(), 0);
  assert.deepEqual(await axe(page), [], 'the summary for an association');
  await page.click('label[for="truthful"]');
  await page.click('#apply-send');
  await page.waitForSelector('#apply-sent');
  const number = (await page.textContent('#apply-case')).trim();
  await page.goto(`${session.base}/associazione?q=rahman`);
  assert.match(await page.textContent('#assoc-drafts'), new RegExp(number.replace('/', '\\/')));
  assert.deepEqual(await axe(page), [], 'the workspace with the application sent');
  await context.close();
});
