"""Counter intake and the case workflow, driven through the office pages."""
import json
import re
import unittest

from test_notify import wait_for
from harness import Api, Browser, Server, application, form_fields, CLERK_KEY, ServerTest


def case_id(location):
    m = re.match(r'/cases/(\d+)', location)
    assert m, location
    return int(m.group(1))


class IntakeTest(ServerTest):
    server_args = {'now': '2026-11-02T09:00:00Z'}
    logins = ('clerk',)

    def submit(self, doc, browser=None):
        b = browser or self.clerk
        tok = b.csrf('/cases/new')
        return b.post('/cases', form_fields(doc, tok))

    def test_counter_intake_stores_everything(self):
        before = self.server.sql('SELECT max(protocol_no) FROM cases')[0][0]
        status, resp, _ = self.submit(application())
        self.assertEqual(status, 303)
        cid = case_id(resp.getheader('Location'))
        status, _, html = self.clerk.get(f'/cases/{cid}')
        self.assertEqual(status, 200)
        self.assertIn('Chen Li', html)
        self.assertIn('2026/%07d' % (before + 1), html)
        self.assertIn('Soggiorno', html)
        self.assertIn('16,00', html)
        rows = self.server.sql('SELECT use, area, height, window_area, fixtures FROM rooms '
                               'WHERE case_id = ? ORDER BY position', cid)
        self.assertEqual(rows, [('living', 1600, 270, 200, ''),
                                ('bedroom', 1400, 270, 180, ''),
                                ('bathroom', 500, 240, 60, 'wc,bidet,basin,shower')])
        a = self.server.sql('SELECT codice_fiscale, phone, language, notify_sms '
                            'FROM applicants WHERE case_id = ?', cid)
        self.assertEqual(a, [('CHNLIX00A01Z210P', '+8613123456789', 'zh', 1)])
        p = self.server.sql('SELECT kind, surname FROM persons WHERE case_id = ? ORDER BY id', cid)
        self.assertEqual(p, [('resident', 'Chen'), ('hosted', 'Chen')])
        pay = self.server.sql('SELECT kind, amount_cents FROM payments WHERE case_id = ? '
                              'ORDER BY id', cid)
        self.assertEqual(pay, [('fee', 3050), ('stamp', 1600)])
        docs = dict(self.server.sql('SELECT kind, received FROM documents WHERE case_id = ?', cid))
        self.assertEqual(docs['id_document'], 1)
        self.assertEqual(docs['floor_plan'], 0)
        c = self.server.sql('SELECT channel, state, received_on, due_on FROM cases WHERE id = ?', cid)
        # Received Mon 2 Nov 2026; 15 days later is Tue 17 Nov.
        self.assertEqual(c, [('counter', 'submitted', '2026-11-02', '2026-11-17')])

    def test_protocol_numbers_follow_each_other(self):
        ids = []
        for _ in range(3):
            status, resp, _ = self.submit(application())
            self.assertEqual(status, 303)
            ids.append(case_id(resp.getheader('Location')))
        nums = [self.server.sql('SELECT protocol_no FROM cases WHERE id = ?', i)[0][0]
                for i in ids]
        self.assertEqual(nums, [nums[0], nums[0] + 1, nums[0] + 2])

    def test_bad_input_names_the_field_and_stores_nothing(self):
        bad = [
            ('applicant', 'codice_fiscale', 'CHNLIX00A01Z210A', 'Codice fiscale'),
            ('applicant', 'phone', '0574 123456', 'Cellulare'),
            ('applicant', 'birth_date', '31/02/1990', 'Data di nascita'),
            ('applicant', 'surname', '', 'Cognome'),
            ('dwelling', 'cap', '591', 'CAP'),
        ]
        count = self.server.sql('SELECT count(*) FROM cases')[0][0]
        for part, field, value, label in bad:
            with self.subTest(field=field):
                doc = application()
                doc[part][field] = value
                status, _, html = self.submit(doc)
                self.assertEqual(status, 422)
                self.assertIn(label, html)
                self.assertIn('id="form-errors"', html)
                # What was typed is shown again.
                self.assertIn('Wenzhou', html)
        doc = application()
        doc['rooms'][0]['area'] = '-4'
        status, _, html = self.submit(doc)
        self.assertEqual(status, 422)
        self.assertIn('Stanza 1, superficie', html)
        doc = application()
        doc['rooms'][1]['area'] = '14,005'
        status, _, html = self.submit(doc)
        self.assertEqual(status, 422)
        self.assertIn('due decimali', html)
        self.assertEqual(self.server.sql('SELECT count(*) FROM cases')[0][0], count)

    def test_missing_codice_fiscale_needs_a_reason(self):
        doc = application()
        doc['applicant']['codice_fiscale'] = ''
        status, _, html = self.submit(doc)
        self.assertEqual(status, 422)
        self.assertIn('motivo', html)
        doc['applicant']['cf_missing_reason'] = 'appena arrivato in Italia'
        status, _, _ = self.submit(doc)
        self.assertEqual(status, 303)

    def test_html_is_escaped(self):
        doc = application()
        doc['applicant']['surname'] = '<script>alert(1)</script>'
        status, resp, _ = self.submit(doc)
        self.assertEqual(status, 303)
        _, _, html = self.clerk.get(resp.getheader('Location'))
        self.assertNotIn('<script>alert(1)', html)
        self.assertIn('&lt;script&gt;alert(1)&lt;/script&gt;', html)


