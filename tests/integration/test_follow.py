"""The citizen's own page for their case, /segui (docs/citizen.md): opened
with the case number and the tracking code, rate-limited, with a session
cookie and CSRF on every form; the state, the deadline and what is
missing; a missing document uploaded resumes a suspended case; an answer to
a notice of refusal; the place of collection; withdrawal; the language
chosen and remembered, right to left for Arabic."""
import re

from harness import Api, Browser, CLERK_KEY, ServerTest, application
from test_uploads import PDF


class FollowTest(ServerTest):
    server_args = {'now': '2026-11-02T09:00:00Z'}
    logins = ('head',)
    api_key = CLERK_KEY

    def new_case(self):
        doc = application()
        doc['applicant'].update(language='it')
        status, _, c = self.api.call('POST', '/api/v1/applications', doc)
        self.assertEqual(status, 201)
        return c

    def open(self, c, b=None):
        b = b or Browser(self.server)
        status, resp, _ = b.post('/segui', {'number': c['protocol'],
                                            'code': c['tracking_code'].lower()})
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/segui/pratica')
        return b

    def csrf(self, b):
        return b.csrf('/segui/pratica')

    def state(self, cid):
        return self.server.sql('SELECT state, due_on, stopped_days FROM cases WHERE id = ?',
                               cid)[0]

    def test_follow_upload_resumes_and_answers(self):
        c = self.new_case()
        b = Browser(self.server)
        status, _, html = b.get('/segui')
        self.assertEqual(status, 200)
        self.assertIn('id="follow-form"', html)
        status, _, _ = b.post('/segui', {'number': c['protocol'], 'code': 'AAAAAAAAAA'})
        self.assertEqual(status, 404)
        self.open(c, b)
        status, _, html = b.get('/segui/pratica')
        self.assertEqual(status, 200)
        self.assertIn(c['protocol'], html)
        self.assertIn('data-kind="floor_plan"', html)
        self.assertNotIn('whoami', html)
        # The office suspends it for the floor plan; the citizen uploads it
        # and the case resumes, its deadline moved on.
        self.api.call('POST', f'/api/v1/applications/{c["id"]}/transitions', {'action': 'take'})
        status, _, _ = self.api.call('POST', f'/api/v1/applications/{c["id"]}/transitions',
                                     {'action': 'suspend', 'reason': 'Manca la planimetria'})
        self.assertEqual(status, 200)
        self.assertEqual(self.state(c['id'])[0], 'suspended')
        status, _, html = b.post_multipart('/segui/documento', [
            ('csrf', self.csrf(b)), ('kind', 'floor_plan')], [('file', 'pianta.pdf', PDF)])
        self.assertEqual(status, 200, html)
        self.assertIn('id="follow-done"', html)
        self.assertEqual(self.state(c['id'])[0], 'in_review')
        self.assertNotIn('data-kind="floor_plan"', html)
        self.assertEqual(self.server.sql(
            "SELECT actor FROM events WHERE case_id = ? AND action = 'resume'", c['id']),
            [('citizen',)])
        # A renamed file is refused, in words.
        status, _, html = b.post_multipart('/segui/documento', [
            ('csrf', self.csrf(b)), ('kind', 'stamps')], [('file', 'x.pdf', b'MZ\x90\x00' * 50)])
        self.assertEqual(status, 415)
        self.assertIn('non il nome', html)
        # A notice of refusal: the citizen answers within the ten days.
        tok = self.head.csrf(f'/cases/{c["id"]}')
        self.head.post(f'/cases/{c["id"]}/transition', {
            'csrf': tok, 'action': 'notice_refusal', 'reason': 'Camera piccola'})
        status, _, html = b.get('/segui/pratica')
        self.assertIn('id="follow-answer"', html)
        self.assertIn('12/11/2026', html)
        status, _, html = b.post('/segui/osservazioni', {
            'csrf': self.csrf(b), 'observations': 'La camera misura 14 m², allego la pianta'})
        self.assertEqual(status, 200, html)
        state = self.state(c['id'])
        self.assertEqual(state[0], 'in_review')
        # Observations on 2 Nov: the clock restarts ten days later.
        self.assertEqual(state[2], 10)
        # The place of collection, then the withdrawal (confirmed).
        point = self.server.sql("SELECT id FROM points WHERE name = 'Edicola Mercatale'")[0][0]
        status, _, html = b.post('/segui/ritiro', {'csrf': self.csrf(b),
                                                   'collection_point': str(point)})
        self.assertEqual(status, 200)
        self.assertIn('Edicola Mercatale', re.search(r'id="follow-place">([^<]*)', html).group(1))
        status, _, _ = b.post('/segui/ritira', {'csrf': self.csrf(b), 'reason': 'Trasloco'})
        self.assertEqual(status, 422)
        status, _, html = b.post('/segui/ritira', {'csrf': self.csrf(b), 'reason': 'Trasloco',
                                                   'confirm': 'on'})
        self.assertEqual(status, 200)
        self.assertEqual(self.state(c['id'])[0], 'withdrawn')
        # Every step was the citizen's, in the audit log too.
        actions = {r[0] for r in self.server.sql(
            "SELECT action FROM audit WHERE actor = 'citizen' AND entity_id = ?", c['id'])}
        self.assertTrue({'follow_open', 'file_upload', 'resume', 'answer_refusal',
                         'collection_set', 'withdraw'} <= actions, actions)

    def test_session_csrf_and_limits(self):
        c = self.new_case()
        b = self.open(c)
        # No CSRF token, no action; no session, no page.
        status, _, _ = b.post('/segui/ritira', {'reason': 'x', 'confirm': 'on'})
        self.assertEqual(status, 403)
        status, resp, _ = Browser(self.server).get('/segui/pratica')
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/segui')
        # Twenty files an hour for a case, then a wait.
        statuses = [b.post_multipart('/segui/documento', [
            ('csrf', self.csrf(b)), ('kind', 'other')], [('file', f'{n}.pdf', PDF)])[0]
            for n in range(21)]
        self.assertEqual(statuses, [200] * 20 + [429])
        # Leaving ends the session.
        b.post('/segui/esci', {'csrf': self.csrf(b)})
        status, _, _ = b.get('/segui/pratica')
        self.assertEqual(status, 303)
        # Guessing codes is held back per address: ten wrong pairs in a
        # quarter of an hour (this class's other tests made some), then
        # even the right pair waits.
        g = Browser(self.server)
        codes = [g.post('/segui', {'number': c['protocol'], 'code': f'BAD{n:07d}'})[0]
                 for n in range(11)]
        self.assertGreaterEqual(codes.count(404), 9)
        self.assertEqual(codes[-1], 429)
        status, _, _ = g.post('/segui', {'number': c['protocol'], 'code': c['tracking_code']})
        self.assertEqual(status, 429)

    def test_home_leads_citizens_and_staff(self):
        b = Browser(self.server)
        status, _, html = b.get('/?lang=zh')
        self.assertEqual(status, 200)
        self.assertIn('href="/segui"', html)
        self.assertIn('href="/login"', html)
        self.assertIn('工作人员登录', html)
        self.assertIn('id="languages"', html)
        status, resp, _ = self.head.get('/')
        self.assertEqual(status, 303)
        self.assertNotEqual(resp.getheader('Location'), '/')

    def test_language_is_chosen_and_remembered(self):
        b = Browser(self.server)
        status, resp, html = b.get('/segui?lang=ar')
        self.assertEqual(status, 200)
        self.assertIn('<html lang="ar" dir="rtl">', html)
        self.assertIn('idoneo_lang=ar', resp.getheader('Set-Cookie'))
        status, _, html = b.get('/segui')
        self.assertIn('<html lang="ar" dir="rtl">', html)
        self.assertIn('تابع ملفك', html)
        status, _, html = b.get('/segui?lang=zh')
        self.assertIn('<html lang="zh" dir="ltr">', html)
        self.assertIn('查询您的案件', html)
        self.assertNotIn('Segui la tua pratica', html)
        # Dates as a reader of Chinese writes them.
        self.open(self.new_case(), b)
        status, _, html = b.get('/segui/pratica')
        self.assertIn('2026年11月2日', html)
        # An unknown language keeps the last one; staff pages stay Italian.
        status, _, html = b.get('/segui?lang=xx')
        self.assertIn('lang="zh"', html)
        status, _, html = b.get('/login')
        self.assertIn('<html lang="it" dir="ltr">', html)
