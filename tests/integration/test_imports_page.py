"""The administrator's import page: files uploaded with multipart/form-data,
checked at once, imported in the background with the progress and the
history on the page."""
import os
import subprocess
import time
import unittest

from harness import ROOT, ServerTest
from test_estate_web import FAB, RESIDENTS


def synthetic_fab(server, units):
    """A synthetic FAB supply of comune B626 (tools/fabgen), as bytes."""
    path = os.path.join(server.dir, f'B626-{units}.FAB')
    subprocess.run([os.path.join(ROOT, 'tools', 'fabgen'), '--units', str(units),
                    '--comune', 'B626', '--out', path], check=True)
    with open(path, 'rb') as f:
        return f.read()


class UploadsTest(ServerTest):
    """A server whose uploads land in a folder of their own (cls.tmp), to
    see what is on disk, with the administrator logged in."""
    logins = ('admin',)

    @classmethod
    def prepare(cls, server):
        cls.tmp = os.path.join(server.dir, 'uploads')
        os.mkdir(cls.tmp)
        server.extra_env['TMPDIR'] = cls.tmp


class ImportsPageTest(UploadsTest):

    def upload(self, kind, name, data, comune='1'):
        tok = self.admin.csrf('/admin/imports')
        fields = [('csrf', tok), ('comune', comune)] + ([('kind', kind)] if kind else [])
        files = [('file', name, data)] if data is not None else []
        return self.admin.post_multipart('/admin/imports', fields, files)

    def wait_done(self, kind):
        deadline = time.time() + 60
        while time.time() < deadline:
            rows = self.server.sql("SELECT state FROM imports WHERE kind = ? AND comune_id = 1 "
                                   "ORDER BY id DESC", kind)
            if rows and rows[0][0] != 'running':
                return rows[0][0]
            time.sleep(0.1)
        self.fail('the import did not finish')

    def test_upload_check_and_history(self):
        status, _, page = self.admin.get('/admin/imports')
        self.assertEqual(status, 200)
        self.assertIn('enctype="multipart/form-data"', page)
        self.assertIn('<code>codice_fiscale</code>', page)
        # A CSV offered as a FAB supply is refused on the spot.
        status, _, page = self.upload('cadastre', 'residenti.csv', RESIDENTS.encode())
        self.assertEqual(status, 422)
        self.assertIn('File rifiutato, nulla è stato importato', page)
        self.assertIn('non è una fornitura catastale FAB', page)
        self.assertEqual(self.server.sql('SELECT count(*) FROM imports WHERE comune_id = 1'),
                         [(0,)])
        # Nothing chosen, nothing sent.
        status, _, page = self.upload(None, 'x.FAB', FAB.encode())
        self.assertEqual(status, 422)
        status, _, page = self.upload('cadastre', '', None)
        self.assertEqual(status, 422)
        self.assertIn('Scegli un file da caricare', page)
        # A FAB file of Prato: imported in the background.
        status, resp, _ = self.upload('cadastre', 'G999_1.FAB', FAB.encode())
        self.assertEqual(status, 303)
        self.assertIn('started=1', resp.getheader('Location'))
        self.assertEqual(self.wait_done('cadastre'), 'done')
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastral_units '
                                         'WHERE comune_id = 1'), [(3,)])
        status, _, page = self.admin.get('/admin/imports?comune=1')
        self.assertIn('G999_1.FAB', page)
        self.assertRegex(page, r'inserite 3 · aggiornate 0 · invariate 0')
        self.assertEqual(self.server.sql("SELECT actor FROM audit WHERE action = "
                                         "'import_finish' AND comune_id = 1"), [('user:1',)])
        # It ran as a job of the worker: queued with an audit row, claimed
        # once, done.
        self.assertEqual(self.server.sql("SELECT count(*) FROM jobs WHERE kind = 'import' "
                                         "AND payload LIKE ? AND done_at IS NOT NULL "
                                         "AND attempts = 1", '%G999_1.FAB%'), [(1,)])
        self.assertEqual(self.server.sql("SELECT actor FROM audit WHERE action = "
                                         "'import_queue' AND comune_id = 1"), [('user:1',)])
        # Another comune's supply is refused for this comune.
        other = FAB.replace('G999|', 'B626|')
        status, _, page = self.upload('cadastre', 'B626.FAB', other.encode())
        self.assertEqual(status, 422)
        self.assertIn('B626', page)
        # The anagrafe extract.
        status, _, _ = self.upload('residents', 'residenti.csv', RESIDENTS.encode())
        self.assertEqual(status, 303)
        self.assertEqual(self.wait_done('residents'), 'done')
        self.assertEqual(self.server.sql('SELECT count(*) FROM residents'), [(3,)])
        # No uploaded file is left behind.
        time.sleep(0.2)
        self.assertEqual(os.listdir(self.tmp), [])

    def test_large_upload_streams(self):
        data = synthetic_fab(self.server, 40000)
        self.assertGreater(len(data), 3 * 1024 * 1024)
        status, _, _ = self.upload('cadastre', 'big.FAB', data, comune='2')
        self.assertEqual(status, 303)
        comune = self.server.sql("SELECT id FROM comuni WHERE code = 'B626'")[0][0]
        self.assertEqual(comune, 2)
        deadline = time.time() + 120
        seen_running = False
        while time.time() < deadline:
            status, _, page = self.admin.get('/admin/imports?comune=2')
            if 'data-state="running"' in page:
                seen_running = True
                self.assertIn('http-equiv="refresh"', page)
            if 'data-state="done"' in page:
                break
            time.sleep(0.2)
        self.assertIn('data-state="done"', page)
        self.assertNotIn('http-equiv="refresh"', page)
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastral_units '
                                         'WHERE comune_id = 2'), [(40000,)])
        del seen_running

    def test_multipart_only_where_files_are_taken(self):
        tok = self.admin.csrf('/admin/rules')
        status, _, _ = self.admin.post_multipart('/admin/rules', [('csrf', tok)],
                                                 [('file', 'x.json', b'{}')])
        self.assertIn(status, (400, 403))
        self.assertEqual(os.listdir(self.tmp), [])


