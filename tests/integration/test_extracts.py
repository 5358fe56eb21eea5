"""The anagrafe and TARI extracts (idoneo import-residents, import-tari):
atomic replacement, refusal of bad files, a run killed midway."""
import os
import re
import signal
import subprocess
import time
import unittest

from harness import BINARY, Server

# Valid codici fiscali of shared/reference/formats.md §3.5.
CFS = ['HUXWEI90H55Z210H', 'CHNLIX00A01Z210P', 'HXHRBN85T31Z100Y', 'PPSNAA92C45Z129H',
       'DPIMMD79R10Z343X', 'BNCGLI04B69G999V', 'THDSDA95P08Z330H']
HEADER = ('codice_fiscale;cognome;nome;data_nascita;cittadinanza;id_famiglia;indirizzo;'
          'civico;esponente;interno;scala;foglio;particella;subalterno')


def residents_csv(path, n, street='VIA MAGNOLFI', bad=0, sep=';'):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER.replace(';', sep) + '\n')
        for i in range(n):
            cf = 'NOTACF' if i < bad else CFS[i % len(CFS)]
            row = [cf, 'COGNOME%d' % i, 'Nome', '1990-06-15' if i % 2 else '15/06/1990',
                   'CINA', 'F%d' % (i // 3), street, str(1 + i % 90), '', str(i % 5), '',
                   '73', '259', str(1 + i % 9)]
            f.write(sep.join(row) + '\n')
    return path


def count(out, label):
    """A count of the summary the import prints."""
    return int(re.search(label + r'\s+(\d+)', out).group(1))


class ExtractTest(unittest.TestCase):

    def setUp(self):
        self.server = Server()

    def current(self, kind='residents'):
        rows = self.server.sql("SELECT id FROM imports WHERE kind = ? AND state = 'done' "
                               "ORDER BY id DESC", kind)
        return rows[0][0] if rows else None

    def test_replace_atomically_and_keep_on_bad_file(self):
        first = residents_csv(os.path.join(self.server.dir, 'a.csv'), 300)
        r = self.server.run('import-residents', '--comune', 'G999', first)
        self.assertEqual(count(r.stdout, 'rows loaded'), 300)
        one = self.current()
        self.assertEqual(self.server.sql('SELECT count(*) FROM residents'), [(300,)])
        # The next extract replaces it whole.
        second = residents_csv(os.path.join(self.server.dir, 'b.csv'), 120, street='VIA ROMA',
                               sep=',')
        self.server.run('import-residents', '--comune', 'G999', second)
        two = self.current()
        self.assertNotEqual(one, two)
        self.assertEqual(self.server.sql('SELECT import_id, count(*), min(street_key) '
                                         'FROM residents GROUP BY import_id'),
                         [(two, 120, 'ROMA')])
        # A file with many bad rows is refused and the extract in force stays.
        bad = residents_csv(os.path.join(self.server.dir, 'c.csv'), 100, bad=20)
        r = self.server.run('import-residents', '--comune', 'G999', bad, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn('righe non valide: 20 su 100', r.stderr)
        self.assertIn('riga 2, campo 1: codice fiscale non valido', r.stderr)
        self.assertEqual(self.current(), two)
        self.assertEqual(self.server.sql('SELECT import_id, count(*) FROM residents '
                                         'GROUP BY import_id'), [(two, 120)])
        # A few bad rows are reported and left out; the rest is in force.
        few = residents_csv(os.path.join(self.server.dir, 'd.csv'), 100, bad=2)
        r = self.server.run('import-residents', '--comune', 'G999', few)
        self.assertEqual(count(r.stdout, 'rows rejected'), 2)
        self.assertEqual(self.server.sql('SELECT count(*) FROM residents'), [(98,)])
        states = [s for (s,) in self.server.sql(
            "SELECT state FROM imports WHERE kind = 'residents' ORDER BY id")]
        self.assertEqual(states, ['done', 'done', 'refused', 'done'])

    def test_next_extract_writes_only_what_changed(self):
        first = residents_csv(os.path.join(self.server.dir, 'a.csv'), 50)
        self.server.run('import-residents', '--comune', 'G999', first)
        one = self.current()
        with open(first, encoding='utf-8') as f:
            lines = f.read().splitlines()
        # Next month: 5 people gone, 2 changed (a new surname), 3 new.
        rows = lines[1:]
        kept = rows[5:]
        kept[0] = kept[0].replace('COGNOME5;', 'COGNOMEX5;')
        kept[1] = kept[1].replace('COGNOME6;', 'COGNOMEX6;')
        new = [r.replace('COGNOME', 'NUOVO', 1) for r in rows[:3]]
        second = os.path.join(self.server.dir, 'b.csv')
        with open(second, 'w', encoding='utf-8') as f:
            f.write('\n'.join([lines[0]] + kept + new) + '\n')
        r = self.server.run('import-residents', '--comune', 'G999', second)
        self.assertEqual(count(r.stdout, 'rows loaded'), 48)
        self.assertEqual(count(r.stdout, 'of which unchanged'), 43)
        self.assertEqual(count(r.stdout, 'rows removed'), 7)
        two = self.current()
        # The rows that stayed were not written again.
        self.assertEqual(self.server.sql('SELECT import_id, count(*) FROM residents '
                                         'GROUP BY import_id ORDER BY 1'),
                         [(one, 43), (two, 5)])
        expected = sorted(tuple(x.split(';')[:2]) for x in kept + new)
        self.assertEqual(sorted(self.server.sql('SELECT codice_fiscale, surname '
                                                'FROM residents')), expected)
        # The same file again writes and removes nothing.
        r = self.server.run('import-residents', '--comune', 'G999', second)
        self.assertEqual(count(r.stdout, 'of which unchanged'), 48)
        self.assertEqual(count(r.stdout, 'rows removed'), 0)
        self.assertEqual(self.server.sql('SELECT count(*) FROM residents WHERE import_id > ?',
                                         two), [(0,)])

    def test_wrong_file_refused_before_writing(self):
        path = os.path.join(self.server.dir, 'x.csv')
        with open(path, 'w') as f:
            f.write('nome;cognome\nMARIO;ROSSI\n')
        r = self.server.run('import-residents', '--comune', 'G999', path, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn('manca la colonna obbligatoria "codice_fiscale"', r.stderr)
        self.assertEqual(self.server.sql('SELECT count(*) FROM imports'), [(0,)])
        # A field that never ends is refused before it takes the memory.
        with open(path, 'w') as f:
            f.write(HEADER + '\n"' + 'A' * (3 << 20) + '\n')
        r = self.server.run('import-residents', '--comune', 'G999', path, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn('oltre 1 MiB', r.stderr)
        # Several comuni here: which one must be said.
        good = residents_csv(os.path.join(self.server.dir, 'g.csv'), 5)
        r = self.server.run('import-residents', good, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn('--comune', r.stderr)

    def test_tari(self):
        path = os.path.join(self.server.dir, 'tari.csv')
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\ufeffCodice_Fiscale,Contribuente,Indirizzo,Civico,Interno,'
                    'Superficie_mq,Data_inizio,Data_fine\n'
                    'HUXWEI90H55Z210H,HU WEI,"Via Magnolfi",61/A,2,78,01/03/2019,\n'
                    '01234567890,"IMMOBILIARE ROSSI, SRL",V. Roma,12,,140,2015-01-01,'
                    '2020-12-31\n')
        r = self.server.run('import-tari', '--comune', 'G999', path)
        self.assertEqual(count(r.stdout, 'rows loaded'), 2)
        rows = self.server.sql('SELECT payer_cf, payer_name, street_key, number, esponente, '
                               'interno, area_m2, since, until FROM tari ORDER BY id')
        self.assertEqual(rows, [
            ('HUXWEI90H55Z210H', 'HU WEI', 'MAGNOLFI', 61, 'A', '2', 78, '2019-03-01', ''),
            ('01234567890', 'IMMOBILIARE ROSSI, SRL', 'ROMA', 12, '', '', 140, '2015-01-01',
             '2020-12-31')])

    def test_killed_midway_keeps_the_extract_in_force(self):
        first = residents_csv(os.path.join(self.server.dir, 'a.csv'), 50)
        self.server.run('import-residents', '--comune', 'G999', first)
        one = self.current()
        big = residents_csv(os.path.join(self.server.dir, 'big.csv'), 150000, street='VIA ROMA')
        proc = subprocess.Popen([BINARY, 'import-residents', '--quiet', '--comune', 'G999',
                                 '--db', self.server.db, big], env=self.server.env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            if self.server.sql('SELECT count(*) FROM residents WHERE import_id <> ?', one)[0][0]:
                break
            time.sleep(0.01)
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.assertTrue(alive, 'the import ended before it could be killed')
        # Readers still see the first extract, whole.
        self.assertEqual(self.current(), one)
        self.assertEqual(self.server.sql('SELECT count(*) FROM residents WHERE import_id = ?',
                                         one), [(50,)])
        self.server.sql("UPDATE imports SET heartbeat_at = '2000-01-01T00:00:00Z'")
        self.server.run('import-residents', '--quiet', '--comune', 'G999', big)
        self.assertEqual(self.server.sql('SELECT count(*) FROM residents'), [(150000,)])
        states = [s for (s,) in self.server.sql("SELECT state FROM imports ORDER BY id")]
        self.assertEqual(states, ['done', 'interrupted', 'done'])


if __name__ == '__main__':
    unittest.main()
