"""The JSON API for partner systems, and its OpenAPI document."""
import os
import re
import unittest

import urllib.parse

import yaml

from harness import Api, Browser, application, ROOT, CLERK_KEY, ASSOC_KEY, ServerTest


# What only the pages add to a case (web/case_view.c): labels, Italian
# dates and measures, flags to style on.
VIEW_ONLY = re.compile(r'(_label|_it|_m2|_m|_eur|_local)$|^label$|^risk_|^can_assess$')
API_LABELS = re.compile(r'^(state_label|deadline\.due_on_it|actions\.\d+\.label)$')


def template_fields(doc, path=''):
    """The paths of doc's fields that belong to the pages, not the API."""
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else []
    found = []
    for k, v in items:
        p = f'{path}.{k}' if path else str(k)
        if isinstance(k, str) and VIEW_ONLY.search(k) and not API_LABELS.match(p):
            found.append(p)
        found += template_fields(v, p)
    return found


class ApiTest(ServerTest):
    server_args = {'now': '2026-11-02T09:00:00Z'}
    api_key = CLERK_KEY

    def test_create_and_read(self):
        status, resp, doc = self.api.call('POST', '/api/v1/applications', application())
        self.assertEqual(status, 201)
        self.assertEqual(resp.getheader('Location'), f"/api/v1/applications/{doc['id']}")
        self.assertEqual(doc['channel'], 'api')
        self.assertEqual(doc['state'], 'submitted')
        self.assertRegex(doc['protocol'], r'^2026/\d{7}$')
        self.assertRegex(doc['tracking_code'], r'^[A-Z2-9]{10}$')
        self.assertEqual(doc['deadline']['due_on'], '2026-11-17')
        self.assertEqual([r['area'] for r in doc['rooms']], [1600, 1400, 500])
        # Data, not presentation: the pages add their labels and Italian
        # formats themselves, the API document carries none of them.
        self.assertEqual(template_fields(doc), [])
        self.assertEqual(doc['state_label'], 'Presentata')
        self.assertEqual([a['name'] for a in doc['actions']], ['take', 'suspend', 'withdraw'])
        status, _, again = self.api.call('GET', resp.getheader('Location'))
        self.assertEqual(status, 200)
        # The answer is built from the rows as the intake wrote them
        # (RETURNING), not read back: it must be the stored case, whole.
        self.assertEqual(again, doc)
        number = self.server.sql('SELECT protocol_no FROM cases WHERE id = ?', doc['id'])
        self.assertEqual(doc['protocol'], '2026/%07d' % number[0][0])
        status, _, listing = self.api.call('GET', '/api/v1/applications?state=submitted')
        self.assertIn(doc['id'], [c['id'] for c in listing['items']])

    def test_validation_problem(self):
        bad = application()
        bad['applicant']['codice_fiscale'] = 'CHNLIX00A01Z210X'
        bad['rooms'][0]['area'] = 16.123
        bad['rooms'][1]['use'] = 'garage'
        count = self.server.sql('SELECT count(*) FROM cases')[0][0]
        status, resp, doc = self.api.call('POST', '/api/v1/applications', bad)
        self.assertEqual(status, 422)
        self.assertEqual(resp.getheader('Content-Type'), 'application/problem+json')
        fields = {e['field']: e['message'] for e in doc['errors']}
        self.assertIn('applicant.codice_fiscale', fields)
        self.assertIn('rooms.0.area', fields)
        self.assertIn('rooms.1.use', fields)
        self.assertIn('carattere di controllo', fields['applicant.codice_fiscale'])
        self.assertEqual(self.server.sql('SELECT count(*) FROM cases')[0][0], count)

    def test_countries_from_the_iso_list(self):
        # A country is one of ISO 3166-1: its Italian name, in any case or
        # without accents, or its code, kept as the Italian name.
        doc = application()
        doc['applicant'].update(citizenship='cn', birth_country='peru')
        status, _, c = self.api.call('POST', '/api/v1/applications', doc)
        self.assertEqual(status, 201, c)
        self.assertEqual(self.server.sql(
            'SELECT citizenship, birth_country FROM applicants WHERE case_id = ?', c['id']),
            [('Cina', 'Perù')])
        doc['applicant'].update(citizenship='Atlantide')
        status, _, bad = self.api.call('POST', '/api/v1/applications', doc)
        self.assertEqual(status, 422)
        fields = {e['field']: e['message'] for e in bad['errors']}
        self.assertIn('paese sconosciuto', fields['applicant.citizenship'])

    def test_malformed_bodies(self):
        status, _, doc = self.api.call('POST', '/api/v1/applications', raw='{"purpose": ')
        self.assertEqual(status, 400)
        self.assertIn('line 1', doc['detail'])
        status, _, doc = self.api.call('POST', '/api/v1/applications', raw='[1, 2]')
        self.assertEqual(status, 422)
        status, _, doc = self.api.call('POST', '/api/v1/applications', raw='{}',
                                       ctype='text/plain')
        self.assertEqual(status, 415)
        status, _, doc = self.api.call('POST', '/api/v1/applications',
                                       raw='{"a":1,"a":2}')
        self.assertEqual(status, 400)
        status, _, doc = self.api.call('POST', '/api/v1/applications',
                                       raw='{"purpose":"\xff"}'.encode('latin-1'))
        self.assertEqual(status, 400)
        status, _, _ = self.api.call('POST', '/api/v1/applications',
                                     raw='{"x":"' + 'a' * (1024 * 1024) + '"}')
        self.assertEqual(status, 413)
        status, _, _ = self.api.call('GET', '/api/v1/applications?limit=0')
        self.assertEqual(status, 400)
        status, _, _ = self.api.call('GET', '/api/v1/applications?state=lost')
        self.assertEqual(status, 400)

    def test_transitions(self):
        cid = self.api.call('POST', '/api/v1/applications', application())[2]['id']
        path = f'/api/v1/applications/{cid}/transitions'
        # The served document is cached per thread; it must never be stale.
        for _ in range(4):
            self.assertEqual(self.api.call('GET', f'/api/v1/applications/{cid}')[2]['state'],
                             'submitted')
        status, _, doc = self.api.call('POST', path, {'action': 'take'})
        self.assertEqual(status, 200)
        self.assertEqual(doc['state'], 'in_review')
        for _ in range(4):
            got = self.api.call('GET', f'/api/v1/applications/{cid}')[2]
            self.assertEqual(got['state'], 'in_review')
            self.assertEqual(got['version'], 2)
        status, _, doc = self.api.call('POST', path, {'action': 'suspend'})
        self.assertEqual(status, 422)
        self.assertEqual(doc['errors'][0]['field'], 'reason')
        status, _, doc = self.api.call('POST', path, {'action': 'suspend',
                                                      'reason': 'Manca il contratto'})
        self.assertEqual(status, 200)
        self.assertEqual(doc['deadline']['risk'], 'paused')
        status, _, doc = self.api.call('POST', path, {'action': 'approve'})
        self.assertEqual(status, 403)     # the key is a clerk's
        status, _, doc = self.api.call('POST', path, {'action': 'take'})
        self.assertEqual(status, 409)
        status, _, doc = self.api.call('POST', path, {'action': 'fly'})
        self.assertEqual(status, 422)
        status, _, doc = self.api.call('POST', path, {'action': 'resume',
                                                      'effective_on': '2026-13-01'})
        self.assertEqual(status, 422)
        status, _, doc = self.api.call('POST', path, {'action': 'resume'})
        self.assertEqual(status, 200)
        self.assertEqual([e['action'] for e in doc['events']],
                         ['submit', 'take', 'suspend', 'resume'])
        self.assertEqual(self.api.call('POST', '/api/v1/applications/999999/transitions',
                                       {'action': 'take'})[0], 404)

    def test_association_key(self):
        assoc = Api(self.server, ASSOC_KEY)
        status, _, doc = assoc.call('POST', '/api/v1/applications', application())
        self.assertEqual(status, 422)
        self.assertIn('consent', [e['field'] for e in doc['errors']])
        status, _, doc = assoc.call('POST', '/api/v1/applications',
                                    application(consent=True))
        self.assertEqual(status, 201)
        self.assertEqual(doc['channel'], 'association')
        self.assertEqual(doc['association_name'], 'Associazione Insieme')
        self.assertIsNotNone(doc['consent_at'])
        # With an association, a consent and no hosted persons, too, the
        # answer is the stored case.
        self.assertEqual(assoc.call('GET', f"/api/v1/applications/{doc['id']}")[2], doc)
        status, _, doc = assoc.call('POST', '/api/v1/applications',
                                    application(consent=True, hosted=[], payments=[]))
        self.assertEqual(status, 201)
        self.assertEqual((doc['persons'], doc['payments']),
                         ([{'kind': 'resident', 'surname': 'Chen',
                            'given_names': 'Ming', 'birth_date': None, 'relation': 'fratello',
                            'codice_fiscale': None}], []))
        self.assertEqual(assoc.call('GET', f"/api/v1/applications/{doc['id']}")[2], doc)
        status, _, listing = assoc.call('GET', '/api/v1/applications')
        self.assertEqual({c['association_id'] for c in listing['items']},
                         {doc['association_id']})
        self.assertEqual(assoc.call('GET', '/api/v1/applications/1')[0], 404)
        status, _, me = assoc.call('GET', '/api/v1/me')
        self.assertEqual(me['role'], 'association')