class KilledImportTest(UploadsTest):
    """A server killed in the middle of a web import: the import's job is
    claimed again when its claim lapses (IDONEO_IMPORT_TIMEOUT, 3 s here),
    the dead run is marked interrupted, and the import runs to its end with
    nothing lost and no file left behind."""
    server_args = {'extra_env': {'IDONEO_IMPORT_TIMEOUT': '3'}}

    def test_a_killed_import_is_taken_over(self):
        data = synthetic_fab(self.server, 60000)
        tok = self.admin.csrf('/admin/imports')
        status, _, _ = self.admin.post_multipart(
            '/admin/imports', [('csrf', tok), ('comune', '2'), ('kind', 'cadastre')],
            [('file', 'big.FAB', data)])
        self.assertEqual(status, 303)
        deadline = time.time() + 60
        while time.time() < deadline:
            rows = self.server.sql("SELECT state FROM imports WHERE comune_id = 2")
            if rows == [('running',)]:
                break
            time.sleep(0.05)
        self.assertEqual(rows, [('running',)])
        self.server.kill9()
        self.server.start()
        deadline = time.time() + 120
        while time.time() < deadline:
            states = sorted(r[0] for r in self.server.sql(
                "SELECT state FROM imports WHERE comune_id = 2"))
            if 'done' in states:
                break
            time.sleep(0.2)
        self.assertEqual(states, ['done', 'interrupted'])
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastral_units '
                                         'WHERE comune_id = 2'), [(60000,)])
        self.assertEqual(self.server.sql("SELECT attempts, done_at IS NOT NULL FROM jobs "
                                         "WHERE kind = 'import'"), [(2, 1)])
        self.assertEqual(os.listdir(self.tmp), [])


if __name__ == '__main__':
    unittest.main()
