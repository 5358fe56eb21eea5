"""idoneo keeps serving after its PostgreSQL server restarts: every
connection of every thread reconnects on its next request."""
import os
import subprocess
import unittest

from harness import Api, Server, application, ROOT, CLERK_KEY
from test_schema import pg_admin


class PgRestartTest(unittest.TestCase):
    def test_requests_after_a_database_restart(self):
        admin, own = pg_admin()
        pgdir = own or os.environ.get('IDONEO_PG_DIR')
        self.assertTrue(pgdir, 'tests/run exports IDONEO_PG_DIR')
        server = Server(pg=admin).start()
        try:
            api = Api(server, CLERK_KEY)
            cid = api.call('POST', '/api/v1/applications', application())[2]['id']
            for _ in range(8):      # warm every thread's connection
                self.assertEqual(api.call('GET', f'/api/v1/applications/{cid}')[0], 200)
            subprocess.run([os.path.join(ROOT, 'tests', 'pg'), 'restart', pgdir], check=True)
            # Writes first: a transaction's BEGIN is the first thing to meet
            # the dead connection.
            for _ in range(8):
                status, _, doc = api.call('POST', '/api/v1/applications', application())
                self.assertEqual(status, 201)
            for _ in range(8):
                self.assertEqual(api.call('GET', f'/api/v1/applications/{cid}')[0], 200)
            self.assertEqual(api.call('POST', f"/api/v1/applications/{doc['id']}/transitions",
                                      {'action': 'take'})[0], 200)
        finally:
            try:
                server.stop()
            finally:
                if own:
                    subprocess.run([os.path.join(ROOT, 'tests', 'pg'), 'stop', own])
