"""Logins, sessions, CSRF and the role matrix, against the real server."""
import re
import threading
import time
import unittest

from harness import run_threads, Api, Browser, Server, CLERK_KEY, ASSOC_KEY, ServerTest


class AuthTest(ServerTest):
    def test_healthz(self):
        status, resp, data = self.server.request('GET', '/healthz')
        self.assertEqual(status, 200)
        self.assertEqual(data, b'{"status":"ok"}\n')
        self.assertEqual(resp.getheader('X-Content-Type-Options'), 'nosniff')
        self.assertIn("frame-ancestors 'none'", resp.getheader('Content-Security-Policy'))

    def test_login_and_logout(self):
        b = Browser(self.server)
        self.assertEqual(b.login('clerk'), '/cases')
        status, _, html = b.get('/cases')
        self.assertEqual(status, 200)
        self.assertIn('Marco Rossi', html)
        self.assertIn('HttpOnly', 'HttpOnly')
        tok = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
        status, resp, _ = b.post('/logout', {'csrf': tok})
        self.assertEqual(status, 303)
        status, resp, _ = b.get('/cases')
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/login')

    def test_session_cookie_attributes(self):
        b = Browser(self.server)
        tok = b.csrf('/login')
        user, pw = 'capo', 'idoneo-capo-2026'
        status, resp, _ = b.post('/login', {'csrf': tok, 'username': user, 'password': pw})
        cookie = [v for k, v in resp.getheaders() if k.lower() == 'set-cookie'][0]
        self.assertIn('HttpOnly', cookie)
        self.assertIn('SameSite=Lax', cookie)
        token = cookie.split(';')[0].split('=', 1)[1]
        # Only a hash of the token is stored.
        rows = self.server.sql('SELECT token_hash FROM sessions')
        self.assertTrue(rows)
        self.assertNotIn(token, [r[0] for r in rows])

    def test_wrong_password_and_rate_limit(self):
        b = Browser(self.server)
        for i in range(5):
            tok = b.csrf('/login')
            status, _, html = b.post('/login', {'csrf': tok, 'username': 'tserve',
                                                'password': 'wrong-password'})
            self.assertEqual(status, 401)
            self.assertIn('Nome utente o password errati', html)
        tok = b.csrf('/login')
        status, _, html = b.post('/login', {'csrf': tok, 'username': 'tserve',
                                            'password': 'idoneo-tserve-2026'})
        self.assertEqual(status, 429)
        self.assertIn('Troppi tentativi', html)

    def test_login_form_needs_its_token(self):
        b = Browser(self.server)
        b.csrf('/login')
        status, _, _ = b.post('/login', {'csrf': 'forged', 'username': 'capo',
                                         'password': 'idoneo-capo-2026'})
        self.assertEqual(status, 403)

    def test_passwords_are_argon2id(self):
        rows = self.server.sql('SELECT password_hash FROM users')
        self.assertTrue(rows)
        for (h,) in rows:
            self.assertTrue(h.startswith('$argon2id$'), h)

    def test_csrf_refused(self):
        b = Browser(self.server)
        b.login('clerk')
        status, _, html = b.post('/cases', {'purpose': 'study'})
        self.assertEqual(status, 403)
        self.assertIn('CSRF', html)
        tok = b.csrf('/cases/new')
        status, _, _ = b.post('/cases', {'csrf': tok + 'x', 'purpose': 'study'})
        self.assertEqual(status, 403)
        status, _, _ = b.post('/cases', {'csrf': tok, 'purpose': 'study'},
                              extra={'Sec-Fetch-Site': 'cross-site'})
        self.assertEqual(status, 403)
        # The right token from the same site reaches validation (422).
        status, _, _ = b.post('/cases', {'csrf': tok, 'purpose': 'study'},
                              extra={'Sec-Fetch-Site': 'same-origin'})
        self.assertEqual(status, 422)
        self.assertEqual(self.server.sql("SELECT count(*) FROM cases WHERE purpose='study'"),
                         [(0,)])

    def test_api_key_required(self):
        status, resp, doc = Api(self.server, None).call('GET', '/api/v1/applications')
        self.assertEqual(status, 401)
        self.assertEqual(resp.getheader('Content-Type'), 'application/problem+json')
        self.assertEqual(doc['status'], 401)
        status, _, _ = Api(self.server, 'not-a-key').call('GET', '/api/v1/applications')
        self.assertEqual(status, 401)
        rows = self.server.sql('SELECT key_hash FROM api_keys')
        self.assertNotIn(CLERK_KEY, [r[0] for r in rows])

    def test_unknown_path_and_method(self):
        status, _, _ = self.server.request('GET', '/nope')
        self.assertEqual(status, 404)
        status, _, _ = self.server.request('DELETE', '/cases')
        self.assertEqual(status, 405)
        status, resp, _ = self.server.request('GET', '/api/v1/nope')
        self.assertEqual(status, 404)
        self.assertEqual(resp.getheader('Content-Type'), 'application/problem+json')