class WorkflowTest(unittest.TestCase):
    """The whole procedure, with the clock moved between steps."""

    def setUp(self):
        self.server = Server(now='2026-11-02T09:00:00Z').start()

    def tearDown(self):
        self.assertEqual(self.server.stop(), 0)

    def act(self, b, cid, action, reason='', date=''):
        tok = b.csrf(f'/cases/{cid}')
        return b.post(f'/cases/{cid}/transition', {'csrf': tok, 'action': action,
                                                   'reason': reason, 'effective_on': date})

    def state(self, cid):
        return self.server.sql('SELECT state, due_on, stopped_days FROM cases WHERE id = ?',
                               cid)[0]

    def restart_at(self, now, *browsers):
        self.server.stop()
        self.server.start(now=now)

    def test_suspend_resume_moves_deadline_then_approve(self):
        clerk = Browser(self.server)
        clerk.login('clerk')
        tok = clerk.csrf('/cases/new')
        status, resp, _ = clerk.post('/cases', form_fields(application(), tok))
        cid = case_id(resp.getheader('Location'))
        self.assertEqual(self.state(cid), ('submitted', '2026-11-17', 0))

        status, _, _ = self.act(clerk, cid, 'take')
        self.assertEqual(status, 303)
        # A suspension needs its reason.
        status, _, html = self.act(clerk, cid, 'suspend')
        self.assertEqual(status, 422)
        self.assertIn('motivazione', html)
        status, _, _ = self.act(clerk, cid, 'suspend', 'Manca la planimetria')
        self.assertEqual(status, 303)
        self.assertEqual(self.state(cid)[0], 'suspended')

        # Eight days later the floor plan arrives (on 10 Nov, recorded on 10 Nov).
        self.restart_at('2026-11-10T10:00:00Z')
        clerk = Browser(self.server)
        clerk.login('clerk')
        _, _, html = clerk.get(f'/cases/{cid}')
        self.assertIn('termine sospeso', html)
        # The date may not be in the future nor before the last event.
        status, _, html = self.act(clerk, cid, 'resume', '', '2026-11-11')
        self.assertEqual(status, 422)
        status, _, html = self.act(clerk, cid, 'resume', '', '2026-11-01')
        self.assertEqual(status, 422)
        status, _, _ = self.act(clerk, cid, 'resume', 'Planimetria ricevuta', '10/11/2026')
        self.assertEqual(status, 303)
        # 8 days stopped: 17 Nov + 8 = 25 Nov.
        self.assertEqual(self.state(cid), ('in_review', '2026-11-25', 8))

        # Only the head approves.
        status, _, _ = self.act(clerk, cid, 'approve')
        self.assertEqual(status, 403)
        head = Browser(self.server)
        head.login('head')
        status, _, _ = self.act(head, cid, 'approve')
        self.assertEqual(status, 303)
        status, _, _ = self.act(clerk, cid, 'certificate_ready')
        self.assertEqual(status, 303)
        status, _, _ = self.act(clerk, cid, 'deliver')
        self.assertEqual(status, 303)
        self.assertEqual(self.state(cid)[0], 'delivered')
        # Nothing more is possible on a delivered case.
        status, _, _ = self.act(head, cid, 'withdraw', 'x')
        self.assertEqual(status, 409)

        _, _, html = clerk.get(f'/cases/{cid}')
        timeline = html[html.index('id="timeline"'):]
        for label in ('Presentata', 'In istruttoria', 'Sospesa', 'Approvata',
                      'Certificato pronto', 'Consegnato', 'Manca la planimetria'):
            self.assertIn(label, timeline)
        events = self.server.sql('SELECT action, effective_on, due_on FROM events '
                                 'WHERE case_id = ? ORDER BY id', cid)
        self.assertEqual([e[0] for e in events],
                         ['submit', 'take', 'suspend', 'resume', 'approve',
                          'certificate_ready', 'deliver'])
        self.assertEqual(events[3], ('resume', '2026-11-10', '2026-11-25'))

        audit = self.server.sql("SELECT action, actor, ip FROM audit WHERE entity = 'case' "
                                "AND entity_id = ? ORDER BY id", cid)
        self.assertEqual([a[0] for a in audit],
                         ['case_create', 'take', 'suspend', 'resume', 'approve',
                          'certificate_ready', 'deliver'])
        for _, actor, ip in audit:
            self.assertRegex(actor, r'^user:\d+$')
            self.assertEqual(ip, '127.0.0.1')

    def test_certificate_numbers_per_comune_and_year(self):
        def new_case(b):
            tok = b.csrf('/cases/new')
            _, resp, _ = b.post('/cases', form_fields(application(), tok))
            return case_id(resp.getheader('Location'))

        def approved(b, cid):
            self.assertEqual(self.act(b, cid, 'take')[0], 303)
            self.server.sql("UPDATE cases SET state = 'approved' WHERE id = ?", cid)

        def number(cid):
            return self.server.sql('SELECT certificate_year, certificate_no FROM cases '
                                   'WHERE id = ?', cid)[0]

        clerk = Browser(self.server)
        clerk.login('clerk')
        a, b = new_case(clerk), new_case(clerk)
        # Not issued yet: no number, none on the page.
        self.assertEqual(number(a), (None, None))
        self.assertNotIn('id="certificate"', clerk.get(f'/cases/{a}')[2])
        # A refused transition takes no number.
        self.assertEqual(self.act(clerk, a, 'certificate_ready')[0], 409)
        approved(clerk, a)
        approved(clerk, b)
        self.assertEqual(self.act(clerk, b, 'certificate_ready')[0], 303)
        self.assertEqual(self.act(clerk, a, 'certificate_ready')[0], 303)
        self.assertEqual(number(b), (2026, 1))
        self.assertEqual(number(a), (2026, 2))
        html = clerk.get(f'/cases/{a}')[2]
        self.assertIn('id="certificate">2026/0000002</dd>', html)
        status, _, doc = Api(self.server, CLERK_KEY).call('GET', f'/api/v1/applications/{b}')
        self.assertEqual(doc['certificate'], '2026/0000001')
        # Delivery keeps it.
        self.assertEqual(self.act(clerk, a, 'deliver')[0], 303)
        self.assertEqual(number(a), (2026, 2))

        # Another comune counts its own from 1.
        vaiano = Browser(self.server)
        vaiano.login('vaiano')
        v = new_case(vaiano)
        approved(vaiano, v)
        self.assertEqual(self.act(vaiano, v, 'certificate_ready')[0], 303)
        self.assertEqual(number(v), (2026, 1))

        # A new year starts again from 1; the year is that of the event.
        c = new_case(clerk)
        approved(clerk, c)
        self.restart_at('2027-01-04T09:00:00Z')
        clerk = Browser(self.server)
        clerk.login('clerk')
        self.assertEqual(self.act(clerk, c, 'certificate_ready')[0], 303)
        self.assertEqual(number(c), (2027, 1))
        counters = self.server.sql("SELECT comune_id, year, last FROM counters "
                                   "WHERE kind = 'certificate' ORDER BY comune_id, year")
        self.assertEqual([r[1:] for r in counters], [(2026, 2), (2027, 1), (2026, 1)])

    def test_refusal_notice_then_reject(self):
        api = Api(self.server, CLERK_KEY)
        status, _, doc = api.call('POST', '/api/v1/applications', application())
        self.assertEqual(status, 201)
        cid = doc['id']
        head = Browser(self.server)
        head.login('head')
        self.assertEqual(self.act(head, cid, 'take')[0], 303)
        # No rejection without the art. 10-bis notice first.
        status, _, html = self.act(head, cid, 'reject', 'Superficie insufficiente')
        self.assertEqual(status, 409)
        self.assertIn('10-bis', html)
        self.assertEqual(self.act(head, cid, 'notice_refusal', 'Camera troppo piccola')[0], 303)
        self.assertEqual(self.state(cid)[0], 'refusal_notice')
        # No observations: the ten days run out on 12 Nov and the worker
        # restarts the clock on that day by itself (art. 10-bis).
        self.restart_at('2026-11-14T09:00:00Z')
        head = Browser(self.server)
        head.login('head')
        state = wait_for('the clock restarted', lambda: self.state(cid)[0] == 'in_review' and
                         self.state(cid))
        # Stopped from 2 Nov to 12 Nov: 10 days; 17 Nov + 10 = 27 Nov.
        self.assertEqual(state[1:], ('2026-11-27', 10))
        self.assertEqual(self.server.sql(
            "SELECT actor, effective_on, reason FROM events WHERE case_id = ? AND "
            "action = 'answer_refusal'", cid),
            [('system', '2026-11-12', 'Termine di 10 giorni scaduto senza osservazioni '
              '(art. 10-bis L. 241/1990)')])
        self.assertEqual(self.act(head, cid, 'reject', 'Superficie insufficiente')[0], 303)
        self.assertEqual(self.state(cid)[0], 'rejected')

    def test_refusal_observations_restart_the_clock_ten_days_later(self):
        api = Api(self.server, CLERK_KEY)
        cid = api.call('POST', '/api/v1/applications', application())[2]['id']
        head = Browser(self.server)
        head.login('head')
        self.assertEqual(self.act(head, cid, 'take')[0], 303)
        self.assertEqual(self.act(head, cid, 'notice_refusal', 'Camera troppo piccola')[0], 303)
        # Observations arrived on 5 Nov, recorded on the 6th: the terms
        # restart ten days after them, on 15 Nov (DL 76/2020), not when
        # the clerk writes them down.
        self.restart_at('2026-11-06T09:00:00Z')
        head = Browser(self.server)
        head.login('head')
        status, _, _ = self.act(head, cid, 'answer_refusal', 'Osservazioni del richiedente',
                                '05/11/2026')
        self.assertEqual(status, 303)
        # Stopped from 2 Nov to 15 Nov: 13 days; 17 Nov + 13 = 30 Nov.
        self.assertEqual(self.state(cid), ('in_review', '2026-11-30', 13))

    def test_inspection_and_withdrawal(self):
        clerk = Browser(self.server)
        clerk.login('clerk')
        api = Api(self.server, CLERK_KEY)
        cid = api.call('POST', '/api/v1/applications', application())[2]['id']
        self.assertEqual(self.act(clerk, cid, 'take')[0], 303)
        self.assertEqual(self.act(clerk, cid, 'schedule_inspection', 'Sopralluogo il 5/11')[0],
                         303)
        self.assertEqual(self.state(cid)[0], 'inspection')
        self.assertEqual(self.act(clerk, cid, 'inspection_done', 'Conforme')[0], 303)
        self.assertEqual(self.act(clerk, cid, 'withdraw', 'Richiesta del cittadino')[0], 303)
        self.assertEqual(self.state(cid)[0], 'withdrawn')

    def test_queue_flags_cases_at_risk(self):
        api = Api(self.server, CLERK_KEY)
        cid = api.call('POST', '/api/v1/applications', application())[2]['id']
        for now, risk in (('2026-11-11T09:00:00Z', 'ok'), ('2026-11-12T09:00:00Z', 'warning'),
                          ('2026-11-15T09:00:00Z', 'critical'),
                          ('2026-11-18T09:00:00Z', 'overdue')):
            self.restart_at(now)
            clerk = Browser(self.server)
            clerk.login('clerk')
            _, _, html = clerk.get('/cases')
            self.assertRegex(html, r'<tr class="risk-%s" data-case="%d">' % (risk, cid))
            status, _, doc = Api(self.server, CLERK_KEY).call('GET', f'/api/v1/applications/{cid}')
            self.assertEqual(doc['deadline']['risk'], risk)

    def test_audit_log_is_append_only(self):
        # sqlite3.DatabaseError or psycopg2's IntegrityError: both refuse.
        with self.assertRaisesRegex(Exception, 'append-only'):
            self.server.sql("UPDATE audit SET actor = 'x'")
        with self.assertRaisesRegex(Exception, 'append-only'):
            self.server.sql('DELETE FROM audit')


