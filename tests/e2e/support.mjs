// What the browser tests share: a demo server on a free port, Debian's
// chromium through playwright-core, the login form and an axe-core scan.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
export const binary = join(process.env.IDONEO_BUILD || join(root, 'build-asan'), 'idoneo');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

// Loads the demo into db (demoArgs after it) and serves it; returns the
// base URL and stop(), which checks that the server exited cleanly.
export async function startServer(db, env, demoArgs = []) {
  execFileSync(binary, ['demo', '--db', db, ...demoArgs], { cwd: root, env, stdio: 'ignore' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`],
    { cwd: root, env, stdio: 'ignore' });
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    async stop() {
      server.kill('SIGTERM');
      const { code, signal } = await exited;
      assert.equal(signal, null, 'the server was not killed by a signal');
      assert.equal(code, 0, 'the server exited cleanly');
    },
  };
}

// A demo server (without the estate registers) and a browser for one test
// file, in a temporary folder that goes with them: the returned object's
// base, browser and server are set before the tests run.  more(dir) adds to
// the server's environment.
export function demoSession(prefix, more = () => ({})) {
  const s = { dir: mkdtempSync(join(tmpdir(), prefix)) };
  s.db = join(s.dir, 'e2e.db');
  before(async () => {
    const env = { ...process.env, IDONEO_NOW: '2026-11-02T09:00:00Z', IDONEO_SMS_QUIET: 'off',
      IDONEO_KEYS: join(s.dir, 'keys'), IDONEO_FILES: join(s.dir, 'files'), ...more(s.dir) };
    s.server = await startServer(s.db, env, ['--no-estate']);
    s.base = s.server.base;
    s.browser = await launchBrowser();
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.stop();
    rmSync(s.dir, { recursive: true, force: true });
  });
  return s;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

export async function login(page, base, user, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Nome utente').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

export async function axe(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

// A call to the API with the demo clerk's key: [status, JSON answer].
export async function clerkApi(base, method, path, doc) {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: 'Bearer demo-prato-clerk-key-0123456789abcdef01234',
      'Content-Type': 'application/json' },
    body: doc ? JSON.stringify(doc) : undefined,
  });
  return [r.status, await r.json()];
}

// The integration tests' complete application (tests/integration/harness.py).
export function application() {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c',
    'import json,sys; sys.path.insert(0, "tests/integration"); ' +
    'from harness import application; print(json.dumps(application()))'],
  { cwd: root }).toString());
}