class OpenApiTest(unittest.TestCase):
    """docs/openapi.yaml describes exactly the API routes the router has."""

    def setUp(self):
        with open(os.path.join(ROOT, 'docs', 'openapi.yaml'), encoding='utf-8') as f:
            self.spec = yaml.safe_load(f)
        with open(os.path.join(ROOT, 'src', 'web', 'router.c'), encoding='utf-8') as f:
            src = f.read()
        self.routes = set()
        for method, pattern in re.findall(r'\{"(GET|POST)", "(/api/v1[^"]*|/healthz)"', src):
            self.routes.add((method.lower(), pattern))

    def test_paths_match_router(self):
        self.assertTrue(self.spec['openapi'].startswith('3.'))
        documented = set()
        for path, ops in self.spec['paths'].items():
            for method in ops:
                if method in ('get', 'post', 'put', 'patch', 'delete'):
                    documented.add((method, path))
        self.assertEqual(documented, self.routes)

    def test_every_operation_documents_errors(self):
        for path, ops in self.spec['paths'].items():
            for method, op in ops.items():
                if path == '/healthz':
                    continue
                with self.subTest(path=path, method=method):
                    self.assertIn('401', op['responses'])
                    self.assertIn('operationId', op)

    def test_schema_lists_the_intake_fields(self):
        with open(os.path.join(ROOT, 'src', 'domain', 'intake.c'), encoding='utf-8') as f:
            src = f.read()
        schemas = self.spec['components']['schemas']
        tables = {'applicant_fields': 'Applicant', 'dwelling_fields': 'Dwelling',
                  'room_fields': 'Room', 'person_fields': 'Person',
                  'payment_fields': 'Payment'}
        for table, schema in tables.items():
            body = src[src.index(f'static const struct field {table}[]'):]
            body = body[:body.index('{NULL, NULL')]
            fields = set(re.findall(r'\{"([a-z_]+)", N_', body))
            with self.subTest(schema=schema):
                props = set(schemas[schema]['properties'])
                if schema == 'Room':
                    props.discard('fixtures')
                self.assertEqual(props, fields)


