"""Several server processes on one database: protocol numbers stay unique
and gap-free under concurrent intake, and no accepted application is lost;
certificate numbers stay unique and gap-free when certificates are issued
at once.  On SQLite the processes share the file (WAL); on PostgreSQL, the
server."""
import threading
import unittest

from harness import Api, Server, application, run_threads, stop_all, CLERK_KEY


def two_servers():
    """Two server processes on one database."""
    first = Server().start()
    return first, first.twin().start()


class ConcurrentIntakeTest(unittest.TestCase):
    def test_two_processes_number_without_gaps(self):
        first, second = two_servers()
        accepted = []
        lock = threading.Lock()
        try:
            def submit(server, n):
                api = Api(server, CLERK_KEY)
                for _ in range(n):
                    status, _, doc = api.call('POST', '/api/v1/applications', application())
                    self.assertEqual(status, 201)
                    with lock:
                        accepted.append((doc['id'], doc['protocol']))
            run_threads(*[(submit, s, 15) for s in (first, second, first, second)])
            self.assertEqual(len(accepted), 60)
            protocols = [p for _, p in accepted]
            self.assertEqual(len(set(protocols)), 60)
            nums = [r[0] for r in first.sql('SELECT protocol_no FROM cases WHERE comune_id = 1 '
                                             'ORDER BY protocol_no')]
            # The two demo cases and the sixty new ones: 1 to 62, no gap.
            self.assertEqual(nums, list(range(1, 63)))
            stored = {r[0] for r in first.sql('SELECT id FROM cases')}
            self.assertTrue({cid for cid, _ in accepted} <= stored)
        finally:
            stop_all(second, first)

    def test_certificates_issued_at_once_number_without_gaps(self):
        first, second = two_servers()
        try:
            api = Api(first, CLERK_KEY)
            ids = []
            for _ in range(24):
                status, _, doc = api.call('POST', '/api/v1/applications', application())
                self.assertEqual(status, 201)
                self.assertIsNone(doc['certificate'])
                ids.append(doc['id'])
            # Approval is the head's; the test puts the cases there directly.
            first.sql("UPDATE cases SET state = 'approved' WHERE id IN (%s)"
                      % ', '.join('?' * len(ids)), *ids)
            issued = []
            lock = threading.Lock()

            def issue(server, mine):
                api = Api(server, CLERK_KEY)
                for cid in mine:
                    status, _, _ = api.call('POST', f'/api/v1/applications/{cid}/transitions',
                                            {'action': 'certificate_ready'})
                    self.assertEqual(status, 200)
                    status, _, doc = api.call('GET', f'/api/v1/applications/{cid}')
                    with lock:
                        issued.append(doc['certificate'])
            run_threads(*[(issue, s, ids[k::4])
                          for k, s in enumerate((first, second, first, second))])
            self.assertEqual(len(issued), 24)
            self.assertEqual(len(set(issued)), 24)
            rows = first.sql('SELECT certificate_year, certificate_no FROM cases '
                             'WHERE certificate_no IS NOT NULL ORDER BY certificate_no')
            self.assertEqual([r[1] for r in rows], list(range(1, 25)))
            self.assertEqual(sorted(issued), ['%d/%07d' % r for r in rows])
        finally:
            stop_all(second, first)