# Every page route against every role: 'ok' means the role reaches the
# handler (any status but 401/403), 403 means refused, 'login' a redirect.
PAGE_ROUTES = [
    ('GET', '/cases', {'head', 'clerk', 'association'}),
    ('GET', '/cases/new', {'head', 'clerk', 'association'}),
    ('POST', '/cases', {'head', 'clerk', 'association'}),
    ('POST', '/cases/preview', {'head', 'clerk', 'association'}),
    ('POST', '/cases/lookup', {'head', 'clerk', 'association'}),
    ('GET', '/units/1', {'head', 'clerk'}),
    ('GET', '/cases/1', {'head', 'clerk'}),
    ('POST', '/cases/1/assess', {'head', 'clerk'}),
    ('GET', '/cases/1/rooms', {'head', 'clerk'}),
    ('POST', '/cases/1/rooms', {'head', 'clerk'}),
    ('POST', '/cases/1/rooms/preview', {'head', 'clerk'}),
    ('GET', '/admin/rules', {'admin'}),
    ('GET', '/admin/imports', {'admin'}),
    ('POST', '/admin/imports', {'admin'}),
    ('POST', '/admin/rules', {'admin'}),
    ('POST', '/cases/1/transition', {'head', 'clerk'}),
    ('GET', '/admin', {'admin'}),
    ('POST', '/admin/users', {'admin'}),
    ('POST', '/admin/users/6/active', {'admin'}),
    ('POST', '/admin/associations', {'admin'}),
    ('POST', '/admin/keys', {'admin'}),
    ('POST', '/admin/keys/99/revoke', {'admin'}),
    ('GET', '/admin/comuni/1', {'admin'}),
    ('POST', '/admin/comuni/1', {'admin'}),
    ('GET', '/point', {'point'}),
    ('POST', '/point/lookup', {'point'}),
    ('POST', '/point/pickups/1/identity', {'point'}),
    ('GET', '/point/pickups/1/certificate.pdf', {'point'}),
    ('POST', '/point/pickups/1/handover', {'point'}),
    ('POST', '/point/pickups/1/payment', {'point'}),
    ('GET', '/pickups', {'head', 'clerk'}),
    ('POST', '/cases/1/collection', {'head', 'clerk'}),
    ('POST', '/cases/1/documents', {'head', 'clerk'}),
    ('POST', '/cases/1/pickup-code', {'head', 'clerk'}),
    ('GET', '/files/1', {'head', 'clerk'}),
    ('GET', '/admin/points', {'admin'}),
    ('POST', '/admin/points/streets', {'admin'}),
    ('GET', '/associazione', {'association'}),
    ('POST', '/associazione/bozze', {'association'}),
    ('POST', '/associazione/bozze/1', {'association'}),
    ('POST', '/associazione/recapiti', {'association'}),
    ('GET', '/stats', {'head', 'admin'}),
    ('GET', '/stats.csv', {'head', 'admin'}),
    ('GET', '/stats/release.svg', {'head', 'admin'}),
]
API_ROUTES = [
    ('GET', '/api/v1/me'),
    ('GET', '/api/v1/applications'),
    ('POST', '/api/v1/applications'),
    ('GET', '/api/v1/applications/1'),
    ('POST', '/api/v1/applications/1/transitions'),
    ('POST', '/api/v1/eligibility'),
    ('GET', '/api/v1/units?address=via%20roma%201'),
    ('GET', '/api/v1/units/1'),
    ('GET', '/api/v1/applications/1/documents'),
    ('GET', '/api/v1/files/1'),
]
POINT_ROUTES = [
    ('POST', '/api/v1/pickups/lookup'),
    ('GET', '/api/v1/pickups'),
    ('POST', '/api/v1/pickups/1/identity'),
    ('GET', '/api/v1/pickups/1/certificate.pdf'),
    ('POST', '/api/v1/pickups/1/handover'),
    ('POST', '/api/v1/pickups/1/payments'),
]
POINT_KEY = 'demo-prato-point-key-0123456789abcdef01234'


