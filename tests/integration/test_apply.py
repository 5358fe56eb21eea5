"""The citizen's online application, /domanda (docs/citizen.md): five steps
that follow the counter form, saved at each step and checked with the
intake's rules; documents uploaded with the draft; the link that resumes
it, by e-mail; the phone confirmed with a one-time code by SMS (Kannel);
the submission, channel "online", with a case number, a tracking code and
the session on /segui; the limits, the CSRF checks; an association's
draft, with the citizen's consent."""
import os
import re

from harness import Browser, application, form_fields
from test_notify import GatewayTest, wait_for
from test_uploads import PDF

CHINESE_PHONE = '+8613100000077'


def step_fields(doc, keys, csrf, go='next'):
    part = {k: doc[k] for k in keys if k in doc}
    return form_fields(part, csrf) + [('go', go)]


class ApplyTest(GatewayTest):

    def start(self, b, lang=None):
        status, _, html = b.get('/domanda' + (f'?lang={lang}' if lang else ''))
        self.assertEqual(status, 200)
        self.assertIn('id="apply-start"', html)
        # The demo serves two comuni: the citizen chooses Prato.
        prato = re.search(r'<option value="([^"]+)">Prato<', html).group(1)
        status, resp, _ = b.post('/domanda', {'comune': prato})
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/domanda/passo/1')
        self.assertIn('idoneo_draft', b.cookies)

    def csrf(self, b, step):
        return b.csrf(f'/domanda/passo/{step}')

    def fill(self, b, doc, upto):
        steps = {1: ['purpose', 'applicant'], 2: ['title', 'dwelling', 'rooms'],
                 3: ['residents', 'hosted'], 4: ['documents'],
                 5: ['payments', 'collection_point']}
        for n in range(1, upto + 1):
            status, resp, html = b.post(f'/domanda/passo/{n}',
                                        step_fields(doc, steps[n], self.csrf(b, n)))
            self.assertEqual(status, 303, html)
            self.assertEqual(resp.getheader('Location'), f'/domanda/passo/{n + 1}')

    def otp(self, number, before):
        sms = wait_for('the one-time code', lambda: [
            s for s in self.sms_to(number)[before:] if re.search(r'\b\d{6}\b', s[2])])
        return re.search(r'\b(\d{6})\b', sms[-1][2]).group(1)

    def test_chinese_application_with_upload_and_code(self):
        b = Browser(self.server)
        self.start(b, 'zh')
        doc = application()
        doc['applicant'].update(phone='+86 131 0000 0077', email='')
        doc['applicant']['notify_email'] = False
        # Steps cannot be skipped.
        status, resp, _ = b.get('/domanda/passo/3')
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/domanda/passo/1')
        # A step with a mistake stays, says where, and keeps what was typed.
        bad = application()
        bad['applicant'].pop('surname')
        status, _, html = b.post('/domanda/passo/1',
                                 step_fields(bad, ['purpose', 'applicant'], self.csrf(b, 1)))
        self.assertEqual(status, 422)
        self.assertIn('lang="zh"', html)
        self.assertRegex(html, r'id="a-surname"[^>]*aria-describedby="err-a-surname"'
                               r'[^>]*aria-invalid="true"')
        self.assertRegex(html, r'id="err-a-surname">[^<]+<')
        self.assertIn('value="Wenzhou"', html)
        self.fill(b, doc, 1)
        # The rooms' eligibility, live, in Chinese.
        status, _, html = b.post('/domanda/passo/2', step_fields(
            doc, ['title', 'dwelling', 'rooms'], self.csrf(b, 2), go='calc'))
        self.assertEqual(status, 200, html)
        self.assertIn('id="elig-max"', html)
        # In Chinese, with a decimal point.
        self.assertIn('客厅 16.00 平方米', html)
        for n in (2, 3):
            keys = {2: ['title', 'dwelling', 'rooms'], 3: ['residents', 'hosted']}[n]
            status, _, _ = b.post(f'/domanda/passo/{n}', step_fields(doc, keys,
                                                                     self.csrf(b, n)))
            self.assertEqual(status, 303)
        # The floor plan, uploaded with the draft; a renamed program is not.
        status, _, html = b.post_multipart('/domanda/documento', [
            ('csrf', self.csrf(b, 4)), ('kind', 'floor_plan')], [('file', 'pianta.pdf', PDF)])
        self.assertEqual(status, 200, html)
        self.assertIn('data-kind="floor_plan"', html)
        status, _, _ = b.post_multipart('/domanda/documento', [
            ('csrf', self.csrf(b, 4)), ('kind', 'id_document')],
            [('file', 'passaporto.pdf', b'MZ\x90\x00' * 64)])
        self.assertEqual(status, 415)
        for n, keys in ((4, ['documents']), (5, ['payments'])):
            status, _, _ = b.post(f'/domanda/passo/{n}', step_fields(doc, keys,
                                                                     self.csrf(b, n)))
            self.assertEqual(status, 303)
        # Not without the declaration and the confirmed phone.
        status, _, html = b.post('/domanda/invia', {'csrf': self.csrf(b, 6)})
        self.assertEqual(status, 422)
        self.assertRegex(html, r'id="err-contact">[^<]+<')
        self.assertRegex(html, r'id="err-truthful">[^<]+<')
        before = len(self.sms_to(CHINESE_PHONE))
        status, _, html = b.post('/domanda/codice', {'csrf': self.csrf(b, 6), 'channel': 'sms'})
        self.assertEqual(status, 200, html)
        code = self.otp(CHINESE_PHONE, before)
        wrong = '000000' if code != '000000' else '111111'
        status, _, _ = b.post('/domanda/conferma', {'csrf': self.csrf(b, 6), 'otp': wrong})
        self.assertEqual(status, 422)
        status, _, html = b.post('/domanda/conferma', {'csrf': self.csrf(b, 6), 'otp': code})
        self.assertEqual(status, 200, html)
        self.assertIn('id="apply-confirmed"', html)
        status, resp, _ = b.post('/domanda/invia', {'csrf': self.csrf(b, 6), 'truthful': 'on'})
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/domanda/inviata')
        status, _, html = b.get('/domanda/inviata')
        number = re.search(r'id="apply-case">([^<]+)<', html).group(1)
        code = re.search(r'id="apply-code">([^<]+)<', html).group(1)
        case = self.server.sql('SELECT id, channel, tracking_code FROM cases '
                               'WHERE tracking_code = ?', code)
        self.assertEqual(case[0][1], 'online')
        cid = case[0][0]
        self.assertEqual(self.server.sql('SELECT kind FROM case_files WHERE case_id = ?', cid),
                         [('floor_plan',)])
        self.assertEqual(self.server.sql('SELECT count(*) FROM draft_files')[0][0], 0)
        # The SMS with the case number, in Chinese; the code is not kept.
        sms = wait_for('the received SMS', lambda: [
            s for s in self.sms_to(CHINESE_PHONE) if number in s[2]])
        self.assertRegex(sms[0][2], r'[\u4e00-\u9fff]')
        bodies = [r[0] for r in self.server.sql(
            "SELECT body FROM messages WHERE event = 'otp'")]
        self.assertTrue(bodies)
        self.assertFalse([x for x in bodies if re.search(r'\d{6}', x)], bodies)
        # The citizen follows the case at once; the draft is closed.
        status, _, html = b.get('/segui/pratica')
        self.assertEqual(status, 200)
        self.assertIn(number, html)
        status, resp, _ = b.get('/domanda/passo/1')
        self.assertEqual(resp.getheader('Location'), '/domanda/inviata')
        status, _, _ = b.post('/domanda/invia', {'csrf': self.csrf(b, 6), 'truthful': 'on'})
        self.assertEqual(self.server.sql(
            'SELECT count(*) FROM cases WHERE tracking_code = ?', code)[0][0], 1)
        actions = {r[0] for r in self.server.sql("SELECT action FROM audit WHERE actor = "
                                                 "'citizen' AND entity = 'draft'")}
        self.assertTrue({'draft_start', 'draft_save', 'draft_file', 'draft_otp',
                         'draft_otp_wrong', 'draft_confirm', 'draft_submit'} <= actions,
                        actions)

    def test_resume_link_by_email(self):
        b = Browser(self.server)
        self.start(b, 'fr')
        doc = application()
        doc['applicant'].update(email='amina.resume@example.org')
        self.fill(b, doc, 1)
        status, _, html = b.post('/domanda/link', {'csrf': self.csrf(b, 2),
                                                   'channel': 'email', 'step': '2'})
        self.assertEqual(status, 200, html)
        mail = wait_for('the link', lambda: self.mail_to('amina.resume@example.org'))
        text = mail[0][1].get_body(('plain',)).get_content()
        link = re.search(r'(/domanda/riprendi\?t=[A-Za-z0-9_-]+)', text).group(1)
        self.assertNotIn('amina', link)
        # Another device opens it and finds the draft where it was.
        other = Browser(self.server)
        status, resp, _ = other.get(link)
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/domanda/passo/2')
        status, _, html = other.get('/domanda/passo/1')
        self.assertIn('value="Chen"', html)
        status, _, _ = Browser(self.server).get('/domanda/riprendi?t=' + 'x' * 43)
        self.assertEqual(status, 404)

    def test_csrf_and_limits(self):
        b = Browser(self.server)
        # No draft: the steps lead back to the start.
        status, resp, _ = b.get('/domanda/passo/1')
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/domanda')
        status, _, _ = b.post('/domanda', {}, extra={'Sec-Fetch-Site': 'cross-site'})
        self.assertEqual(status, 403)
        self.start(b)
        status, _, _ = b.post('/domanda/passo/1', {'go': 'next', 'purpose': 'study'})
        self.assertEqual(status, 403)
        doc = application()
        doc['applicant'].update(phone='+39 347 000 0088', email='', notify_email=False)
        self.fill(b, doc, 1)
        # Five wrong codes spend a code; five codes a draft.
        before = len(self.sms_to('+393470000088'))
        b.post('/domanda/codice', {'csrf': self.csrf(b, 1), 'channel': 'sms'})
        code = self.otp('+393470000088', before)
        wrong = '000000' if code != '000000' else '111111'
        for _ in range(5):
            status, _, _ = b.post('/domanda/conferma', {'csrf': self.csrf(b, 1), 'otp': wrong})
            self.assertEqual(status, 422)
        status, _, html = b.post('/domanda/conferma', {'csrf': self.csrf(b, 1), 'otp': code})
        self.assertEqual(status, 422)
        self.assertRegex(html, r'id="err-otp">[^<]+<')
        statuses = [b.post('/domanda/codice', {'csrf': self.csrf(b, 1), 'channel': 'sms'})[0]
                    for _ in range(5)]
        self.assertEqual(statuses, [200] * 4 + [429])
        # Ten tries to send a draft in an hour.
        statuses = [b.post('/domanda/invia', {'csrf': self.csrf(b, 1)})[0] for _ in range(11)]
        self.assertEqual(statuses, [422] * 10 + [429])

    def test_association_draft(self):
        op = Browser(self.server)
        op.login('association')
        status, _, html = op.get('/associazione')
        self.assertEqual(status, 200)
        status, resp, _ = op.post('/associazione/bozze', {'csrf': op.csrf('/associazione')})
        self.assertEqual(status, 303)
        doc = application()
        doc['applicant'].update(surname='Hossain', given_names='Rahim', language='bn',
                                phone='+880 1712 345678', email='rahim@example.org')
        # The citizen's consent is required at the first step.
        status, _, html = op.post('/domanda/passo/1', step_fields(
            doc, ['purpose', 'applicant'], self.csrf(op, 1)))
        self.assertEqual(status, 422)
        self.assertRegex(html, r'id="err-consent">[^<]+<')
        # The messages go to the association alone.
        doc['consent'] = True
        doc['notify_to'] = 'association'
        steps = {1: ['purpose', 'applicant', 'consent', 'notify_to'],
                 2: ['title', 'dwelling', 'rooms'], 3: ['residents', 'hosted'],
                 4: ['documents'], 5: ['payments']}
        for n, keys in steps.items():
            status, _, html = op.post(f'/domanda/passo/{n}',
                                      step_fields(doc, keys, self.csrf(op, n)))
            self.assertEqual(status, 303, html)
        self.assertIn('id="to-association" name="notify_to" value="association" checked',
                      op.get('/domanda/passo/1')[2])
        status, _, html = op.get('/associazione?q=hoss')
        self.assertIn('Hossain Rahim', html)
        status, _, html = op.get('/associazione?q=nobody')
        self.assertNotIn('Hossain', html)
        # Not without the association's own contacts.
        status, _, html = op.post('/domanda/invia', {'csrf': self.csrf(op, 6),
                                                     'truthful': 'on'})
        self.assertEqual(status, 422)
        self.assertRegex(html, r'href="/domanda/passo/1#to-applicant">[^<]*cellulare')
        status, _, html = op.post('/associazione/recapiti', {
            'csrf': op.csrf('/associazione'), 'phone': '12', 'email': 'sportello'})
        self.assertEqual(status, 422)
        self.assertRegex(html, r'id="err-assoc-phone">[^<]+<')
        self.assertRegex(html, r'id="err-assoc-email">[^<]+<')
        status, _, html = op.post('/associazione/recapiti', {
            'csrf': op.csrf('/associazione'), 'phone': '+39 333 111 2222',
            'email': 'sportello@associazione.example.org'})
        self.assertEqual(status, 200)
        self.assertIn('id="assoc-saved"', html)
        # Sent with the operator's session: no one-time code for it.
        status, _, html = op.post('/domanda/invia', {'csrf': self.csrf(op, 6),
                                                     'truthful': 'on'})
        self.assertEqual(status, 303, html)
        row = self.server.sql("SELECT c.id, c.channel, c.association_id IS NOT NULL, "
                              "c.consent_at IS NOT NULL FROM cases c JOIN applicants a ON "
                              "a.case_id = c.id WHERE a.surname = 'Hossain'")
        cid = row[0][0]
        self.assertEqual(row[0][1:], ('association', True, True))
        status, _, html = op.get('/associazione')
        self.assertRegex(html, r'Hossain Rahim</td><td>[^<]*\d')
        # The "application received" and every later message go to the
        # association, in Italian, and none to the applicant.
        sms = wait_for('the SMS to the association', lambda: [
            x for x in self.sms_to('+393331112222') if 'ricevuta' in x[2]])
        self.assertEqual(len(sms), 1)
        self.api.call('POST', f'/api/v1/applications/{cid}/transitions', {'action': 'take'})
        status, _, _ = self.api.call('POST', f'/api/v1/applications/{cid}/transitions',
                                     {'action': 'suspend', 'reason': 'Manca la planimetria'})
        self.assertEqual(status, 200)
        rows = self.server.sql('SELECT event, channel, recipient, language FROM messages '
                               'WHERE case_id = ? ORDER BY id', cid)
        self.assertEqual({(r[0], r[1], r[2], r[3]) for r in rows}, {
            ('received', 'sms', '+393331112222', 'it'),
            ('received', 'email', 'sportello@associazione.example.org', 'it'),
            ('documents_missing', 'sms', '+393331112222', 'it'),
            ('documents_missing', 'email', 'sportello@associazione.example.org', 'it')})

    def test_expired_draft_goes_with_its_files(self):
        b = Browser(self.server)
        self.start(b)
        status, _, _ = b.post_multipart('/domanda/documento', [
            ('csrf', self.csrf(b, 1)), ('kind', 'floor_plan')], [('file', 'p.pdf', PDF)])
        self.assertEqual(status, 200)
        draft, path = self.server.sql('SELECT draft_id, path FROM draft_files '
                                      'ORDER BY id DESC LIMIT 1')[0]
        full = os.path.join(self.server.dir, 'files', path)
        self.assertTrue(os.path.exists(full))
        # Thirty days on: the hourly round deletes the draft and its file.
        self.server.sql("UPDATE drafts SET expires_at = '2000-01-01T00:00:00Z' WHERE id = ?",
                        draft)
        self.server.sql("UPDATE jobs SET run_after = '2000-01-01T00:00:00Z' WHERE "
                        "kind = 'drafts' AND done_at IS NULL")
        wait_for('the purge', lambda: not os.path.exists(full))
        wait_for('the draft gone', lambda: self.server.sql(
            'SELECT count(*) FROM drafts WHERE id = ?', draft)[0][0] == 0)
        self.assertEqual(self.server.sql(
            "SELECT count(*) FROM audit WHERE action = 'draft_expired' AND entity_id = ?",
            draft)[0][0], 1)
        status, resp, _ = b.get('/domanda/passo/1')
        self.assertEqual(resp.getheader('Location'), '/domanda')
