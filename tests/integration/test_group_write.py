"""Group writes on PostgreSQL: applications that wait while another is
being written go in together, one statement per table, and each still gets
exactly its own rows and a gap-free protocol number; when a group fails,
its applications are written one at a time and only the faulty one is
refused.  Runs on PostgreSQL in both runs of the suite (group writes exist
only there).

To make a group form for certain, a trigger holds the write of one
application ('Lento') for two seconds and a half: the server has one writer,
so the applications sent meanwhile wait, and the next group takes them all.
They are sent a tenth of a second apart, so that each finds a server thread
free to take it (a thread that took two connections at once would answer
the second only after the first).
"""
import hashlib
import os
import subprocess
import threading
import time
import unittest

from harness import Api, Server, application, run_threads, stop_all, ROOT, CLERK_KEY, ASSOC_KEY
from test_schema import pg_admin

HOLD = """
CREATE FUNCTION test_hold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.surname = 'Lento' THEN PERFORM pg_sleep(2.5); END IF;
    IF NEW.surname = 'Rifiutato' THEN RAISE EXCEPTION 'refused by the test'; END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER test_hold BEFORE INSERT ON applicants
    FOR EACH ROW EXECUTE FUNCTION test_hold();
"""


# Names as an application may give them, and the list's name and code.
COUNTRIES = (('vietnam', 'Vietnam', 'VN'), ('CN', 'Cina', 'CN'),
             ('Repubblica Ceca', 'Cechia', 'CZ'))


def varied(i):
    """Application i, each unlike the others: its own names, notes with the
    characters an array literal must escape, its own numbers of rooms,
    persons and payments."""
    doc = application(notes=f'n.{i}: "virgolette", \\barra\\, {{graffe}}, NULL, à è ì',
                      consent=True)
    doc['applicant'] = dict(doc['applicant'], surname=f"D'Angelo{'x' * i}",
                            given_names=f'Nguyễn {i}', codice_fiscale=None,
                            cf_missing_reason='appena arrivata, "da" {Hanoi} \\',
                            citizenship=COUNTRIES[i % 3][0],
                            birth_country=COUNTRIES[(i + 1) % 3][0])
    doc['rooms'] = doc['rooms'][:1 + i % 3]
    doc['residents'] = [{'surname': f'Res{i}', 'given_names': f'R{k}', 'relation': 'altro'}
                        for k in range(i % 4)]
    doc['payments'] = doc['payments'][:i % 3]
    return doc


