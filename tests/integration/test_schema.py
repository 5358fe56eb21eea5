"""The SQLite and PostgreSQL migrations build the same schema: the same
tables, columns, nullability, kinds of value and indexes."""
import os
import sqlite3
import subprocess
import tempfile
import unittest

from harness import BINARY, ROOT, free_port


def pg_admin():
    """The test PostgreSQL server: the one tests/run started, or our own."""
    url = os.environ.get('IDONEO_PG_ADMIN')
    if url:
        return url, None
    d = tempfile.mkdtemp(prefix='idoneo-pg-')
    os.chmod(d, 0o755)
    url = subprocess.run([os.path.join(ROOT, 'tests', 'pg'), 'start', d, str(free_port())],
                         capture_output=True, text=True, check=True).stdout.strip()
    return url, d


def kind(t):
    t = t.lower()
    return 'int' if 'int' in t else 'text' if t in ('text', 'character varying') else t


class SchemaTest(unittest.TestCase):
    def test_same_schema_on_both_databases(self):
        import psycopg2
        admin, own = pg_admin()
        try:
            con = psycopg2.connect(admin)
            con.autocommit = True
            name = 'idoneo_schema_%d' % os.getpid()
            con.cursor().execute(f'CREATE DATABASE {name}')
            con.close()
            pg_url = admin.rsplit('/', 1)[0] + '/' + name
            lite = os.path.join(tempfile.mkdtemp(), 'schema.db')
            for db in (lite, pg_url):
                subprocess.run([BINARY, 'migrate', '--db', db], check=True,
                               capture_output=True, cwd=ROOT)

            s = sqlite3.connect(lite)
            tables = [r[0] for r in s.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            lite_cols = {}
            for t in tables:
                for _, name, typ, notnull, _, pk in s.execute(f'PRAGMA table_info({t})'):
                    lite_cols[(t, name)] = (kind(typ), bool(notnull or pk))
            lite_idx = {r[0] for r in s.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND name NOT LIKE 'sqlite_%'")}
            lite_views = {r[0] for r in s.execute(
                "SELECT name FROM sqlite_master WHERE type = 'view'")}
            # The triggers that keep the dashboard's totals (0026).
            lite_tallies = {r[0] for r in s.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'tallies%'")}
            s.close()

            p = psycopg2.connect(pg_url)
            cur = p.cursor()
            cur.execute("SELECT c.table_name, c.column_name, c.data_type, c.is_nullable "
                        "FROM information_schema.columns c JOIN information_schema.tables "
                        "t USING (table_schema, table_name) WHERE c.table_schema = "
                        "'public' AND t.table_type = 'BASE TABLE'")
            pg_cols = {(t, c): (kind(ty), n == 'NO') for t, c, ty, n in cur.fetchall()}
            cur.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' "
                        "AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'")
            pg_idx = {r[0] for r in cur.fetchall()}
            cur.execute("SELECT table_name FROM information_schema.views "
                        "WHERE table_schema = 'public'")
            pg_views = {r[0] for r in cur.fetchall()}
            cur.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'tallies%'")
            pg_tallies = {r[0] for r in cur.fetchall()}
            p.close()

            self.assertEqual(sorted(set(t for t, _ in pg_cols)), tables)
            self.assertEqual(pg_cols, lite_cols)
            self.assertEqual(pg_idx, lite_idx)
            self.assertEqual(pg_views, lite_views)
            self.assertEqual(pg_tallies, lite_tallies)
            self.assertEqual(len(lite_tallies), 17)
        finally:
            if own:
                subprocess.run([os.path.join(ROOT, 'tests', 'pg'), 'stop', own])