class SearchTest(ServerTest):
    api_key = CLERK_KEY

    def test_search_by_name_cf_protocol_and_code(self):
        doc = application()
        doc['applicant']['surname'] = 'Rossì'
        doc['applicant']['given_names'] = 'Mario'
        rossi = self.api.call('POST', '/api/v1/applications', doc)[2]
        chen = self.api.call('POST', '/api/v1/applications', application())[2]

        def found(q):
            status, _, out = self.api.call('GET', '/api/v1/applications?q=' +
                                           urllib.parse.quote(q))
            self.assertEqual(status, 200)
            return {c['id'] for c in out['items']}
        self.assertEqual(found('rossi'), {rossi['id']})
        self.assertEqual(found('ROSSI M'), {rossi['id']})
        self.assertEqual(found('Rossì Mario'), {rossi['id']})
        self.assertNotIn(rossi['id'], found('rossa'))
        self.assertIn(chen['id'], found('CHNLIX00A01Z210P'))
        self.assertEqual(found(chen['protocol']), {chen['id']})
        self.assertEqual(found(chen['tracking_code'].lower()), {chen['id']})
        self.assertEqual(found('zzzz'), set())
        # By the certificate's number once it is issued (a protocol number
        # written the same way finds its case too).
        self.server.sql("UPDATE cases SET state = 'approved' WHERE id = ?", rossi['id'])
        self.assertEqual(self.api.call('POST', f"/api/v1/applications/{rossi['id']}/transitions",
                                       {'action': 'certificate_ready'})[0], 200)
        cert = self.api.call('GET', f"/api/v1/applications/{rossi['id']}")[2]['certificate']
        self.assertRegex(cert, r'^\d{4}/\d{7}$')
        self.assertIn(rossi['id'], found(cert))
        self.assertNotIn(chen['id'], found(cert))
        self.assertEqual(self.api.call('GET', '/api/v1/applications?q=')[0], 400)
        # The association finds only its own; the page shows the same.
        self.assertEqual(Api(self.server, ASSOC_KEY).call(
            'GET', '/api/v1/applications?q=rossi')[2]['items'], [])
        clerk = Browser(self.server)
        clerk.login('clerk')
        _, _, html = clerk.get('/cases?q=rossi')
        self.assertIn(f'data-case="{rossi["id"]}"', html)
        self.assertNotIn(f'data-case="{chen["id"]}"', html)
        vaiano = Browser(self.server)
        vaiano.login('vaiano')
        self.assertNotIn(f'data-case="{rossi["id"]}"', vaiano.get('/cases?q=rossi')[2])
