"""Several server processes on one database: protocol numbers stay unique
and gap-free under concurrent intake, and no accepted application is lost.
On SQLite the processes share the file (WAL); on PostgreSQL, the server."""
import threading
import unittest

from harness import Api, Server, application, CLERK_KEY


class ConcurrentIntakeTest(unittest.TestCase):
    def test_two_processes_number_without_gaps(self):
        first = Server().start()
        second = Server.__new__(Server)
        second.__dict__.update(first.__dict__)      # same database, own process
        second.proc = None
        second.start()
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
            threads = [threading.Thread(target=submit, args=(s, 15))
                       for s in (first, second, first, second)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
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
            second.stop()
            first.stop()