class RoleMatrixTest(ServerTest):
    logins = ('admin', 'head', 'clerk', 'association', 'point')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.browsers = {role: getattr(cls, role) for role in cls.logins}

    def test_pages(self):
        for method, path, allowed in PAGE_ROUTES:
            for role, b in self.browsers.items():
                with self.subTest(role=role, method=method, path=path):
                    if method == 'GET':
                        status, _, _ = b.get(path)
                    else:
                        tok = b.csrf('/') or b.csrf('/cases') or b.csrf('/admin') \
                            or b.csrf('/point')
                        status, _, _ = b.post(path, {'csrf': tok, 'action': 'take'})
                    if role in allowed:
                        self.assertNotIn(status, (401, 403))
                    elif path == '/cases/1' and role == 'association':
                        # An association reaches case pages, but only its own.
                        self.assertEqual(status, 404)
                    elif path in ('/cases/1/transition', '/cases/1/collection',
                                  '/cases/1/documents', '/files/1') and \
                            role == 'association':
                        self.assertEqual(status, 404)
                    else:
                        self.assertEqual(status, 403)

    def test_pages_anonymous(self):
        b = Browser(self.server)
        for method, path, _ in PAGE_ROUTES:
            with self.subTest(method=method, path=path):
                if method == 'GET':
                    status, resp, _ = b.get(path)
                    self.assertEqual(status, 303)
                    self.assertEqual(resp.getheader('Location'), '/login')
                else:
                    status, _, _ = b.post(path, {})
                    self.assertEqual(status, 401)

    def test_api_keys(self):
        for key in (CLERK_KEY, ASSOC_KEY):
            api = Api(self.server, key)
            for method, path in API_ROUTES:
                with self.subTest(key=key[:12], method=method, path=path):
                    status, _, _ = api.call(method, path, doc={} if method == 'POST' else None)
                    self.assertNotIn(status, (401, 403, 405))

    def test_point_key(self):
        # A network's key reaches its own calls and no office call.
        api = Api(self.server, POINT_KEY)
        for method, path in API_ROUTES + POINT_ROUTES:
            with self.subTest(method=method, path=path):
                status, _, _ = api.call(method, path, doc={} if method == 'POST' else None)
                if path == '/api/v1/me' or (method, path) in POINT_ROUTES:
                    self.assertNotIn(status, (401, 403, 405))
                else:
                    self.assertEqual(status, 403)
        for key in (CLERK_KEY, ASSOC_KEY):
            for method, path in POINT_ROUTES:
                with self.subTest(key=key[:12], method=method, path=path):
                    status, _, _ = Api(self.server, key).call(
                        method, path, doc={} if method == 'POST' else None)
                    self.assertEqual(status, 403)

    def test_sessions_do_not_open_the_api(self):
        b = self.browsers['clerk']
        status, _, _ = b.get('/api/v1/applications')
        self.assertEqual(status, 401)


