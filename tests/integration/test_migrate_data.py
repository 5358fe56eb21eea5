"""idoneo migrate-data moves a comune's SQLite database to PostgreSQL with
every id, and the installation goes on there as if nothing happened."""
import os
import subprocess
import unittest

from harness import Api, Browser, Server, application, BINARY, ROOT, CLERK_KEY
from test_schema import pg_admin


class MigrateDataTest(unittest.TestCase):
    def test_sqlite_to_postgresql(self):
        import psycopg2
        lite = Server(now='2026-11-02T09:00:00Z', pg=False).start()
        admin, own = pg_admin()
        try:
            api = Api(lite, CLERK_KEY)
            ids = [api.call('POST', '/api/v1/applications', application())[2]['id']
                   for _ in range(3)]
            api.call('POST', f'/api/v1/applications/{ids[0]}/transitions', {'action': 'take'})
            api.call('POST', f'/api/v1/applications/{ids[0]}/transitions',
                     {'action': 'suspend', 'reason': 'Manca la planimetria'})
            before = {i: api.call('GET', f'/api/v1/applications/{i}')[2] for i in [1, 2] + ids}
            self.assertEqual(lite.stop(), 0)

            name = 'idoneo_move_%d' % os.getpid()
            con = psycopg2.connect(admin)
            con.autocommit = True
            con.cursor().execute(f'CREATE DATABASE {name}')
            con.close()
            target = admin.rsplit('/', 1)[0] + '/' + name
            p = subprocess.run([BINARY, 'migrate-data', '--from', lite.db, '--to', target],
                               capture_output=True, text=True, cwd=ROOT)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn('cases            5 rows', p.stdout)
            # The messages moved with their whole history.
            history = lite_rows(lite, 'SELECT message_id, status, at FROM message_status '
                                      'ORDER BY id')
            self.assertGreater(len(history), 0)
            self.assertIn(f'message_status   {len(history)} rows', p.stdout)
            # Twice is refused, and changes nothing.
            p = subprocess.run([BINARY, 'migrate-data', '--from', lite.db, '--to', target],
                               capture_output=True, text=True, cwd=ROOT)
            self.assertEqual(p.returncode, 1)
            self.assertIn('already holds data', p.stdout)

            moved = Server.__new__(Server)
            moved.__dict__.update(lite.__dict__)
            moved.db, moved.pg, moved.proc = target, admin, None
            moved.start()
            try:
                api = Api(moved, CLERK_KEY)
                for i, doc in before.items():
                    with self.subTest(case=i):
                        self.assertEqual(api.call('GET', f'/api/v1/applications/{i}')[2], doc)
                Browser(moved).login('head')       # passwords moved too
                status, _, new = api.call('POST', '/api/v1/applications', application())
                self.assertEqual(status, 201)
                self.assertEqual(new['id'], max(before) + 1)
                self.assertEqual(new['protocol'], '2026/0000006')
                self.assertEqual([tuple(r) for r in moved.sql(
                    'SELECT message_id, status, at FROM message_status ORDER BY id')][
                        :len(history)], history)
                self.assertEqual(moved.sql('SELECT count(*) FROM audit')[0][0],
                                 lite_audit(lite) + 1 + 1)    # + login + intake
            finally:
                self.assertEqual(moved.stop(), 0)
        finally:
            if own:
                subprocess.run([os.path.join(ROOT, 'tests', 'pg'), 'stop', own])


def lite_rows(server, query):
    import sqlite3
    con = sqlite3.connect(server.db)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def lite_audit(server):
    import sqlite3
    con = sqlite3.connect(server.db)
    try:
        return con.execute('SELECT count(*) FROM audit').fetchone()[0]
    finally:
        con.close()