class AssociationAndTenancyTest(ServerTest):
    def test_association_files_with_consent_and_sees_only_its_own(self):
        assoc = Browser(self.server)
        assoc.login('association')
        tok = assoc.csrf('/cases/new')
        status, _, html = assoc.post('/cases', form_fields(application(), tok))
        self.assertEqual(status, 422)
        self.assertIn('consenso', html)
        doc = application()
        doc['consent'] = True
        tok = assoc.csrf('/cases/new')
        status, resp, _ = assoc.post('/cases', form_fields(doc, tok))
        self.assertEqual(status, 303)
        cid = case_id(resp.getheader('Location'))
        row = self.server.sql('SELECT channel, association_id IS NOT NULL, consent_at IS NOT NULL '
                              'FROM cases WHERE id = ?', cid)
        self.assertEqual(row, [('association', 1, 1)])
        status, _, html = assoc.get('/cases')
        self.assertIn(f'data-case="{cid}"', html)
        self.assertNotIn('data-case="1"', html)     # a counter case of the demo
        self.assertEqual(assoc.get('/cases/1')[0], 404)
        self.assertEqual(assoc.get(f'/cases/{cid}')[0], 200)
        # Nor does the room preview tell it how many live in a case it
        # cannot see: the counts are the form's, as with no case at all.
        self.assertGreater(self.server.sql('SELECT count(*) FROM persons WHERE case_id = 1')[0][0],
                           0)
        tok = assoc.csrf('/cases/new')
        fields = form_fields({'rooms': application()['rooms']}, tok)
        previews = [json.loads(assoc.post('/cases/preview', fields + extra,
                                          extra={'Accept': 'application/json'})[2])
                    for extra in ([], [('case_id', '1')])]
        self.assertEqual(previews[0], previews[1])
        # The office sees it, marked as filed by the association.
        clerk = Browser(self.server)
        clerk.login('clerk')
        _, _, html = clerk.get(f'/cases/{cid}')
        self.assertIn('Associazione Insieme', html)

    def test_comuni_do_not_see_each_other(self):
        vaiano = Browser(self.server)
        vaiano.login('vaiano')
        status, _, html = vaiano.get('/cases')
        self.assertEqual(status, 200)
        self.assertNotIn('data-case="1"', html)
        self.assertEqual(vaiano.get('/cases/1')[0], 404)
        tok = vaiano.csrf('/cases/new')
        status, resp, _ = vaiano.post('/cases', form_fields(application(), tok))
        self.assertEqual(status, 303)
        cid = case_id(resp.getheader('Location'))
        # Vaiano numbers its own protocol from 1.
        self.assertEqual(self.server.sql('SELECT protocol_no, comune_id FROM cases WHERE id = ?',
                                         cid)[0][0], 1)
        clerk = Browser(self.server)
        clerk.login('clerk')
        self.assertEqual(clerk.get(f'/cases/{cid}')[0], 404)
        status, _, _ = Api(self.server, CLERK_KEY).call('GET', f'/api/v1/applications/{cid}')
        self.assertEqual(status, 404)
        tok = clerk.csrf('/cases')
        status, _, _ = clerk.post(f'/cases/{cid}/transition', {'csrf': tok, 'action': 'take'})
        self.assertEqual(status, 404)
        self.assertEqual(self.server.sql('SELECT state FROM cases WHERE id = ?', cid),
                         [('submitted',)])


