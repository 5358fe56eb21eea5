"""The administrator's pages: comuni settings, associations, users, API keys."""
import re
import time

from harness import Api, Browser, application, ServerTest


class AdminTest(ServerTest):
    logins = ('admin',)

    def post(self, path, fields):
        tok = self.admin.csrf('/admin')
        return self.admin.post(path, dict(fields, csrf=tok))

    def test_admin_sees_no_case_data(self):
        status, _, html = self.admin.get('/admin')
        self.assertEqual(status, 200)
        self.assertNotIn('Hu Wei', html)
        self.assertEqual(self.admin.get('/cases')[0], 403)
        self.assertEqual(self.admin.get('/cases/1')[0], 403)

    def test_association_and_its_operator(self):
        status, _, html = self.post('/admin/associations', {'comune': 'G999',
                                                             'name': 'Caritas Prato'})
        self.assertEqual(status, 201)
        assoc_id = self.server.sql("SELECT id FROM associations WHERE name = 'Caritas Prato'")[0][0]
        # An association of another comune is refused.
        status, _, _ = self.post('/admin/users', {
            'username': 'caritas1', 'full_name': 'Operatrice Caritas', 'role': 'association',
            'comune': 'L537', 'association': str(assoc_id), 'password': 'una-password-lunga'})
        self.assertEqual(status, 422)
        status, _, _ = self.post('/admin/users', {
            'username': 'caritas1', 'full_name': 'Operatrice Caritas', 'role': 'association',
            'comune': 'G999', 'association': str(assoc_id), 'password': 'una-password-lunga'})
        self.assertEqual(status, 201)
        b = Browser(self.server)
        tok = b.csrf('/login')
        status, resp, _ = b.post('/login', {'csrf': tok, 'username': 'caritas1',
                                            'password': 'una-password-lunga'})
        self.assertEqual((status, resp.getheader('Location')), (303, '/cases'))
        # The same name twice is refused.
        status, _, _ = self.post('/admin/associations', {'comune': 'G999',
                                                          'name': 'Caritas Prato'})
        self.assertEqual(status, 409)

    def test_user_validation_and_duplicates(self):
        base = {'username': 'nuovo', 'full_name': 'Nuovo Istruttore', 'role': 'clerk',
                'comune': 'G999', 'password': 'corta'}
        self.assertEqual(self.post('/admin/users', base)[0], 422)
        self.assertEqual(self.post('/admin/users', dict(base, password='abbastanza-lunga',
                                                         comune=''))[0], 422)
        self.assertEqual(self.post('/admin/users', dict(base, password='abbastanza-lunga',
                                                         username='Spazi no'))[0], 422)
        self.assertEqual(self.post('/admin/users', dict(base, password='abbastanza-lunga'))[0],
                         201)
        self.assertEqual(self.post('/admin/users', dict(base, password='abbastanza-lunga'))[0],
                         409)
        audit = self.server.sql("SELECT actor, action FROM audit WHERE action = 'user_create' "
                                "ORDER BY id DESC LIMIT 1")
        self.assertRegex(audit[0][0], r'^user:\d+$')

    def test_disabling_a_user_ends_its_sessions(self):
        clerk = Browser(self.server)
        clerk.login('vaiano')
        self.assertEqual(clerk.get('/cases')[0], 200)
        uid = self.server.sql("SELECT id FROM users WHERE username = 'vaiano'")[0][0]
        status, _, _ = self.post(f'/admin/users/{uid}/active', {'active': '0'})
        self.assertEqual(status, 200)
        self.assertEqual(clerk.get('/cases')[0], 303)     # back to the login page
        b = Browser(self.server)
        tok = b.csrf('/login')
        status, _, _ = b.post('/login', {'csrf': tok, 'username': 'vaiano',
                                         'password': 'idoneo-vaiano-2026'})
        self.assertEqual(status, 401)
        self.assertEqual(self.post(f'/admin/users/{uid}/active', {'active': '1'})[0], 200)
        Browser(self.server).login('vaiano')
        actions = [r[0] for r in self.server.sql(
            "SELECT action FROM audit WHERE entity = 'user' AND entity_id = ? ORDER BY id", uid)]
        self.assertIn('user_disable', actions)
        self.assertIn('user_enable', actions)

    def test_api_key_shown_once_works_then_revoked(self):
        status, _, html = self.post('/admin/keys', {'comune': 'G999', 'name': 'Protocollo',
                                                    'role': 'clerk'})
        self.assertEqual(status, 201)
        key = re.search(r'<code id="new-key">([^<]+)</code>', html).group(1)
        self.assertNotIn(key, self.admin.get('/admin')[2])
        api = Api(self.server, key)
        status, _, me = api.call('GET', '/api/v1/me')
        self.assertEqual((status, me['role']), (200, 'clerk'))
        self.assertEqual(api.call('POST', '/api/v1/applications', application())[0], 201)
        kid = self.server.sql("SELECT id FROM api_keys WHERE name = 'Protocollo'")[0][0]
        self.assertEqual(self.post(f'/admin/keys/{kid}/revoke', {})[0], 200)
        time.sleep(3.5)     # the per-thread key cache lives 3 seconds
        for _ in range(4):
            self.assertEqual(api.call('GET', '/api/v1/me')[0], 401)

    def test_comune_settings(self):
        cid = self.server.sql("SELECT id FROM comuni WHERE code = 'B794'")[0][0]
        status, _, html = self.admin.get(f'/admin/comuni/{cid}')
        self.assertEqual(status, 200)
        self.assertIn('Carmignano', html)
        good = {'office': 'Ufficio Immigrazione', 'signatory': 'Dott. Neri',
                'term_days': '20', 'legal_term_days': '30', 'risk_days': '14,18',
                'patron_month': '8', 'patron_day': '10', 'saturday_closed': 'on',
                'fee': '25,00', 'stamp': '16,00', 'stamps': '2', 'validity_months': '6',
                'area_tolerance_pct': '30', 'rule_set': 'prato'}
        for bad in ({'risk_days': '18,14'}, {'risk_days': '10,25'}, {'term_days': '0'},
                    {'patron_month': '2', 'patron_day': '30'}, {'fee': '10,555'},
                    {'validity_months': 'x'}, {'office': ''}, {'area_tolerance_pct': '101'},
                    {'area_tolerance_pct': 'x'}, {'sms_sender': 'Comune di Carmignano'},
                    {'mail_from': 'nobody'}, {'sms_url': 'ftp://x'},
                    {'smtp_url': 'kannel://u:p@127.0.0.1:13013'},
                    {'office_hours': 'lun\nmar'}, {'pickup_days': '0'},
                    {'pickup_reminder_days': 'x'}):
            with self.subTest(bad=bad):
                status, _, _ = self.post(f'/admin/comuni/{cid}', dict(good, **bad))
                self.assertEqual(status, 422)
        status, _, _ = self.post(f'/admin/comuni/{cid}', good)
        self.assertEqual(status, 200)
        row = self.server.sql('SELECT term_days, risk_days, patron_month, patron_day, '
                              'saturday_closed, fee_cents, validity_months, '
                              'area_tolerance_pct FROM comuni WHERE id = ?', cid)
        self.assertEqual(row, [(20, '14,18', 8, 10, 1, 2500, 6, 30)])
        # What messages say and how they go; a form without them keeps them.
        notify = {'office_address': 'Piazza SS. Francesco e Michele 1, Carmignano',
                  'office_hours': 'lun-ven 9-12', 'sms_sender': 'Carmignano',
                  'mail_from': 'casa@comune.carmignano.po.it',
                  'sms_url': 'kannel://idoneo:s3cret@127.0.0.1:13013',
                  'smtp_url': 'smtp+starttls://idoneo:s3cret@mail.example.it:587'}
        status, _, _ = self.post(f'/admin/comuni/{cid}', dict(good, **notify))
        self.assertEqual(status, 200)
        status, _, _ = self.post(f'/admin/comuni/{cid}', good)
        self.assertEqual(status, 200)
        self.assertEqual(self.server.sql('SELECT office_address, office_hours, sms_sender, '
                                         'mail_from, sms_url, smtp_url FROM comuni '
                                         'WHERE id = ?', cid), [tuple(notify.values())])
        # The pickup code's validity and its reminder (docs/points.md).
        status, _, _ = self.post(f'/admin/comuni/{cid}', dict(
            good, pickup_days='20', pickup_reminder_days='5'))
        self.assertEqual(status, 200)
        self.assertEqual(self.server.sql('SELECT pickup_days, pickup_reminder_days FROM comuni '
                                         'WHERE id = ?', cid), [(20, 5)])
        self.assertEqual(self.admin.get('/admin/comuni/999')[0], 404)
