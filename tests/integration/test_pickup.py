"""Collecting the certificate at a T-Serve point (docs/points.md): the
collection place chosen at intake and changed later, the pickup code in the
"certificate ready" SMS through a real Kannel, the operator's page (code,
identity check, print, handover), the network's API with the same limits,
reminders and recalls, and what an operator can never reach."""
import re
import unittest

from harness import Api, Browser, application
from test_notify import GatewayTest, wait_for

POINT_KEY = 'demo-prato-point-key-0123456789abcdef01234'
CODE = re.compile(r'(\d{3} \d{3} \d{3})')


class PickupTest(GatewayTest):
    """One Kannel, one SMTP server and one idoneo for the class, with the
    network's key and an administrator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.net = Api(cls.server, POINT_KEY)
        cls.admin = Browser(cls.server)
        cls.admin.login('admin')
        _, _, doc = cls.api.call('GET', '/api/v1/points?limit=100')
        cls.points = {p['name']: p['id'] for p in doc['points']}
        cls.phones = iter(range(100, 200))
        cls.operators = iter(range(1, 100))

    def setUp(self):
        # Each test its own operator at Tabaccheria Centro: wrong codes
        # count per operator, and one test's must not hold back another.
        n = next(self.operators)
        tok = self.admin.csrf('/admin')
        status, _, html = self.admin.post('/admin/users', {
            'csrf': tok, 'username': f'banco{n}', 'full_name': f'Banco {n}',
            'role': 'point', 'password': 'idoneo-banco-2026', 'comune': 'G999',
            'point': str(self.points['Tabaccheria Centro'])})
        self.assertIn(status, (201, 303), html)
        self.op = Browser(self.server)
        tok = self.op.csrf('/login')
        status, _, _ = self.op.post('/login', {'csrf': tok, 'username': f'banco{n}',
                                               'password': 'idoneo-banco-2026'})
        self.assertEqual(status, 303)

    def apply(self, point=None, delegate=None):
        """An Italian applicant with a phone of their own, collecting at
        point (a name) or at the office."""
        phone = f'+39 347 000 0{next(self.phones)}'
        doc = application()
        doc['applicant'].update(phone=phone, language='it', notify_email=False,
                                surname='Okafor', given_names='Grace',
                                id_doc_number='YA1234567')
        if point:
            doc['collection_point'] = self.points[point]
        if delegate:
            doc['delegate'] = delegate
        status, _, c = self.api.call('POST', '/api/v1/applications', doc)
        self.assertEqual(status, 201, c)
        c['number'] = phone.replace(' ', '')
        return c

    def ready(self, c):
        """Takes, approves and readies the case; returns the pickup code
        its SMS carries, and the SMS."""
        self.api.call('POST', f'/api/v1/applications/{c["id"]}/transitions', {'action': 'take'})
        tok = self.head.csrf(f'/cases/{c["id"]}')
        status, _, _ = self.head.post(f'/cases/{c["id"]}/transition',
                                      {'csrf': tok, 'action': 'approve'})
        self.assertEqual(status, 303)
        status, _, doc = self.api.call('POST', f'/api/v1/applications/{c["id"]}/transitions',
                                       {'action': 'certificate_ready'})
        self.assertEqual(status, 200, doc)
        return self.sms(c, 'Certificato pronto')

    def sms(self, c, words, count=1):
        got = wait_for(f'the SMS "{words}"', lambda: [
            s[2] for s in self.kannel.received() if s[1] == c['number'] and words in s[2]]
            if len([s for s in self.kannel.received() if s[1] == c['number'] and
                    words in s[2]]) >= count else None)
        text = got[count - 1]
        m = CODE.search(text)
        return (m.group(1) if m else None), text

    def lookup(self, code, browser=None):
        b = browser or self.op
        tok = b.csrf('/point')
        return b.post('/point/lookup', {'csrf': tok, 'code': code})

    def identity(self, pickup, kind, number):
        tok = self.op.csrf('/point')
        return self.op.post(f'/point/pickups/{pickup}/identity',
                            {'csrf': tok, 'document_type': kind, 'document_number': number})

    def state(self, c):
        _, _, doc = self.api.call('GET', f'/api/v1/applications/{c["id"]}')
        return doc['state']

    def test_whole_journey_at_the_point(self):
        c = self.apply(point='Tabaccheria Centro')
        self.assertEqual(c['collection_point'], self.points['Tabaccheria Centro'])
        self.assertEqual(c['collection_point_name'], 'Tabaccheria Centro')
        code, text = self.ready(c)
        # The SMS names the point, its address and hours, the code and the
        # document to bring.
        self.assertIsNotNone(code, text)
        self.assertIn('Tabaccheria Centro', text)
        self.assertIn('lun-sab 7-20', text)
        self.assertIn('Porti un documento', text)
        # The point's stock shows a certificate number, no names.
        status, _, html = self.op.get('/point')
        self.assertEqual(status, 200)
        self.assertNotIn('Okafor', html)
        self.assertRegex(html, r'id="stock"')
        # The office sees it waiting at the point.
        status, _, html = self.head.get('/pickups')
        self.assertEqual(status, 200)
        row = re.search(r'<tr data-point="(\d+)">((?:(?!</tr>).)*' + c['protocol'] + ')', html)
        self.assertIsNotNone(row, html)
        self.assertEqual(int(row.group(1)), self.points['Tabaccheria Centro'])
        # The code, typed with dashes: the name and the document's tail.
        status, _, html = self.lookup(code.replace(' ', '-'))
        self.assertEqual(status, 200, html)
        self.assertIn('Grace Okafor', html)
        self.assertIn('567</strong>', html)
        for secret in ('YA1234567', 'Via Roma', c['protocol'], c['tracking_code'],
                       'Wenzhou', 'CHNLIX00A01Z210P'):
            self.assertNotIn(secret, html)
        pickup = re.search(r'/point/pickups/(\d+)/identity', html).group(1)
        # No PDF before the identity check.
        status, _, _ = self.op.get(f'/point/pickups/{pickup}/certificate.pdf')
        self.assertEqual(status, 404)
        # A wrong document: refused, nothing offered.
        status, _, html = self.identity(pickup, 'passport', 'YA7654321')
        self.assertEqual(status, 422)
        self.assertIn('non corrisponde', html)
        self.assertNotIn('certificate.pdf', html)
        # The right one, written as people write it.
        status, _, html = self.identity(pickup, 'passport', 'ya 123 4567')
        self.assertEqual(status, 200, html)
        self.assertIn(f'/point/pickups/{pickup}/certificate.pdf', html)
        status, resp, pdf = self.server.request(
            'GET', f'/point/pickups/{pickup}/certificate.pdf',
            headers={'Cookie': f'idoneo_session={self.op.cookies["idoneo_session"]}'})
        self.assertEqual(status, 200)
        self.assertEqual(resp.getheader('Content-Type'), 'application/pdf')
        self.assertTrue(pdf.startswith(b'%PDF'))
        # The handover: delivered, with where and the document checked.
        tok = self.op.csrf('/point')
        status, _, html = self.op.post(f'/point/pickups/{pickup}/handover', {'csrf': tok})
        self.assertEqual(status, 200, html)
        self.assertIn('desk-delivered', html)
        self.assertEqual(self.state(c), 'delivered')
        self.sms(c, 'consegnato')
        reason = self.server.sql("SELECT actor, reason FROM events WHERE case_id = ? AND "
                                 "action = 'deliver'", c['id'])
        self.assertEqual(len(reason), 1)
        self.assertTrue(reason[0][0].startswith('user:'))
        self.assertIn('Tabaccheria Centro', reason[0][1])
        self.assertIn('passport …567 (richiedente)', reason[0][1])
        row = self.server.sql("SELECT status, ended_by, checked_doc FROM pickups "
                              "WHERE case_id = ?", c['id'])
        self.assertEqual(row[0][0], 'delivered')
        # Every step audited; the code is used up.
        actions = [r[0] for r in self.server.sql(
            "SELECT action FROM audit WHERE entity IN ('pickup') AND entity_id = ? "
            "ORDER BY id", int(pickup))]
        self.assertEqual(actions, ['pickup_lookup', 'pickup_identity_failed',
                                   'pickup_identity_ok', 'pickup_print', 'pickup_handover'])
        status, _, _ = self.lookup(code)
        self.assertEqual(status, 404)
        # The office sees it delivered at the point.
        status, _, html = self.head.get(f'/cases/{c["id"]}')
        self.assertIn('Tabaccheria Centro', html)
        self.assertIn('data-status="delivered"', html)

    def test_wrong_point_expired_code_and_delegate(self):
        # A certificate for another point: this operator cannot open it.
        other = self.apply(point='Edicola Stazione Centrale')
        code, text = self.ready(other)
        self.assertIn('Edicola Stazione Centrale', text)
        status, _, html = self.lookup(code)
        self.assertEqual(status, 404)
        self.assertNotIn('Okafor', html)
        # An expired code fails.
        c = self.apply(point='Tabaccheria Centro',
                       delegate={'name': 'Ada Obi', 'doc_type': 'identity_card',
                                 'doc_number': 'CA00011BB'})
        code, _ = self.ready(c)
        self.server.sql("UPDATE pickups SET expires_on = '2020-01-01' WHERE case_id = ?",
                        c['id'])
        status, _, _ = self.lookup(code)
        self.assertEqual(status, 404)
        self.server.sql("UPDATE pickups SET expires_on = '2099-01-01' WHERE case_id = ?",
                        c['id'])
        # The delegate named in advance may collect with their document.
        status, _, html = self.lookup(code)
        self.assertEqual(status, 200)
        self.assertIn('Ada Obi', html)
        self.assertIn('11BB'[-3:], html)
        pickup = re.search(r'/point/pickups/(\d+)/identity', html).group(1)
        status, _, html = self.identity(pickup, 'identity_card', 'CA00011BB')
        self.assertEqual(status, 200, html)
        self.assertEqual(self.server.sql("SELECT checked_doc FROM pickups WHERE id = ?",
                                         int(pickup)), [('identity_card …1BB (delegato)',)])
        # Every failed lookup is audited too.
        failed = self.server.sql("SELECT count(*) FROM audit WHERE action = "
                                 "'pickup_lookup_failed'")[0][0]
        self.assertGreaterEqual(failed, 2)

    def test_change_of_place_and_recall(self):
        c = self.apply()
        self.assertIsNone(c['collection_point'])
        # The office (or the API) moves it to a point before it is ready.
        status, _, doc = self.api.call('POST', f'/api/v1/applications/{c["id"]}/collection',
                                       {'collection_point': self.points['Tabaccheria Centro']})
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc['collection_point_name'], 'Tabaccheria Centro')
        # A suspended point is refused.
        querce = self.server.sql("SELECT id FROM points WHERE name = 'Tabaccheria La Querce'")
        status, _, doc = self.api.call('POST', f'/api/v1/applications/{c["id"]}/collection',
                                       {'collection_point': querce[0][0]})
        self.assertEqual(status, 422)
        self.assertEqual([e['field'] for e in doc['errors']], ['collection_point'])
        first, _ = self.ready(c)
        # Moved after it is ready: a new code for the new place, the old
        # one dead.
        status, _, doc = self.api.call('POST', f'/api/v1/applications/{c["id"]}/collection',
                                       {'collection_point': self.points['Edicola Mercatale']})
        self.assertEqual(status, 200, doc)
        second, text = self.sms(c, 'Certificato pronto', count=2)
        self.assertIn('Edicola Mercatale', text)
        self.assertNotEqual(first, second)
        status, _, _ = self.lookup(first)
        self.assertEqual(status, 404)
        self.assertEqual(self.server.sql("SELECT status FROM pickups WHERE case_id = ? "
                                         "ORDER BY id", c['id']),
                         [('replaced',), ('active',)])
        # Uncollected: a reminder, then, past its day, back to the office.
        self.server.sql("UPDATE pickups SET remind_on = '2020-01-01' WHERE case_id = ? "
                        "AND status = 'active'", c['id'])
        self.server.sql("UPDATE jobs SET run_after = '2000-01-01T00:00:00Z' WHERE "
                        "kind = 'pickups' AND done_at IS NULL")
        _, text = self.sms(c, 'la aspetta')
        self.assertIn('Edicola Mercatale', text)
        self.server.sql("UPDATE pickups SET expires_on = '2020-01-01' WHERE case_id = ? "
                        "AND status = 'active'", c['id'])
        self.server.sql("UPDATE jobs SET run_after = '2000-01-01T00:00:00Z' WHERE "
                        "kind = 'pickups' AND done_at IS NULL")
        third, text = self.sms(c, 'ora si ritira')
        self.assertIn('Servizio Immigrazione', text)
        self.assertNotIn(third, (first, second))
        self.assertEqual(self.server.sql("SELECT status, point_id FROM pickups WHERE "
                                         "case_id = ? ORDER BY id", c['id'])[1:],
                         [('recalled', self.points['Edicola Mercatale']), ('active', None)])
        self.assertEqual(self.server.sql("SELECT point_id FROM collections WHERE case_id = ?",
                                         c['id']), [(None,)])
        # The office hands it over itself; the code ends with it.
        tok = self.head.csrf(f'/cases/{c["id"]}')
        status, _, _ = self.head.post(f'/cases/{c["id"]}/transition',
                                      {'csrf': tok, 'action': 'deliver'})
        self.assertEqual(status, 303)
        self.assertEqual(self.server.sql("SELECT status FROM pickups WHERE case_id = ? "
                                         "ORDER BY id DESC LIMIT 1", c['id']), [('delivered',)])
        # Concluded: the place can no longer change.
        status, _, _ = self.api.call('POST', f'/api/v1/applications/{c["id"]}/collection',
                                     {'collection_point': None})
        self.assertEqual(status, 409)

    def test_network_api(self):
        status, _, me = self.net.call('GET', '/api/v1/me')
        self.assertEqual(status, 200)
        self.assertEqual(me['role'], 'point')
        self.assertEqual(me['point'], self.points['Tabaccheria Centro'])
        c = self.apply(point='Tabaccheria Centro')
        code, _ = self.ready(c)
        status, _, found = self.net.call('POST', '/api/v1/pickups/lookup', {'code': code})
        self.assertEqual(status, 200, found)
        self.assertEqual(found['name'], 'Grace Okafor')
        self.assertEqual(found['document'], {'type': 'passport', 'last3': '567'})
        self.assertEqual(set(found), {'pickup', 'name', 'document', 'delegate', 'expires_on'})
        pid = found['pickup']
        # The page's operator did not look it up: their steps are their own.
        tok = self.op.csrf('/point')
        status, _, _ = self.op.post(f'/point/pickups/{pid}/identity',
                                    {'csrf': tok, 'document_type': 'passport',
                                     'document_number': 'YA1234567'})
        self.assertEqual(status, 409)
        status, _, _ = self.net.call('GET', f'/api/v1/pickups/{pid}/certificate.pdf')
        self.assertEqual(status, 404)
        status, _, doc = self.net.call('POST', f'/api/v1/pickups/{pid}/identity',
                                       {'document_type': 'permit', 'document_number': 'P1'})
        self.assertEqual(status, 200, doc)
        status, _, pdf = self.net.call('GET', f'/api/v1/pickups/{pid}/certificate.pdf')
        self.assertEqual(status, 200)
        # A fee paid at the point shows on the case.
        status, _, doc = self.net.call('POST', f'/api/v1/pickups/{pid}/payments',
                                       {'kind': 'stamp', 'amount': 1600,
                                        'reference': 'MB-0042'})
        self.assertEqual(status, 201, doc)
        status, _, doc = self.net.call('POST', f'/api/v1/pickups/{pid}/payments',
                                       {'kind': 'beer', 'amount': -1, 'reference': ''})
        self.assertEqual(status, 422)
        self.assertEqual({e['field'] for e in doc['errors']}, {'kind', 'amount', 'reference'})
        status, _, case = self.api.call('GET', f'/api/v1/applications/{c["id"]}')
        self.assertIn({'kind': 'stamp', 'amount_cents': 1600, 'channel': 'point',
                       'reference': 'MB-0042', 'paid_on': case['payments'][-1]['paid_on']},
                      case['payments'])
        status, _, doc = self.net.call('POST', f'/api/v1/pickups/{pid}/handover')
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc, {'status': 'delivered'})
        self.assertEqual(self.state(c), 'delivered')
        status, _, _ = self.net.call('POST', '/api/v1/pickups/lookup', {'code': code})
        self.assertEqual(status, 404)

    def test_operator_reaches_nothing_else(self):
        c = self.apply(point='Tabaccheria Centro')
        for path in ('/cases', f'/cases/{c["id"]}', f'/cases/{c["id"]}/certificate.pdf',
                     '/pickups', '/admin', '/messages', f'/units/1'):
            status, _, _ = self.op.get(path)
            self.assertEqual(status, 403, path)
        for path in ('/api/v1/applications', f'/api/v1/applications/{c["id"]}',
                     f'/api/v1/applications/{c["id"]}/certificate.pdf', '/api/v1/units',
                     '/api/v1/points'):
            status, _, _ = self.net.call('GET', path)
            self.assertEqual(status, 403, path)
        status, _, _ = self.net.call('POST', f'/api/v1/applications/{c["id"]}/transitions',
                                     {'action': 'deliver'})
        self.assertEqual(status, 403)
        # A case not yet ready has a code nowhere; office keys cannot use
        # the network's calls.
        status, _, _ = self.api.call('POST', '/api/v1/pickups/lookup', {'code': '123456789'})
        self.assertEqual(status, 403)

    def test_wrong_codes_are_held_back(self):
        # A key of its own, so that the page's operator is not held back.
        tok = Browser(self.server)
        tok.login('admin')
        t = tok.csrf('/admin')
        status, _, html = tok.post('/admin/keys', {
            'csrf': t, 'comune': 'G999', 'name': 'Rete prova', 'role': 'point',
            'point': str(self.points['Tabaccheria Centro'])})
        self.assertEqual(status, 201)
        self.assertIn('Tabaccheria Centro', html)
        key = re.search(r'id="new-key">([^<]+)<', html).group(1)
        api = Api(self.server, key)
        codes = [api.call('POST', '/api/v1/pickups/lookup', {'code': f'{n:09d}'})[0]
                 for n in range(6)]
        self.assertEqual(codes[:5], [404] * 5)
        self.assertEqual(codes[5], 429)
        status, resp, _ = api.call('POST', '/api/v1/pickups/lookup', {'code': '000000000'})
        self.assertEqual(status, 429)

    def test_office_gives_a_new_code(self):
        # In person, for an applicant with neither phone nor e-mail, or
        # who lost the message.
        c = self.apply(point='Tabaccheria Centro')
        first, _ = self.ready(c)
        tok = self.head.csrf(f'/cases/{c["id"]}')
        status, _, html = self.head.post(f'/cases/{c["id"]}/pickup-code', {'csrf': tok})
        self.assertEqual(status, 200, html)
        code = re.search(r'id="new-pickup-code">[^<]*<strong>(\d{3} \d{3} \d{3})</strong>',
                         html).group(1)
        self.assertNotEqual(code, first)
        # It goes to the applicant too; the old one is dead, the new works.
        self.sms(c, code)
        self.assertEqual(self.lookup(first)[0], 404)
        status, _, html = self.lookup(code)
        self.assertEqual(status, 200)
        self.assertIn('Grace Okafor', html)
        # Only for a ready certificate.
        other = self.apply()
        tok = self.head.csrf(f'/cases/{other["id"]}')
        status, _, _ = self.head.post(f'/cases/{other["id"]}/pickup-code', {'csrf': tok})
        self.assertEqual(status, 409)


if __name__ == '__main__':
    unittest.main()
