"""Test harness: starts the real idoneo binary on a free loopback port with
its own SQLite database, and talks HTTP to it like a browser or a partner
system would.  Nothing is mocked."""
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get('IDONEO_BUILD', os.path.join(ROOT, 'build-asan'))
BINARY = os.path.join(BUILD, 'idoneo')


def _warn_if_stale():
    """A binary older than the sources tests code that is no longer there:
    say so (make check rebuilds first; a hand run may not have)."""
    try:
        built = os.path.getmtime(BINARY)
    except OSError:
        return
    newest = max((os.path.getmtime(os.path.join(d, f))
                  for d, _, files in os.walk(os.path.join(ROOT, 'src'))
                  for f in files), default=0)
    if newest > built:
        sys.stderr.write(f'# warning: {BINARY} is older than the sources: run '
                         f'ninja -C {BUILD}, or set IDONEO_BUILD\n')


_warn_if_stale()

DEMO_USERS = {
    'admin': 'idoneo-admin-2026',
    'head': ('capo', 'idoneo-capo-2026'),
}
LOGINS = {
    'admin': ('admin', 'idoneo-admin-2026'),
    'head': ('capo', 'idoneo-capo-2026'),
    'clerk': ('sportello', 'idoneo-sportello-2026'),
    'association': ('associazione', 'idoneo-assoc-2026'),
    'point': ('tserve', 'idoneo-tserve-2026'),
    'vaiano': ('vaiano', 'idoneo-vaiano-2026'),
}
CLERK_KEY = 'demo-prato-clerk-key-0123456789abcdef01234'
ASSOC_KEY = 'demo-prato-assoc-key-0123456789abcdef01234'


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Server:
    """One idoneo server process with a database in a temporary folder."""

    def __init__(self, now=None, extra_env=None, estate=False, threads=2, pg=None):
        """pg: None for the suite's database (PostgreSQL when IDONEO_TEST_PG
        is set, SQLite otherwise), a URL for that PostgreSQL server, False
        for SQLite."""
        self.threads = threads
        self.dir = tempfile.mkdtemp(prefix='idoneo-test-')
        self.pg = os.environ.get('IDONEO_TEST_PG') if pg is None else (pg or None)
        if self.pg:
            # A fresh database on the test PostgreSQL server.
            import psycopg2
            name = 'idoneo_' + os.path.basename(self.dir).replace('-', '_').lower()
            admin = psycopg2.connect(self.pg)
            admin.autocommit = True
            admin.cursor().execute(f'CREATE DATABASE {name}')
            admin.close()
            self.db = self.pg.rsplit('/', 1)[0] + '/' + name
        else:
            self.db = os.path.join(self.dir, 'test.db')
        self.port = None
        self.proc = None
        self.now = now
        self.extra_env = extra_env or {}
        self.serve_args = []
        self.log = open(os.path.join(self.dir, 'server.log'), 'ab')
        # The demo's estate registers only where a test asks for them.
        self.run('demo', *([] if estate else ['--no-estate']))

    def env(self):
        env = dict(os.environ)
        env.pop('IDONEO_DB', None)
        if self.now:
            env['IDONEO_NOW'] = self.now
        env['ASAN_OPTIONS'] = 'detect_leaks=1:abort_on_error=0'
        # The certificates' sealing keys, beside the test's database.
        env['IDONEO_KEYS'] = os.path.join(self.dir, 'keys')
        # The documents uploaded for cases, outside the repository.
        env['IDONEO_FILES'] = os.path.join(self.dir, 'files')
        env['LSAN_OPTIONS'] = ('suppressions=' + os.path.join(ROOT, 'tests', 'lsan.supp') +
                               ':print_suppressions=0')
        env.update(self.extra_env)
        return env

    def run(self, *args, check=True):
        return subprocess.run([BINARY, args[0], '--db', self.db, *args[1:]],
                              env=self.env(), check=check, capture_output=True,
                              text=True, cwd=ROOT)

    def start(self, now=None, port=None):
        """Starts the server, on port when given (a URL that names it must
        be known before: IDONEO_PUBLIC_URL)."""
        if now is not None:
            self.now = now
        self.port = port or free_port()
        self.proc = subprocess.Popen(
            [BINARY, 'serve', '--db', self.db, '--listen', f'127.0.0.1:{self.port}',
             '--threads', str(self.threads), *self.serve_args],
            env=self.env(), stdout=self.log, stderr=self.log, cwd=ROOT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                status, _, _ = self.request('GET', '/healthz')
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError('server did not start')

    def twin(self, log='second.log'):
        """A second server process on the same database, not started, with
        its own log."""
        other = Server.__new__(Server)
        other.__dict__.update(self.__dict__)
        other.proc = None
        other.log = open(os.path.join(self.dir, log), 'ab')
        return other

    def stop(self, check=True):
        """Stops the server with SIGTERM and returns its exit status.  A
        status other than 0 (a sanitizer's report, a crash, a hang) fails the
        test unless check is False: nothing the server said is lost."""
        if self.proc is None:
            return 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            if check:
                raise AssertionError(f'the server did not stop on SIGTERM; '
                                     f'see {self.dir}/server.log')
        rc = self.proc.returncode
        self.proc = None
        if check and rc != 0:
            raise AssertionError(f'the server exited with status {rc}; '
                                 f'see {self.dir}/server.log')
        return rc

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc = None

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=60)
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, resp, data

    def sql(self, query, *params):
        """Runs one statement on the server's database, SQLite or
        PostgreSQL alike ('?' placeholders), and returns the rows."""
        if self.pg:
            import psycopg2
            con = psycopg2.connect(self.db)
            try:
                cur = con.cursor()
                cur.execute(query.replace('?', '%s'), params)
                rows = cur.fetchall() if cur.description else []
                con.commit()
                return [tuple(r) for r in rows]
            finally:
                con.close()
        con = sqlite3.connect(self.db, timeout=30)
        try:
            rows = con.execute(query, params).fetchall()
            con.commit()
            return rows
        finally:
            con.close()