class LockoutTest(ServerTest):
    """Password guessing is stopped per account and address, without
    letting anyone lock an account for good or for everybody (issue 19).
    The server trusts X-Real-IP, so each test speaks from its own address."""
    server_args = {'threads': 8, 'extra_env': {'IDONEO_TRUST_PROXY': '1'}}

    def attempt(self, user, pw, ip):
        b = Browser(self.server)
        tok = b.csrf('/login')
        status, _, _ = b.post('/login', {'csrf': tok, 'username': user, 'password': pw},
                              extra={'X-Real-IP': ip})
        return status

    def failures(self, ip):
        return self.server.sql('SELECT count(*) FROM login_attempts WHERE ip = ? AND ok = 0',
                               ip)[0][0]

    def test_lockout_is_per_address_and_ends(self):
        for _ in range(5):
            self.assertEqual(self.attempt('capo', 'wrong-password', '203.0.113.1'), 401)
        self.assertEqual(self.attempt('capo', 'idoneo-capo-2026', '203.0.113.1'), 429)
        # Knocking on a locked door is not counted: it cannot extend the lock.
        for _ in range(6):
            self.assertEqual(self.attempt('capo', 'wrong-password', '203.0.113.1'), 429)
        self.assertEqual(self.failures('203.0.113.1'), 5)
        # The head logs in from the office all the same.
        self.assertEqual(self.attempt('capo', 'idoneo-capo-2026', '203.0.113.2'), 303)
        # When the window has passed, the lock has ended.
        self.server.sql("UPDATE login_attempts SET at = '2000-01-01T00:00:00Z' "
                        "WHERE ip = '203.0.113.1'")
        self.assertEqual(self.attempt('capo', 'idoneo-capo-2026', '203.0.113.1'), 303)

    def test_simultaneous_guesses_get_five_checks(self):
        statuses = []
        lock = threading.Lock()

        def guess():
            status = self.attempt('vaiano', 'wrong-password', '203.0.113.3')
            with lock:
                statuses.append(status)
        run_threads(*[(guess,) for _ in range(8)])
        self.assertEqual(sorted(statuses), [401] * 5 + [429] * 3)
        self.assertEqual(self.failures('203.0.113.3'), 5)

    def test_an_inactive_account_answers_as_slowly(self):
        # A wrong password costs an argon2id check; so does any password of
        # an inactive account, lest the answer's time say which is which.
        # The margin is wide: before, the inactive one took 1 % of the time.
        self.server.sql("UPDATE users SET active = 0 WHERE username = 'tserve'")

        def timed(user, ip):
            start = time.monotonic()
            self.assertEqual(self.attempt(user, 'wrong-password', ip), 401)
            return time.monotonic() - start
        inactive = min(timed('tserve', f'203.0.113.{10 + i}') for i in range(3))
        active = min(timed('associazione', f'203.0.113.{20 + i}') for i in range(3))
        self.assertGreater(inactive, active * 0.3, (inactive, active))


class SecureCookiesTest(ServerTest):
    """Behind TLS (--secure-cookies) every cookie is Secure: the login
    form's token, the session and the logout's."""
    server_args = {'extra_env': {'IDONEO_SECURE_COOKIES': '1'}}

    def test_every_cookie_is_secure(self):
        b = Browser(self.server)
        seen = []
        status, resp, _ = b.get('/login')
        seen += [v for k, v in resp.getheaders() if k.lower() == 'set-cookie']
        tok = b.csrf('/login')
        status, resp, _ = b.post('/login', {'csrf': tok, 'username': 'capo',
                                            'password': 'idoneo-capo-2026'})
        self.assertEqual(status, 303)
        seen += [v for k, v in resp.getheaders() if k.lower() == 'set-cookie']
        tok = b.csrf('/cases')
        status, resp, _ = b.post('/logout', {'csrf': tok})
        seen += [v for k, v in resp.getheaders() if k.lower() == 'set-cookie']
        names = {c.split('=', 1)[0] for c in seen}
        self.assertEqual(names, {'idoneo_login', 'idoneo_session'})
        for c in seen:
            self.assertIn('; Secure', c)


class ProxyTest(unittest.TestCase):
    """Behind a local reverse proxy the audit log records the real client."""

    def test_real_ip_only_when_trusted(self):
        for trusted, expected in ((True, '203.0.113.7'), (False, '127.0.0.1')):
            with self.subTest(trusted=trusted):
                server = Server(extra_env={'IDONEO_TRUST_PROXY': '1' if trusted else '0'})
                server.start()
                try:
                    b = Browser(server)
                    tok = b.csrf('/login')
                    status, _, _ = b.post('/login', {'csrf': tok, 'username': 'capo',
                                                     'password': 'idoneo-capo-2026'},
                                          extra={'X-Real-IP': '203.0.113.7'})
                    self.assertEqual(status, 303)
                    rows = server.sql("SELECT ip FROM audit WHERE action = 'login'")
                    self.assertEqual(rows, [(expected,)])
                    # A logged-in user asking for the login page goes home.
                    status, resp, _ = b.get('/login')
                    self.assertEqual((status, resp.getheader('Location')), (303, '/cases'))
                    # A forged value that is not an address is ignored.
                    b = Browser(server)
                    tok = b.csrf('/login')
                    b.post('/login', {'csrf': tok, 'username': 'capo',
                                      'password': 'idoneo-capo-2026'},
                           extra={'X-Real-IP': 'evil'})
                    rows = server.sql("SELECT ip FROM audit WHERE action = 'login' "
                                      "ORDER BY id DESC LIMIT 1")
                    self.assertEqual(rows, [('127.0.0.1',)])
                finally:
                    self.assertEqual(server.stop(), 0)
