// Browser test of the clerk's flow in Debian's chromium, driven by
// playwright-core: log in, register an application with rooms and residents,
// suspend it for a missing document, resume it, approve it as the head of
// office, and read it all on the timeline.  axe-core checks accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, startServer, launchBrowser, login as loginAt, axe } from './support.mjs';

const dir = mkdtempSync(join(tmpdir(), 'idoneo-e2e-'));
const db = join(dir, 'e2e.db');
const shots = join(root, 'tests', 'e2e', 'out');
let server, browser, base;

before(async () => {
  mkdirSync(shots, { recursive: true });
  const env = { ...process.env, IDONEO_NOW: '2026-11-02T09:00:00Z' };
  server = await startServer(db, env);
  base = server.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const login = (page, user, password) => loginAt(page, base, user, password);

test('clerk registers, suspends, resumes; head approves; the certificate verifies; timeline shows it', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await login(page, 'sportello', 'idoneo-sportello-2026');
  assert.match(page.url(), /\/cases$/);

  await page.getByRole('link', { name: 'Nuova domanda' }).first().click();
  assert.deepEqual(await axe(page), [], 'intake form accessibility');
  await page.selectOption('#purpose', 'family_reunification');
  await page.selectOption('#title', 'tenant');
  await page.fill('#a-surname', 'Popescu');
  await page.fill('#a-given', 'Ana');
  await page.selectOption('#a-sex', 'F');
  await page.fill('#a-birth', '1992-03-05');
  await page.fill('#a-bplace', 'Iasi');
  await page.selectOption('#a-bcountry', 'Romania');
  await page.selectOption('#a-citizenship', 'Moldova');
  await page.fill('#a-cf', 'PPSNAA92C45Z129H');
  await page.selectOption('#a-idtype', 'passport');
  await page.fill('#a-idnum', 'AB123456');
  await page.selectOption('#a-ptype', 'permit');
  await page.fill('#a-phone', '+40 712 034 567');
  await page.click('label[for="a-sms"]');   // as a person ticks it
  await page.fill('#d-street', 'v. pistoiese');
  await page.fill('#d-num', '145');
  await page.fill('#d-cap', '59100');
  // The dwelling from the comune's cadastre (the demo's): search by the
  // address as typed, pick a dwelling among the units found, and the
  // address, identifiers and category are filled in.
  await page.click('#lookup');
  await page.waitForSelector('#lookup-results');
  assert.deepEqual(await axe(page), [], 'lookup results accessibility');
  await page.click('#lookup-results label:has-text("A/")');
  await page.click('#use-unit');
  await page.waitForSelector('#unit-picked');
  assert.equal(await page.inputValue('#d-street'), 'VIA PISTOIESE');
  assert.equal(await page.inputValue('#d-num'), '145');
  assert.equal(await page.inputValue('#d-fg'), '45');
  assert.match(await page.inputValue('#d-cat'), /^A\//);
  assert.equal(await page.inputValue('#a-surname'), 'Popescu');
  const rooms = [['Soggiorno', 'living', '16,00', '2,70', '2,00'],
    ['Camera', 'bedroom', '14,00', '2,70', '1,80'],
    ['Bagno', 'bathroom', '5,00', '2,40', '0,60']];
  for (const [i, [name, use, area, height, win]] of rooms.entries()) {
    await page.fill(`[name="rooms.${i}.name"]`, name);
    await page.selectOption(`[name="rooms.${i}.use"]`, use);
    await page.fill(`[name="rooms.${i}.area"]`, area);
    await page.fill(`[name="rooms.${i}.height"]`, height);
    await page.fill(`[name="rooms.${i}.window"]`, win);
  }
  for (const f of ['wc', 'bidet', 'basin', 'shower']) {
    await page.click(`label:has([name="rooms.2.fixtures"][value="${f}"])`);
  }
  // The eligibility panel follows the rooms as they are typed.
  await page.waitForFunction(() => {
    const el = document.querySelector('#elig-max');
    return el && /: 2$/.test(el.textContent.trim());
  });
  assert.match(await page.textContent('#elig-lines'), /Camera: 14,00 m² ≥ 14 m²/);
  await page.fill('[name="residents.0.surname"]', 'Popescu');
  await page.fill('[name="residents.0.given_names"]', 'Ion');
  await page.fill('[name="residents.0.relation"]', 'coniuge');
  await page.fill('[name="hosted.0.surname"]', 'Popescu');
  await page.fill('[name="hosted.0.given_names"]', 'Maria');
  await page.fill('[name="hosted.0.birth_date"]', '2018-07-01');
  await page.click('label[for="doc-id_document"]');
  await page.click('label[for="doc-title_deed"]');

  // A mistyped area is refused with a message, and what was typed stays.
  await page.fill('[name="rooms.1.area"]', '14,005');
  await page.click('#submit');
  await page.waitForSelector('#form-errors');
  assert.match(await page.textContent('#form-errors'), /Stanza 2, superficie/);
  assert.equal(await page.inputValue('#a-surname'), 'Popescu');
  await page.fill('[name="rooms.1.area"]', '14,00');
  await page.click('#submit');
  await page.waitForSelector('#created');
  const caseUrl = page.url().replace(/\?.*$/, '');
  assert.match(await page.textContent('#state'), /Presentata/);
  assert.equal(await page.getAttribute('#due', 'data-due'), '2026-11-17');
  assert.match(await page.textContent('#rooms'), /Camera/);
  assert.match(await page.textContent('#persons'), /Ion/);
  assert.match(await page.textContent('#rooms'), /vaso, bidet, lavabo, doccia/);
  assert.equal(await page.getAttribute('#max-occupants', 'data-max'), '2');
  // The checks against the comune's registers, each with its source.
  assert.match(await page.textContent('#estate'), /Categoria A\/\d+: abitazione/);
  assert.match(await page.textContent('#estate'), /Fonte: Catasto: prato\.FAB/);
  assert.deepEqual(await axe(page), [], 'case page accessibility');
  await page.screenshot({ path: join(shots, 'case-created.png'), fullPage: true });

  await page.click('form[data-action="take"] button');
  await page.fill('#reason-suspend', 'Manca la planimetria');
  await page.fill('#date-suspend', '2026-11-02');
  await page.click('form[data-action="suspend"] button');
  assert.match(await page.textContent('#state'), /Sospesa/);
  await page.fill('#date-resume', '2026-11-02');
  await page.click('form[data-action="resume"] button');
  assert.match(await page.textContent('#state'), /In istruttoria/);

  // The clerk has no approve button; the head does.
  assert.equal(await page.locator('form[data-action="approve"]').count(), 0);
  await page.click('header button[type="submit"]');   // log out
  await login(page, 'capo', 'idoneo-capo-2026');
  await page.goto(caseUrl);
  await page.click('form[data-action="approve"] button');
  assert.match(await page.textContent('#state'), /Approvata/);
  const timeline = await page.textContent('#timeline');
  for (const s of ['Presentata', 'In istruttoria', 'Sospesa', 'Manca la planimetria',
    'Approvata', 'Laura Bini', 'Marco Rossi']) {
    assert.ok(timeline.includes(s), `timeline shows ${s}`);
  }
  await page.screenshot({ path: join(shots, 'case-approved.png'), fullPage: true });

  // The certificate: issued when it is marked ready, its PDF on the case,
  // its verification page public and accessible.
  await page.click('form[data-action="certificate_ready"] button');
  assert.match(await page.textContent('#cert-number'), /^2026\/\d{7}$/);
  assert.equal(await page.getAttribute('#cert-status', 'data-status'), 'valid');
  assert.deepEqual(await axe(page), [], 'case page with its certificate accessibility');
  const pdf = await page.evaluate(async (href) => {
    const r = await fetch(href);
    return [r.headers.get('content-type'), (await r.text()).slice(0, 5)];
  }, await page.getAttribute('#cert-pdf', 'href'));
  assert.deepEqual(pdf, ['application/pdf', '%PDF-']);
  const code = (await page.textContent('#cert-code')).trim();
  const anonymous = await (await browser.newContext({ bypassCSP: true })).newPage();
  await anonymous.goto(`${base}/v`);
  await anonymous.fill('#verify-code', code.toLowerCase().replace(/-/g, ' '));
  await anonymous.click('#verify-form button');
  assert.equal(await anonymous.getAttribute('#verify-status', 'data-status'), 'valid');
  assert.equal(await anonymous.locator('#verify-applicant').count(), 0);
  assert.deepEqual(await axe(anonymous), [], 'verification page accessibility');
  await anonymous.fill('#verify-proof', 'popescu');
  await anonymous.click('#proof-form button');
  assert.match(await anonymous.textContent('#verify-applicant'), /Popescu Ana/);
  await anonymous.screenshot({ path: join(shots, 'verification.png'), fullPage: true });
  await anonymous.context().close();

  // The queue lists it with its deadline.
  await page.goto(`${base}/cases?all=1`);
  assert.match(await page.textContent('#queue'), /Popescu Ana/);
  await context.close();
});