class GroupWriteTest(unittest.TestCase):
    def setUp(self):
        admin, self.own = pg_admin()
        self.server = Server(threads=16, extra_env={'IDONEO_WRITERS': '1'}, pg=admin)
        self.server.sql(HOLD)
        self.server.start()

    def tearDown(self):
        try:
            self.server.stop()
        finally:
            if self.own:
                subprocess.run([os.path.join(ROOT, 'tests', 'pg'), 'stop', self.own])

    def burst(self, docs, key=CLERK_KEY):
        """Sends 'Lento' and, while it is held, docs all at once.  Returns
        the (status, answer) of each of docs, in order."""
        results = [None] * len(docs)
        slow_status = []

        def send(i, doc):
            results[i] = Api(self.server, key).call('POST', '/api/v1/applications', doc)

        def send_slow(doc):
            slow_status.append(Api(self.server, CLERK_KEY).call(
                'POST', '/api/v1/applications', doc)[0])

        slow = application()
        slow['applicant'] = dict(slow['applicant'], surname='Lento')
        first = threading.Thread(target=send_slow, args=(slow,))
        first.start()
        time.sleep(0.5)
        threads = [threading.Thread(target=send, args=(i, d)) for i, d in enumerate(docs)]
        for t in threads:
            t.start()
            time.sleep(0.1)
        for t in threads:
            t.join()
        first.join()
        # Checked here, in the test's thread, where a failure is seen.
        self.assertEqual(slow_status, [201])
        self.assertNotIn(None, results)
        return [(r[0], r[2]) for r in results]

    def log(self):
        self.server.stop()
        with open(os.path.join(self.server.dir, 'server.log'), encoding='utf-8') as f:
            return f.read()

    def test_a_group_gives_each_application_its_own_rows(self):
        self.maxDiff = None
        docs = [varied(i) for i in range(12)]
        answers = self.burst(docs[:9]) + self.burst(docs[9:], key=ASSOC_KEY)
        for i, (doc, (status, got)) in enumerate(zip(docs, answers)):
            self.assertEqual(status, 201, got)
            # The answer is the case as a later read by the sender gives it...
            api = Api(self.server, CLERK_KEY if i < 9 else ASSOC_KEY)
            self.assertEqual(api.call('GET', f"/api/v1/applications/{got['id']}")[2], got)
            # ...and it is this application's, not a neighbour's.
            for k in ('surname', 'given_names', 'cf_missing_reason'):
                self.assertEqual(got[k], doc['applicant'][k])
            self.assertEqual(got['notes'], doc['notes'])
            # Each country's name and ISO code (migration 0019).
            self.assertEqual((got['citizenship'], got['citizenship_code'],
                              got['birth_country'], got['birth_country_code']),
                             COUNTRIES[i % 3][1:] + COUNTRIES[(i + 1) % 3][1:])
            self.assertEqual([r['name'] for r in got['rooms']],
                             [r['name'] for r in doc['rooms']])
            self.assertEqual([p['surname'] for p in got['persons']],
                             [r['surname'] for r in doc['residents']] + ['Chen'])
            self.assertEqual([p['reference'] for p in got['payments']],
                             [p['reference'] for p in doc['payments']])
            self.assertEqual(len(got['documents']), 8)
            self.assertEqual([e['action'] for e in got['events']], ['submit'])
            self.assertIsNotNone(got['assessment'])
        self.assertEqual({a[1]['association_name'] for a in answers[9:]},
                         {'Associazione Insieme'})
        nums = [r[0] for r in self.server.sql(
            'SELECT protocol_no FROM cases WHERE comune_id = 1 ORDER BY protocol_no')]
        # The two demo cases, two held ones and the twelve: 1 to 16, no gap.
        self.assertEqual(nums, list(range(1, 17)))
        stats = [line for line in self.log().splitlines() if 'written in' in line]
        self.assertEqual(len(stats), 1, stats)
        words = stats[0].split()
        apps, groups = int(words[words.index('applications') - 1]), int(words[-2])
        self.assertEqual(apps, 14)
        # The held two each went alone, the nine and the three each in one
        # group.
        self.assertEqual(groups, 4, stats[0])

    def test_a_failing_group_is_written_one_at_a_time(self):
        docs = [varied(i) for i in range(6)]
        bad = application()
        bad['applicant'] = dict(bad['applicant'], surname='Rifiutato')
        answers = self.burst(docs[:3] + [bad] + docs[3:])
        statuses = [s for s, _ in answers]
        self.assertEqual(statuses, [201, 201, 201, 500, 201, 201, 201])
        self.assertEqual(self.server.sql(
            "SELECT count(*) FROM applicants WHERE surname = 'Rifiutato'")[0][0], 0)
        stored = {r[0] for r in self.server.sql('SELECT id FROM cases')}
        for s, got in answers:
            if s == 201:
                self.assertIn(got['id'], stored)
        nums = [r[0] for r in self.server.sql(
            'SELECT protocol_no FROM cases WHERE comune_id = 1 ORDER BY protocol_no')]
        self.assertEqual(nums, list(range(1, 10)))
        self.assertIn('a group of 7 applications failed; writing them one at a time',
                      self.log())


class TwoProcessesTwoComuniTest(unittest.TestCase):
    """Two server processes, each with its one writer, take applications
    for two comuni at once: groups hold both comuni, each takes its two
    counters in the same order, and every comune's numbers stay gap-free."""

    def test_groups_of_two_comuni_from_two_processes(self):
        admin, own = pg_admin()
        first = Server(threads=16, extra_env={'IDONEO_WRITERS': '1'}, pg=admin)
        vaiano_key = 'test-vaiano-clerk-key-0123456789abcdef0123'
        first.sql("INSERT INTO api_keys (comune_id, name, role, prefix, key_hash, created_at) "
                  "SELECT id, 'test', 'clerk', ?, ?, '2026-01-01T00:00:00Z' FROM comuni "
                  "WHERE code = 'L537'", vaiano_key[:8],
                  hashlib.blake2b(vaiano_key.encode(), digest_size=32).hexdigest())
        first.start()
        second = first.twin('second.log').start()
        failures = []
        try:
            def submit(server, key):
                api = Api(server, key)
                for _ in range(12):
                    status, _, doc = api.call('POST', '/api/v1/applications', application())
                    if status != 201:
                        failures.append((status, doc))
            run_threads(*[(submit, srv, key) for srv in (first, second)
                          for key in (CLERK_KEY, vaiano_key) for _ in range(3)])
            self.assertEqual(failures, [])
            for code, before in (('G999', 2), ('L537', 0)):
                nums = [r[0] for r in first.sql(
                    'SELECT protocol_no FROM cases c JOIN comuni m ON m.id = c.comune_id '
                    'WHERE m.code = ? ORDER BY protocol_no', code)]
                # Two processes × three threads × twelve each.
                self.assertEqual(nums, list(range(1, before + 73)), code)
        finally:
            try:
                stop_all(second, first)
            finally:
                if own:
                    subprocess.run([os.path.join(ROOT, 'tests', 'pg'), 'stop', own])
        written = 0
        groups = 0
        for name in ('server.log', 'second.log'):
            with open(os.path.join(first.dir, name), encoding='utf-8') as f:
                for line in f:
                    if 'written in' in line:
                        words = line.split()
                        written += int(words[words.index('applications') - 1])
                        groups += int(words[-2])
        self.assertEqual(written, 144)
        self.assertLess(groups, 144)

