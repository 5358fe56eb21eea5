"""Eligibility through the command line, the API, the counter form and the
case, with rule sets added by an administrator."""
import json
import os
import re
import subprocess
import tempfile
import unittest

from harness import Browser, application, form_fields, BINARY, ROOT, CLERK_KEY, ServerTest

SAMPLE = {"rooms": [
    {"name": "Soggiorno", "use": "living", "area": 16.0, "height": 2.70, "window": 2.0},
    {"name": "Camera", "use": "bedroom", "area": 14.0, "height": 2.70, "window": 1.8},
    {"name": "Bagno", "use": "bathroom", "area": 5.0, "height": 2.40, "window": 0.6,
     "fixtures": ["wc", "bidet", "basin", "shower"]},
    {"name": "Ingresso", "use": "corridor", "area": 3.0, "height": 2.40}],
    "residents": 1, "requested": 1}


def cli(*args, stdin=None):
    env = dict(os.environ)
    env.pop('IDONEO_DB', None)
    return subprocess.run([BINARY, 'eligibility', *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=ROOT)


class CommandTest(unittest.TestCase):
    def test_documented_output(self):
        p = cli('-', stdin=json.dumps(SAMPLE))
        self.assertEqual(p.returncode, 0, p.stderr)
        out = json.loads(p.stdout)
        self.assertEqual(out['max_occupants'], 2)
        self.assertEqual(out['surface_capacity'], 2)
        self.assertEqual(out['bedroom_capacity'], 2)
        self.assertEqual(out['habitable_area'], '30.00')
        self.assertEqual(out['total_area'], '38.00')
        self.assertEqual(out['places_available'], 1)
        self.assertIs(out['fits'], True)
        self.assertEqual(out['binding'], 'surface_and_bedrooms')
        self.assertEqual(out['rule_set'], {'id': 'prato', 'version': 1})
        self.assertTrue(any('art. 2' in line for line in out['explanation']))

    def test_rule_sets_and_files(self):
        doc = {"rooms": [
            {"name": "Soggiorno", "use": "living", "area": 30, "height": 2.7, "window": 4},
            {"name": "Cucina", "use": "kitchen", "area": 12, "height": 2.7, "window": 1.5},
            {"name": "Camera", "use": "bedroom", "area": 14, "height": 2.7, "window": 1.8},
            {"name": "Camera 2", "use": "bedroom", "area": 14, "height": 2.7, "window": 1.8},
            {"name": "Bagno", "use": "bathroom", "area": 8, "height": 2.4, "extraction": True,
             "fixtures": ["wc", "bidet", "basin", "bath"]},
            {"name": "Ingresso", "use": "corridor", "area": 10, "height": 2.4}]}
        with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
            json.dump(doc, f)
        outs = {}
        for rules in ('prato', 'dm1975-total', 'bologna'):
            p = cli('--rules', rules, f.name)
            self.assertEqual(p.returncode, 0, p.stderr)
            outs[rules] = json.loads(p.stdout)
        # Habitable 70 m² → 5 by surface; total 88 m²: 7 (DM), 7 (table 56+30).
        self.assertEqual(outs['prato']['surface_capacity'], 5)
        self.assertEqual(outs['dm1975-total']['surface_capacity'], 7)
        self.assertEqual(outs['bologna']['surface_capacity'], 7)
        for o in outs.values():
            self.assertEqual(o['max_occupants'], 4)      # bedrooms bind
        with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as r:
            json.dump({'id': 'strict', 'version': 3, 'bedrooms_bind': False}, r)
        p = cli('--rules', r.name, f.name)
        self.assertEqual(json.loads(p.stdout)['max_occupants'], 5)
        self.assertEqual(json.loads(p.stdout)['rule_set'], {'id': 'strict', 'version': 3})
        os.unlink(f.name)
        os.unlink(r.name)

    def test_bad_input_exits_2_naming_room_and_field(self):
        cases = [
            ('{"rooms": [', 'invalid JSON'),
            ('{"rooms": [{"name": "Box", "use": "garage", "area": 5, "height": 2.4}]}',
             'rooms[0] "Box": use'),
            ('{"rooms": [{"name": "Camera", "use": "bedroom", "area": -9, "height": 2.7}]}',
             'rooms[0] "Camera": area'),
            ('{"rooms": [{"use": "bedroom", "height": 2.7}]}', 'rooms[0]: area'),
            ('{"rooms": [{"name": "S", "use": "living", "area": 14.125, "height": 2.7}]}',
             'area: al massimo due decimali'),
        ]
        for text, want in cases:
            with self.subTest(want=want):
                p = cli('-', stdin=text)
                self.assertEqual(p.returncode, 2)
                self.assertIn(want, p.stderr)
                self.assertEqual(p.stdout, '')
        p = cli('--rules', 'nowhere', '-', stdin=json.dumps(SAMPLE))
        self.assertEqual(p.returncode, 2)
        self.assertIn('nowhere', p.stderr)

    def test_a_dwelling_for_nobody_is_a_result(self):
        doc = {"rooms": [{"name": "Monolocale", "use": "living", "area": 23.9, "height": 2.7,
                          "window": 3},
                         {"name": "Bagno", "use": "bathroom", "area": 4, "height": 2.4,
                          "window": 0.5, "fixtures": ["wc", "bidet", "basin", "shower"]}]}
        p = cli('-', stdin=json.dumps(doc))
        self.assertEqual(p.returncode, 0)
        out = json.loads(p.stdout)
        self.assertEqual(out['max_occupants'], 0)
        self.assertEqual(out['binding'], 'single_room')
        self.assertTrue(any('art. 3' in line for line in out['explanation']))


class ServiceTest(ServerTest):
    api_key = CLERK_KEY

    def test_api_eligibility(self):
        status, _, doc = self.api.call('POST', '/api/v1/eligibility', SAMPLE)
        self.assertEqual(status, 200)
        self.assertEqual(doc['max_occupants'], 2)
        self.assertEqual(doc['rule_set']['id'], 'prato')
        bad = json.loads(json.dumps(SAMPLE))
        bad['rooms'][1]['area'] = 'tanti'
        status, resp, doc = self.api.call('POST', '/api/v1/eligibility', bad)
        self.assertEqual(status, 422)
        self.assertIn('rooms[1] "Camera": area', doc['detail'])

    def test_intake_stores_the_assessment(self):
        status, _, doc = self.api.call('POST', '/api/v1/applications', application())
        self.assertEqual(status, 201)
        a = doc['assessment']
        # Living 16 + bedroom 14: two places; one resident, one to host.
        self.assertEqual((a['max_occupants'], a['residents'], a['requested'],
                          a['places_available'], a['fits']), (2, 1, 1, 1, True))
        self.assertEqual((a['rule_set'], a['rule_version']), ('prato', 1))
        self.assertTrue(a['explanation'])
        clerk = Browser(self.server)
        clerk.login('clerk')
        _, _, html = clerk.get(f"/cases/{doc['id']}")
        self.assertIn('data-max="2"', html)
        self.assertIn('DM 5/7/1975', html)

    def test_preview_json_and_html(self):
        clerk = Browser(self.server)
        clerk.login('clerk')
        tok = clerk.csrf('/cases/new')
        stored = ("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM assessments), "
                  "(SELECT count(*) FROM rooms), (SELECT count(*) FROM audit "
                  "WHERE action <> 'login')")
        before = self.server.sql(stored)
        fields = form_fields({'rooms': application()['rooms'],
                              'residents': [{'surname': 'A', 'given_names': 'B'}]}, tok)
        status, resp, body = clerk.post('/cases/preview', fields,
                                        extra={'Accept': 'application/json'})
        self.assertEqual(status, 200)
        doc = json.loads(body)
        self.assertEqual((doc['max_occupants'], doc['places_available']), (2, 1))
        status, _, html = clerk.post('/cases/preview', fields)
        self.assertEqual(status, 200)
        self.assertIn('id="elig-max"', html)
        self.assertIn('Soggiorno', html)      # the form keeps what was typed
        bad = form_fields({'rooms': [{'name': 'X', 'use': 'living', 'area': '1,234',
                                      'height': '2,70'}]}, tok)
        status, _, body = clerk.post('/cases/preview', bad, extra={'Accept': 'application/json'})
        self.assertEqual(status, 422)
        self.assertIn('rooms.0.area', json.loads(body)['errors'])
        # A preview stores nothing: no case, no assessment, no room, no
        # audit row.
        self.assertEqual(self.server.sql(stored), before)

    def test_new_rule_version_and_reassessment(self):
        status, _, doc = self.api.call('POST', '/api/v1/applications', application(
            rooms=[{'name': 'Soggiorno', 'use': 'living', 'area': 16, 'height': 2.7, 'window': 2},
                   {'name': 'Camera', 'use': 'bedroom', 'area': 14, 'height': 2.7, 'window': 2},
                   {'name': 'Camera 2', 'use': 'bedroom', 'area': 14, 'height': 2.7, 'window': 2},
                   {'name': 'Cucina', 'use': 'kitchen', 'area': 12, 'height': 2.7, 'window': 2},
                   {'name': 'Bagno', 'use': 'bathroom', 'area': 5, 'height': 2.4, 'window': 1,
                    'fixtures': ['wc', 'bidet', 'basin', 'shower']}]))
        cid = doc['id']
        self.assertEqual(doc['assessment']['max_occupants'], 4)    # 56 m² habitable
        admin = Browser(self.server)
        admin.login('admin')
        tok = admin.csrf('/admin/rules')
        status, _, html = admin.post('/admin/rules', {'csrf': tok, 'definition': '{"id": "prato"'})
        self.assertEqual(status, 422)
        self.assertIn('JSON non valido', html)
        tok = admin.csrf('/admin/rules')
        status, _, html = admin.post('/admin/rules', {
            'csrf': tok, 'definition': json.dumps({'id': 'prato', 'version': 1})})
        self.assertEqual(status, 422)
        self.assertIn('esiste già', html)
        tok = admin.csrf('/admin/rules')
        status, _, _ = admin.post('/admin/rules', {'csrf': tok, 'definition': json.dumps(
            {'id': 'prato', 'version': 2, 'surface_basis': 'habitable',
             'kitchen_habitable': False})})
        self.assertEqual(status, 201)
        time.sleep(0)
        clerk = Browser(self.server)
        clerk.login('clerk')
        tok = clerk.csrf(f'/cases/{cid}')
        status, _, _ = clerk.post(f'/cases/{cid}/assess', {'csrf': tok})
        self.assertEqual(status, 303)
        status, _, doc = self.api.call('GET', f'/api/v1/applications/{cid}')
        a = doc['assessment']
        self.assertEqual((a['rule_set'], a['rule_version'], a['max_occupants']), ('prato', 2, 3))
        rows = self.server.sql('SELECT rule_version, max_occupants FROM assessments '
                               'WHERE case_id = ? ORDER BY id', cid)
        self.assertEqual(rows, [(1, 4), (2, 3)])
        self.assertEqual(self.server.sql("SELECT count(*) FROM audit WHERE action = 'rules_add'"),
                         [(1,)])

    def test_comune_switches_rule_set(self):
        admin = Browser(self.server)
        admin.login('admin')
        cid = self.server.sql("SELECT id FROM comuni WHERE code = 'L537'")[0][0]
        tok = admin.csrf(f'/admin/comuni/{cid}')
        fields = {'csrf': tok, 'office': 'Ufficio', 'signatory': 'Firma', 'term_days': '30',
                  'legal_term_days': '30', 'risk_days': '20,26', 'fee': '20', 'stamp': '16',
                  'stamps': '2', 'validity_months': '12', 'rule_set': 'unknown'}
        self.assertEqual(admin.post(f'/admin/comuni/{cid}', fields)[0], 422)
        fields['rule_set'] = 'bologna'
        self.assertEqual(admin.post(f'/admin/comuni/{cid}', fields)[0], 200)
        self.assertEqual(self.server.sql('SELECT rule_set FROM comuni WHERE id = ?', cid),
                         [('bologna',)])


import time  # noqa: E402  (used above)


class RoomEditTest(ServerTest):
    api_key = CLERK_KEY
    logins = ('clerk',)

    def test_edit_rooms_reassesses_and_records(self):
        cid = self.api.call('POST', '/api/v1/applications', application())[2]['id']
        status, _, html = self.clerk.get(f'/cases/{cid}/rooms')
        self.assertEqual(status, 200)
        self.assertIn('value="16,00"', html)
        self.assertRegex(html, r'name="rooms.2.fixtures" value="bidet" checked')
        tok = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
        rooms = application()['rooms']
        rooms[1]['area'] = '8,50'          # the inspection found a smaller room
        fields = form_fields({'rooms': rooms}, tok)
        # The live preview counts the case's stored persons (1 resident, 1 hosted).
        status, _, body = self.clerk.post('/cases/preview', fields + [('case_id', str(cid))],
                                          extra={'Accept': 'application/json'})
        self.assertEqual(json.loads(body)['max_occupants'], 0)
        self.assertIn('Residenti attuali 1', json.loads(body)['explanation'][-1])
        bad = form_fields({'rooms': [dict(rooms[0], area='-1')]}, tok)
        status, _, html = self.clerk.post(f'/cases/{cid}/rooms', bad)
        self.assertEqual(status, 422)
        self.assertEqual(self.server.sql('SELECT count(*) FROM rooms WHERE case_id = ?', cid),
                         [(3,)])
        status, _, _ = self.clerk.post(f'/cases/{cid}/rooms', fields)
        self.assertEqual(status, 303)
        self.assertEqual(self.server.sql('SELECT area FROM rooms WHERE case_id = ? '
                                         'ORDER BY position', cid), [(1600,), (850,), (500,)])
        doc = self.api.call('GET', f'/api/v1/applications/{cid}')[2]
        self.assertEqual(doc['assessment']['max_occupants'], 0)   # no bedroom left
        self.assertEqual(doc['events'][-1]['action'], 'rooms_update')
        self.assertEqual(self.server.sql("SELECT count(*) FROM audit WHERE action = "
                                         "'rooms_update' AND entity_id = ?", cid), [(1,)])
        _, _, html = self.clerk.get(f'/cases/{cid}')
        self.assertIn('Stanze modificate', html)

    def test_no_edits_after_approval(self):
        cid = self.api.call('POST', '/api/v1/applications', application())[2]['id']
        head = Browser(self.server)
        head.login('head')
        for action in ('take', 'approve'):
            tok = head.csrf(f'/cases/{cid}')
            self.assertEqual(head.post(f'/cases/{cid}/transition',
                                       {'csrf': tok, 'action': action})[0], 303)
        tok = head.csrf(f'/cases/{cid}')
        fields = form_fields({'rooms': application()['rooms']}, tok)
        status, _, html = head.post(f'/cases/{cid}/rooms', fields)
        self.assertEqual(status, 409)
        self.assertIn('approvata', html)