def stop_all(*servers):
    """Stops every server, then fails if any exited with a status other
    than 0: one server's failure does not leave the others running."""
    codes = [(s.dir, s.stop(check=False)) for s in servers]
    bad = [(d, rc) for d, rc in codes if rc != 0]
    if bad:
        raise AssertionError(f'servers exited with an error: {bad}')


def run_threads(*calls):
    """Runs each (function, args…) call in a thread of its own and waits
    for them all.  A failure inside a thread (an assertion, an exception)
    is raised again here, in the test's own thread, where unittest sees it:
    a failed assertion in a thread is otherwise only printed."""
    failures = []

    def guarded(fn, *args):
        try:
            fn(*args)
        except BaseException as e:  # noqa: B902 - handed to the main thread
            failures.append(e)
    threads = [threading.Thread(target=guarded, args=call) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise AssertionError(f'{len(failures)} of {len(threads)} threads failed; '
                             f'the first: {failures[0]!r}') from failures[0]


class ServerTest(unittest.TestCase):
    """A test class with one server for all its tests: started before them,
    stopped after them with its exit status checked.  A subclass says what it
    needs: server_args (Server's arguments), prepare (what to do to the
    server before it starts), logins (roles to log in, each a Browser as
    cls.<role>) and api_key (cls.api)."""
    server_args = {}
    logins = ()
    api_key = None

    @classmethod
    def prepare(cls, server):
        pass

    @classmethod
    def setUpClass(cls):
        cls.server = Server(**cls.server_args)
        cls.prepare(cls.server)
        cls.server.start()
        for role in cls.logins:
            b = Browser(cls.server)
            b.login(role)
            setattr(cls, role, b)
        if cls.api_key:
            cls.api = Api(cls.server, cls.api_key)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()


class Browser:
    """A cookie-keeping client that speaks forms, as a browser does."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def _headers(self, extra=None):
        h = {}
        if self.cookies:
            h['Cookie'] = '; '.join(f'{k}={v}' for k, v in self.cookies.items())
        h.update(extra or {})
        return h

    def _keep(self, resp):
        for k, v in resp.getheaders():
            if k.lower() == 'set-cookie':
                name, _, rest = v.partition('=')
                value = rest.split(';')[0]
                if 'Max-Age=0' in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value

    def get(self, path):
        status, resp, data = self.server.request('GET', path, headers=self._headers())
        self._keep(resp)
        return status, resp, data.decode()

    def post(self, path, fields, extra=None):
        body = urllib.parse.urlencode(fields, doseq=True)
        h = self._headers({'Content-Type': 'application/x-www-form-urlencoded'})
        h.update(extra or {})
        status, resp, data = self.server.request('POST', path, body=body, headers=h)
        self._keep(resp)
        return status, resp, data.decode()

    def post_multipart(self, path, fields, files):
        """A multipart/form-data POST: fields as (name, value) pairs, files
        as (name, filename, bytes)."""
        boundary = 'idoneo-test-boundary-7f3a9c'
        parts = []
        for name, value in fields:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; '
                         f'name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, filename, data in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                         f'filename="{filename}"\r\nContent-Type: application/octet-stream'
                         f'\r\n\r\n'.encode() + data + b'\r\n')
        body = b''.join(parts) + f'--{boundary}--\r\n'.encode()
        h = self._headers({'Content-Type': f'multipart/form-data; boundary={boundary}'})
        status, resp, data = self.server.request('POST', path, body=body, headers=h)
        self._keep(resp)
        return status, resp, data.decode()

    def csrf(self, path):
        status, _, html = self.get(path)
        m = re.search(r'name="csrf" value="([^"]+)"', html)
        return m.group(1) if m else None

    def login(self, role):
        user, pw = LOGINS[role]
        tok = self.csrf('/login')
        status, resp, _ = self.post('/login', {'csrf': tok, 'username': user,
                                                'password': pw})
        if status != 303:
            raise AssertionError(f'login as {role} failed: {status}')
        return resp.getheader('Location')


class Api:
    def __init__(self, server, key):
        self.server = server
        self.key = key

    def call(self, method, path, doc=None, raw=None, ctype='application/json'):
        h = {'Authorization': f'Bearer {self.key}'} if self.key else {}
        body = None
        if doc is not None:
            body = json.dumps(doc)
        if raw is not None:
            body = raw
        if body is not None:
            h['Content-Type'] = ctype
        status, resp, data = self.server.request(method, path, body=body, headers=h)
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return status, resp, parsed


def application(**over):
    """A complete, valid application as the API takes it."""
    doc = {
        'purpose': 'family_reunification', 'title': 'tenant',
        'applicant': {
            'surname': 'Chen', 'given_names': 'Li', 'sex': 'M',
            'birth_date': '2000-01-01', 'birth_place': 'Wenzhou',
            'birth_country': 'Cina', 'citizenship': 'Cina',
            'codice_fiscale': 'CHNLIX00A01Z210P', 'id_doc_type': 'passport',
            'id_doc_number': 'E12345', 'permit_type': 'permit',
            'permit_number': 'P1', 'phone': '+86 131 2345 6789',
            'email': 'li.chen@example.org', 'language': 'zh',
            'notify_sms': True, 'notify_email': True,
        },
        'dwelling': {'street': 'Via Roma', 'house_number': '12/A', 'cap': '59100',
                     'foglio': '10', 'particella': '200', 'subalterno': '3',
                     'category': 'A/2'},
        'rooms': [
            {'name': 'Soggiorno', 'use': 'living', 'area': 16.0, 'height': 2.7, 'window': 2.0},
            {'name': 'Camera', 'use': 'bedroom', 'area': '14,00', 'height': '2,70', 'window': 1.8},
            {'name': 'Bagno', 'use': 'bathroom', 'area': 5, 'height': 2.4, 'window': 0.6,
             'fixtures': ['wc', 'bidet', 'basin', 'shower']},
        ],
        'residents': [{'surname': 'Chen', 'given_names': 'Ming', 'relation': 'fratello'}],
        'hosted': [{'surname': 'Chen', 'given_names': 'Xiao', 'birth_date': '2012-05-05',
                    'relation': 'figlio'}],
        'payments': [{'kind': 'fee', 'amount': '30,50', 'channel': 'pagopa',
                      'reference': 'RF0001'},
                     {'kind': 'stamp', 'amount': 16, 'channel': 'tobacconist',
                      'reference': '01234567890123'}],
        'documents': ['id_document', 'residence_permit', 'title_deed'],
    }
    doc.update(over)
    return doc


def form_fields(doc, csrf):
    """Flattens an application into the counter form's field names."""
    out = [('csrf', csrf)]

    def walk(prefix, v):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(f'{prefix}.{k}' if prefix else k, x)
        elif isinstance(v, list):
            if all(isinstance(x, str) for x in v):
                for x in v:
                    out.append((prefix, x))
            else:
                for i, x in enumerate(v):
                    walk(f'{prefix}.{i}', x)
        elif isinstance(v, bool):
            if v:
                out.append((prefix, 'on'))
        else:
            out.append((prefix, str(v)))
    walk('', doc)
    return out


class TapResult(unittest.TextTestResult):
    """Prints one TAP line per test, which tests/run counts."""

    def addSuccess(self, test):
        super().addSuccess(test)
        print(f'ok - {test.id()}', flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print(f'not ok - {test.id()}', flush=True)

    def addError(self, test, err):
        super().addError(test, err)
        print(f'not ok - {test.id()}', flush=True)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            print(f'not ok - {subtest.id()}', flush=True)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        print(f'not ok - {test.id()} # skipped tests count as failures: {reason}', flush=True)
        self.failures.append((test, reason))
