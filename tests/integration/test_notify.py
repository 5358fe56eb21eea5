"""Messages to the applicant through real gateways: Kannel (bearerbox and
smsbox with a fake SMSC read by the harness) and an SMTP server (aiosmtpd).
A transition produces the right message in the right language; a delivery
report updates it and a forged one is refused; a failure is retried, then
falls back to the other channel; a worker killed in the middle of a batch
loses nothing; two workers never send one message twice."""
import contextlib
import os
import subprocess
import time
import unittest

from harness import Api, Browser, Server, application, BINARY, CLERK_KEY, ROOT, free_port
from peers import Kannel, Smtp


def start_server(env, serve_args=()):
    """An idoneo whose public URL (IDONEO_PUBLIC_URL: where delivery
    reports come back) names its own port."""
    port = free_port()
    server = Server(extra_env=dict(env, IDONEO_PUBLIC_URL=f'http://127.0.0.1:{port}'))
    server.serve_args = list(serve_args)
    return server.start(port=port)


def stop_in_turn(*things):
    """Stops each (a server first: its exit status is checked), the others
    even when one fails."""
    try:
        if things:
            things[0].stop()
    finally:
        if len(things) > 1:
            stop_in_turn(*things[1:])


@contextlib.contextmanager
def gateways():
    """A Kannel and an SMTP server for one test, stopped after it."""
    kannel, smtp = Kannel(), Smtp()
    try:
        yield kannel, smtp
    finally:
        stop_in_turn(kannel, smtp)