class TenancyTest(unittest.TestCase):
    """A user or key of one comune never reaches another comune's case,
    through any page or API call (issue 5)."""

    def test_every_case_route_hides_other_comuni(self):
        server = Server().start()
        try:
            prato_case = Api(server, CLERK_KEY).call('POST', '/api/v1/applications',
                                                     application())[2]['id']
            admin = Browser(server)
            admin.login('admin')
            tok = admin.csrf('/admin')
            _, _, html = admin.post('/admin/keys', {'csrf': tok, 'comune': 'L537',
                                                    'name': 'Vaiano', 'role': 'clerk'})
            vkey = re.search(r'<code id="new-key">([^<]+)</code>', html).group(1)
            vaiano = Browser(server)
            vaiano.login('vaiano')
            tok = vaiano.csrf('/cases')
            for method, path in [('GET', f'/cases/{prato_case}'),
                                 ('POST', f'/cases/{prato_case}/transition'),
                                 ('POST', f'/cases/{prato_case}/assess'),
                                 ('GET', f'/cases/{prato_case}/rooms'),
                                 ('POST', f'/cases/{prato_case}/rooms')]:
                with self.subTest(path=path):
                    if method == 'GET':
                        status = vaiano.get(path)[0]
                    else:
                        status = vaiano.post(path, {'csrf': tok, 'action': 'take',
                                                    'rooms.0.name': 'X'})[0]
                    self.assertEqual(status, 404)
            # The preview of another comune's case does not count its persons.
            status, _, body = vaiano.post('/cases/preview', [('csrf', tok),
                                          ('case_id', str(prato_case))] + form_fields(
                {'rooms': application()['rooms']}, tok)[1:],
                extra={'Accept': 'application/json'})
            self.assertNotIn('Residenti attuali 1', body)
            self.assertNotIn(f'data-case="{prato_case}"', vaiano.get('/cases?all=1')[2])
            api = Api(server, vkey)
            self.assertEqual(api.call('GET', f'/api/v1/applications/{prato_case}')[0], 404)
            self.assertEqual(api.call('POST', f'/api/v1/applications/{prato_case}/transitions',
                                      {'action': 'take'})[0], 404)
            ids = [c['id'] for c in api.call('GET', '/api/v1/applications')[2]['items']]
            self.assertNotIn(prato_case, ids)
            self.assertEqual(server.sql('SELECT state, version FROM cases WHERE id = ?',
                                        prato_case), [('submitted', 1)])
        finally:
            self.assertEqual(server.stop(), 0)