def wait_for(what, check, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError(f'timed out waiting for {what}')


class GatewayTest(unittest.TestCase):
    """One Kannel, one SMTP server and one idoneo for the class."""

    @classmethod
    def setUpClass(cls):
        cls.kannel = Kannel()
        cls.smtp = Smtp()
        cls.server = start_server({
            'IDONEO_SMS': cls.kannel.url(), 'IDONEO_SMTP': cls.smtp.url(),
            'IDONEO_MAIL_FROM': 'ufficio.casa@comune.prato.it',
            'IDONEO_SMS_QUIET': 'off'})
        cls.api = Api(cls.server, CLERK_KEY)
        cls.head = Browser(cls.server)
        cls.head.login('head')

    @classmethod
    def tearDownClass(cls):
        stop_in_turn(cls.server, cls.kannel, cls.smtp)

    def apply(self, **applicant):
        doc = application()
        doc['applicant'].update(applicant)
        status, _, c = self.api.call('POST', '/api/v1/applications', doc)
        self.assertEqual(status, 201, c)
        return c

    def messages(self, case_id):
        return self.server.sql('SELECT id, event, channel, status, fallback_of, attempts '
                               'FROM messages WHERE case_id = ? ORDER BY id', case_id)

    def status_of(self, case_id, event, channel):
        rows = [r for r in self.messages(case_id) if r[1] == event and r[2] == channel]
        return rows[-1][3] if rows else None

    def sms_to(self, number):
        return [s for s in self.kannel.received() if s[1] == number]

    def mail_to(self, address):
        return [m for m in self.smtp.received() if address in m[0]]


class JourneyTest(GatewayTest):

    def test_chinese_applicant_gets_ucs2_sms_and_encoded_mail(self):
        c = self.apply(phone='+86 131 0000 0001', email='wang.fang@example.org',
                       surname='Wang', given_names='Fang')
        # "Application received", in Chinese, as UCS-2, with the number
        # and the tracking code.
        sms = wait_for('the received SMS', lambda: self.sms_to('+8613100000001'))
        self.assertEqual(len(sms), 1)
        _, _, text, coding = sms[0]
        self.assertEqual(coding, 'ucs2')
        self.assertIn('申请已收到', text)
        self.assertIn(c['protocol'], text)
        self.assertIn(c['tracking_code'], text)
        # The fake SMSC's delivery report comes back through Kannel.
        wait_for('the SMS delivered', lambda: self.status_of(
            c['id'], 'received', 'sms') == 'delivered')
        mails = wait_for('the received e-mail', lambda: self.mail_to('wang.fang@example.org'))
        rcpt, msg, raw = mails[0]
        self.assertEqual(str(msg['Subject']), f'申请已收到：案件号{c["protocol"]}')
        self.assertIn(b'=?UTF-8?B?', raw)       # RFC 2047 on the wire
        self.assertTrue(msg['Message-ID'].startswith('<idoneo-'))
        self.assertIn('comune.prato.it', msg['From'])
        self.assertEqual(msg.get_content_type(), 'multipart/mixed')
        plain = msg.get_body(preferencelist=('plain',)).get_content()
        html = msg.get_body(preferencelist=('html',)).get_content()
        self.assertIn('Fang Wang，您好：', plain)
        self.assertIn(c['tracking_code'], plain)
        self.assertIn('lang="zh"', html)
        self.assertEqual(self.status_of(c['id'], 'received', 'email'), 'sent')

        # After approval and the certificate: "certificate ready", with
        # where to collect it.
        self.api.call('POST', f'/api/v1/applications/{c["id"]}/transitions', {'action': 'take'})
        tok = self.head.csrf(f'/cases/{c["id"]}')
        status, _, _ = self.head.post(f'/cases/{c["id"]}/transition',
                                      {'csrf': tok, 'action': 'approve'})
        self.assertEqual(status, 303)
        status, _, _ = self.api.call('POST', f'/api/v1/applications/{c["id"]}/transitions',
                                     {'action': 'certificate_ready'})
        self.assertEqual(status, 200)
        ready = wait_for('the ready SMS', lambda: [
            s for s in self.sms_to('+8613100000001') if '证明已办好' in s[2]])
        self.assertIn('Servizio Immigrazione', ready[0][2])
        wait_for('the ready SMS delivered', lambda: self.status_of(
            c['id'], 'certificate_ready', 'sms') == 'delivered')
        # The approval had its own message in between.
        self.assertTrue(any('已批准' in s[2] for s in self.sms_to('+8613100000001')))

        # The case's messages, with their history, through the API and on
        # the page.
        status, _, doc = self.api.call('GET', f'/api/v1/applications/{c["id"]}/messages')
        self.assertEqual(status, 200)
        sms = [m for m in doc['messages'] if m['channel'] == 'sms' and
               m['event'] == 'certificate_ready'][0]
        self.assertEqual([h['status'] for h in sms['history']][:2], ['queued', 'sending'])
        self.assertEqual(sms['history'][-1]['status'], 'delivered')
        self.assertEqual(sms['coding'], 'ucs2')
        status, _, html = self.head.get(f'/cases/{c["id"]}')
        self.assertEqual(status, 200)
        self.assertIn('id="message-list"', html)
        self.assertIn('Consegnato', html)

    def test_italian_sms_goes_as_gsm7(self):
        c = self.apply(phone='+39 347 000 0002', language='it', notify_email=False)
        sms = wait_for('the SMS', lambda: self.sms_to('+393470000002'))
        self.assertEqual(sms[0][3], 'text')
        self.assertIn('Domanda di idoneità alloggiativa ricevuta', sms[0][2])
        row = self.server.sql('SELECT coding, segments FROM messages WHERE case_id = ?', c['id'])
        self.assertEqual(row, [('gsm7', 1)])

    def test_forged_report_is_refused(self):
        c = self.apply(phone='+39 347 000 0003', language='it', notify_email=False)
        wait_for('the SMS', lambda: self.status_of(c['id'], 'received', 'sms') == 'delivered')
        mid, token = self.server.sql('SELECT id, token FROM messages WHERE case_id = ?',
                                     c['id'])[0]
        self.server.sql("UPDATE messages SET status = 'sent' WHERE id = ?", mid)
        status, _, _ = self.server.request('GET', f'/notify/dlr/{mid}?t={"0" * 32}&s=2')
        self.assertEqual(status, 403)
        status, _, _ = self.server.request('GET', f'/notify/dlr/{mid}?s=2')
        self.assertEqual(status, 403)
        self.assertEqual(self.status_of(c['id'], 'received', 'sms'), 'sent')
        status, _, _ = self.server.request('GET', f'/notify/dlr/999999?t={token}&s=1')
        self.assertEqual(status, 404)
        # The true report, twice: the second changes nothing, and is taken.
        for _ in range(2):
            status, _, _ = self.server.request('GET', f'/notify/dlr/{mid}?t={token}&s=2&a=x')
            self.assertEqual(status, 200)
        self.assertEqual(self.status_of(c['id'], 'received', 'sms'), 'permanent-failure')

    def test_mail_refused_for_good_falls_back_to_sms(self):
        self.smtp.refuse['gone@example.org'] = '550 5.1.1 no such user'
        c = self.apply(phone='+39 347 000 0004', email='gone@example.org', language='en',
                       notify_sms=False, notify_email=True)
        wait_for('the permanent failure', lambda: self.status_of(
            c['id'], 'received', 'email') == 'permanent-failure')
        sms = wait_for('the fallback SMS', lambda: self.sms_to('+393470000004'))
        self.assertIn('Your housing suitability application has been received', sms[0][2])
        rows = self.messages(c['id'])
        self.assertEqual([(r[2], r[3]) for r in rows][0], ('email', 'permanent-failure'))
        self.assertEqual(rows[1][2], 'sms')
        self.assertEqual(rows[1][4], rows[0][0])        # fallback_of

    def test_temporary_failure_is_retried(self):
        self.smtp.refuse['busy@example.org'] = '451 4.3.0 try again later'
        c = self.apply(email='busy@example.org', language='fr', notify_sms=False)
        wait_for('the temporary failure', lambda: self.status_of(
            c['id'], 'received', 'email') == 'temporary-failure')
        due, now = self.server.sql("SELECT due_at, updated_at FROM messages WHERE case_id = ?",
                                   c['id'])[0]
        self.assertGreater(due, now)            # a pause before the next try
        del self.smtp.refuse['busy@example.org']
        self.server.sql("UPDATE messages SET due_at = '2000-01-01T00:00:00Z' "
                        "WHERE case_id = ?", c['id'])
        wait_for('the retry', lambda: self.status_of(c['id'], 'received', 'email') == 'sent')
        self.assertEqual(self.messages(c['id'])[0][5], 2)
        msg = self.mail_to('busy@example.org')[0][1]
        self.assertEqual(str(msg['Subject']), f'Demande reçue : dossier {c["protocol"]}')

    def test_desk_resends_and_writes_free_text(self):
        c = self.apply(phone='+39 347 000 0005', language='it', notify_email=False)
        wait_for('the SMS', lambda: self.sms_to('+393470000005'))
        mid = self.messages(c['id'])[0][0]
        tok = self.head.csrf(f'/cases/{c["id"]}')
        status, _, _ = self.head.post(f'/cases/{c["id"]}/messages',
                                      {'csrf': tok, 'do': 'resend', 'message_id': mid})
        self.assertEqual(status, 303)
        status, _, _ = self.head.post(f'/cases/{c["id"]}/messages', {
            'csrf': tok, 'do': 'text', 'channel': 'sms',
            'text': 'Venga allo sportello martedì alle 10.'})
        self.assertEqual(status, 303)
        wait_for('both', lambda: len(self.sms_to('+393470000005')) == 3)
        self.assertIn('Venga allo sportello martedì alle 10.',
                      [s[2] for s in self.sms_to('+393470000005')])
        # Too long for two SMS: refused with a reason.
        status, _, html = self.head.post(f'/cases/{c["id"]}/messages', {
            'csrf': tok, 'do': 'text', 'channel': 'sms', 'text': '界' * 200})
        self.assertEqual(status, 422)
        self.assertIn('due messaggi', html)
        # An opt-out: nothing more on that channel.
        status, _, _ = self.head.post(f'/cases/{c["id"]}/messages',
                                      {'csrf': tok, 'do': 'opt_out', 'channel': 'sms'})
        self.assertEqual(status, 303)
        status, _, _ = self.head.post(f'/cases/{c["id"]}/messages', {
            'csrf': tok, 'do': 'text', 'channel': 'sms', 'text': 'ancora'})
        self.assertEqual(status, 422)
        self.assertEqual(self.server.sql("SELECT count(*) FROM audit WHERE action IN "
                                         "('message_resend', 'message_text', 'message_opt_out') "
                                         "AND entity_id = ?", c['id']),
                         [(3,)])
        # The office's list shows them.
        status, _, html = self.head.get('/messages?channel=sms')
        self.assertEqual(status, 200)
        self.assertIn(f'/cases/{c["id"]}#messages', html)
        self.assertNotIn('id="f-comune"', html)         # the head's comune only
        admin = Browser(self.server)
        admin.login('admin')
        status, _, html = admin.get('/messages?comune=1&status=delivered')
        self.assertEqual(status, 200)
        self.assertIn('<option value="1" selected>Prato</option>', html)
        self.assertIn(f'/cases/{c["id"]}#messages', html)
        status, _, html = admin.get('/messages?comune=2')
        self.assertNotIn(f'/cases/{c["id"]}#messages', html)


class WorkerTest(unittest.TestCase):
    """Workers on their own (`idoneo worker`), killed and run side by side,
    with a batch of SMS through Kannel."""

    @classmethod
    def setUpClass(cls):
        cls.kannel = Kannel()
        cls.server = start_server({
            'IDONEO_SMS': cls.kannel.url(), 'IDONEO_SMS_QUIET': 'off',
            'IDONEO_NOTIFY_LEASE': '3', 'IDONEO_NOTIFY_BATCH': '20',
            # Paced (the per-gateway rate limit), so that the kill below
            # falls in the middle of the batch on any machine.
            'IDONEO_SMS_RATE': '300'}, ['--no-worker'])
        status, _, c = Api(cls.server, CLERK_KEY).call('POST', '/api/v1/applications',
                                                      application())
        assert status == 201, c
        cls.case = c

    @classmethod
    def tearDownClass(cls):
        stop_in_turn(cls.server, cls.kannel)

    def worker(self, log):
        return subprocess.Popen([BINARY, 'worker', '--db', self.server.db], env=self.server.env(), cwd=ROOT,
                                stdout=log, stderr=log)

    def enqueue(self, tag, n):
        """n SMS, each with its own text, to one number per batch."""
        now = '2026-01-01T00:00:00Z'
        for i in range(n):
            self.server.sql(
                "INSERT INTO messages (comune_id, case_id, event, channel, recipient, "
                "language, params, status, due_at, expires_at, token, actor, created_at, "
                "updated_at) VALUES (1, ?, 'note', 'sms', ?, 'it', ?, 'queued', ?, "
                "'2999-01-01T00:00:00Z', ?, 'test', ?, ?)",
                self.case['id'], f'+3934{tag}', f'{{"text": "{tag} n={i}"}}', now,
                f'{i:032x}', now, now)

    def texts(self, tag):
        return [s[2] for s in self.kannel.received() if s[1] == f'+3934{tag}']

    def delivered(self, tag):
        return self.server.sql("SELECT count(*) FROM messages WHERE recipient = ? AND "
                               "status = 'delivered'", f'+3934{tag}')[0][0]

    def test_killed_worker_loses_nothing(self):
        tag, n = '71000001', 1000
        self.enqueue(tag, n)
        log = open(os.path.join(self.server.dir, 'worker.log'), 'ab')
        self.addCleanup(log.close)
        w = self.worker(log)
        wait_for('a third of the batch', lambda: len(self.texts(tag)) >= n // 3, timeout=120)
        w.kill()
        w.wait()
        sent_before = len(self.texts(tag))
        self.assertLess(sent_before, n)         # killed in the middle
        w = self.worker(log)
        try:
            wait_for('every message delivered', lambda: self.delivered(tag) == n, timeout=300)
        finally:
            w.terminate()
            self.assertEqual(w.wait(timeout=30), 0)
        texts = self.texts(tag)
        self.assertEqual(set(texts), {f'{tag} n={i}' for i in range(n)})
        duplicates = len(texts) - len(set(texts))
        uncertain = self.server.sql('SELECT sum(uncertain) FROM messages WHERE recipient = ?',
                                    f'+3934{tag}')[0][0]
        # Every duplicate is counted among the uncertain hand-overs.
        self.assertLessEqual(duplicates, uncertain)
        print(f'# kill -9 after {sent_before} of {n} SMS: {duplicates} duplicates, '
              f'{uncertain} uncertain hand-overs', flush=True)

    def test_two_workers_never_send_one_message_twice(self):
        tag, n = '72000002', 400
        self.enqueue(tag, n)
        log = open(os.path.join(self.server.dir, 'workers.log'), 'ab')
        self.addCleanup(log.close)
        ws = [self.worker(log), self.worker(log)]
        try:
            wait_for('every message delivered', lambda: self.delivered(tag) == n, timeout=300)
        finally:
            for w in ws:
                w.terminate()
            codes = [w.wait(timeout=30) for w in ws]
        self.assertEqual(codes, [0, 0])
        texts = self.texts(tag)
        self.assertEqual(sorted(texts), sorted(f'{tag} n={i}' for i in range(n)))


if __name__ == '__main__':
    unittest.main()


class RestProviderTest(unittest.TestCase):
    """An SMS through a REST provider (http+json://): the JSON body, the
    credentials, the idempotency key, and its delivery report."""

    def test_rest_provider(self):
        from peers import RestSms
        provider = RestSms()
        server = start_server({'IDONEO_SMS': provider.url(), 'IDONEO_SMS_QUIET': 'off',
                               'IDONEO_SMS_AUTH': 'Bearer provider-key-1',
                               'IDONEO_SMTP': 'file:///dev/null/none'})
        try:
            status, _, c = Api(server, CLERK_KEY).call('POST', '/api/v1/applications',
                                                      application())
            self.assertEqual(status, 201)
            reqs = wait_for('the provider call', lambda: [
                r for r in provider.requests if r[1]['to'] == '+8613123456789'])
            headers, body = reqs[0]
            self.assertEqual(headers['Authorization'], 'Bearer provider-key-1')
            self.assertTrue(headers['Idempotency-Key'].startswith('idoneo-'))
            self.assertEqual(body['coding'], 'ucs2')
            self.assertIn(c['tracking_code'], body['text'])
            self.assertEqual(body['reference'], headers['Idempotency-Key'])
            mid = self.sent(server, c['id'])
            # The report, at the callback it was given.
            path = body['callback'].split(f':{server.port}', 1)[1]
            status, _, _ = server.request('POST', path, body='{"status": "delivered"}',
                                          headers={'Content-Type': 'application/json'})
            self.assertEqual(status, 200)
            self.assertEqual(server.sql('SELECT status, reference FROM messages WHERE id = ?',
                                        mid), [('delivered', 'prov-%d' % (
                                            provider.requests.index(reqs[0]) + 1))])
            forged = path.split('?')[0] + '?t=' + 'f' * 32
            status, _, _ = server.request('POST', forged, body='{"status": "failed"}')
            self.assertEqual(status, 403)
            status, _, _ = server.request('POST', path, body='not json')
            self.assertEqual(status, 400)
        finally:
            stop_in_turn(server, provider)

    def sent(self, server, case_id):
        rows = wait_for('the SMS sent', lambda: server.sql(
            "SELECT id FROM messages WHERE case_id = ? AND channel = 'sms' "
            "AND status = 'sent'", case_id))
        return rows[0][0]


class StartTlsTest(unittest.TestCase):
    """E-mail to a server that requires STARTTLS and AUTH, with a
    certificate of the comune's own CA (IDONEO_SMTP_CA)."""

    def test_starttls_and_auth(self):
        from peers import Smtp
        user = ('idoneo', 'mail-secret-1')
        smtp = Smtp(tls_user=user)
        server = Server(extra_env={'IDONEO_SMTP': smtp.url(user), 'IDONEO_SMTP_CA': smtp.ca,
                                   'IDONEO_SMS_QUIET': 'off'}).start()
        try:
            status, _, _ = Api(server, CLERK_KEY).call('POST', '/api/v1/applications',
                                                      application())
            self.assertEqual(status, 201)
            mails = wait_for('the e-mail', lambda: smtp.received())
            self.assertEqual(mails[0][0], ['li.chen@example.org'])
            # The server takes no command before STARTTLS, nor a message
            # before AUTH: the message came through both.
            self.assertIn(('PLAIN', True), smtp.logins)
        finally:
            stop_in_turn(server, smtp)


class QuietHoursTest(unittest.TestCase):
    """No SMS at night (Europe/Rome): it waits; an e-mail goes."""

    def test_no_sms_at_night(self):
        with gateways() as (kannel, smtp):
            server = Server(now='2026-11-02T22:30:00Z', extra_env={
                'IDONEO_SMS': kannel.url(), 'IDONEO_SMTP': smtp.url()}).start()
            try:
                status, _, c = Api(server, CLERK_KEY).call('POST', '/api/v1/applications',
                                                          application())
                self.assertEqual(status, 201)
                wait_for('the e-mail', lambda: smtp.received())
                time.sleep(2)
                self.assertEqual(server.sql("SELECT status FROM messages WHERE case_id = ? "
                                            "AND channel = 'sms'", c['id']), [('queued',)])
                self.assertEqual(kannel.received(), [])
            finally:
                server.stop()


class ExpiringTest(unittest.TestCase):
    """The "certificate expiring" message, 30 days before the end of its
    validity (Prato: 12 months), once."""

    def test_expiring_certificate(self):
        server = Server(now='2026-01-10T09:00:00Z', extra_env={'IDONEO_SMS_QUIET': 'off'})
        server.start()
        try:
            api = Api(server, CLERK_KEY)
            status, _, c = api.call('POST', '/api/v1/applications', application())
            api.call('POST', f'/api/v1/applications/{c["id"]}/transitions', {'action': 'take'})
            head = Browser(server)
            head.login('head')
            tok = head.csrf(f'/cases/{c["id"]}')
            head.post(f'/cases/{c["id"]}/transition', {'csrf': tok, 'action': 'approve'})
            status, _, _ = api.call('POST', f'/api/v1/applications/{c["id"]}/transitions',
                                    {'action': 'certificate_ready'})
            self.assertEqual(status, 200)
            # A second certificate, revoked: it gets no "expiring" message.
            status, _, r = api.call('POST', '/api/v1/applications', application())
            api.call('POST', f'/api/v1/applications/{r["id"]}/transitions', {'action': 'take'})
            tok = head.csrf(f'/cases/{r["id"]}')
            head.post(f'/cases/{r["id"]}/transition', {'csrf': tok, 'action': 'approve'})
            api.call('POST', f'/api/v1/applications/{r["id"]}/transitions',
                     {'action': 'certificate_ready'})
            status, _, _ = head.post(f'/cases/{r["id"]}/certificate',
                                     {'csrf': tok, 'do': 'revoke', 'reason': 'Errore'})
            self.assertEqual(status, 303)
        finally:
            self.assertEqual(server.stop(), 0)
        count = "SELECT count(*) FROM messages WHERE case_id = ? AND event = 'expiring'"
        self.assertEqual(server.sql(count, c['id']), [(0,)])
        # Eleven months and a half on: within 30 days of the end.
        server.start(now='2026-12-20T09:00:00Z')
        try:
            wait_for('the expiring messages', lambda: server.sql(count, c['id']) == [(2,)])
            body = server.sql("SELECT body FROM messages WHERE case_id = ? AND "
                              "event = 'expiring' AND channel = 'sms'", c['id'])
            wait_for('the text', lambda: server.sql(
                "SELECT body FROM messages WHERE case_id = ? AND event = 'expiring' AND "
                "channel = 'sms' AND status = 'delivered'", c['id']))
            body = server.sql("SELECT body FROM messages WHERE case_id = ? AND "
                              "event = 'expiring' AND channel = 'sms'", c['id'])[0][0]
            self.assertIn('10/01/2027', body)
            self.assertEqual(server.sql(count, r['id']), [(0,)])
        finally:
            self.assertEqual(server.stop(), 0)


class SilenceAndOverrideTest(unittest.TestCase):
    """An SMS whose delivery report never comes goes by e-mail after
    IDONEO_DLR_TIMEOUT; a comune's own gateway wins over the
    installation's."""

    def test_no_report_falls_back_and_comune_gateway_wins(self):
        with gateways() as (kannel, smtp):
            # Reports go to a port where nobody listens: none ever arrives.
            server = Server(extra_env={
                'IDONEO_SMS': kannel.url(), 'IDONEO_SMTP': smtp.url(),
                'IDONEO_SMS_QUIET': 'off', 'IDONEO_PUBLIC_URL': f'http://127.0.0.1:{free_port()}',
                'IDONEO_DLR_TIMEOUT': '2'}).start()
            try:
                self.check(server, kannel, smtp)
            finally:
                server.stop()

    def check(self, server, kannel, smtp):
        api = Api(server, CLERK_KEY)
        status, _, c = api.call('POST', '/api/v1/applications', application(
            applicant=dict(application()['applicant'], notify_email=False,
                           email='silent@example.org', language='ro')))
        self.assertEqual(status, 201, c)
        wait_for('the SMS', lambda: [s for s in kannel.received()
                                     if s[1] == '+8613123456789'])
        mails = wait_for('the fallback e-mail', lambda: [
            m for m in smtp.received() if 'silent@example.org' in m[0]])
        self.assertEqual(str(mails[0][1]['Subject']), f'Cerere primită: dosar {c["protocol"]}')
        rows = server.sql('SELECT channel, status, fallback_of FROM messages '
                          'WHERE case_id = ? ORDER BY id', c['id'])
        self.assertEqual(rows[0][:2], ('sms', 'sent'))
        self.assertEqual(rows[1][0], 'email')
        self.assertIsNotNone(rows[1][2])
        # Prato's own gateway: a folder, not the installation's Kannel.
        folder = os.path.join(server.dir, 'prato-sms')
        server.sql("UPDATE comuni SET sms_url = ? WHERE code = 'G999'", f'file://{folder}')
        before = len(kannel.received())
        status, _, _ = api.call('POST', '/api/v1/applications', application())
        self.assertEqual(status, 201)
        wait_for('the SMS in Prato\'s folder', lambda: os.path.isdir(folder) and
                 os.listdir(folder))
        time.sleep(1)
        self.assertEqual(len(kannel.received()), before)
