"""The cadastral import (idoneo import-cadastre) and lookup (idoneo cadastre
find) on files written by tools/fabgen and by hand, on SQLite and on
PostgreSQL alike."""
import json
import os
import re
import signal
import subprocess
import time
import unittest

from harness import BINARY, ROOT, Server

FABGEN = os.path.join(ROOT, 'tools', 'fabgen')

UNIT_TABLES = {
    'cadastral_units': 'comune_id, sezione, immobile, progressivo, category, residential, '
                       'classe, consistenza, measure, superficie, rendita_cents, zona, scala, '
                       'interno, piano, partita, annotazione, opened_on, fingerprint',
    # Children by their unit's key: ids may differ after a rolled-back run.
    'cadastral_idents c JOIN cadastral_units u ON u.id = c.unit_id':
        'u.immobile, c.position, c.comune_id, sezione_urbana, foglio, particella, '
        'denominatore, subalterno, edificialita',
    'cadastral_addresses c JOIN cadastral_units u ON u.id = c.unit_id':
        'u.immobile, c.position, c.comune_id, toponimo, dug, street, civico, '
        'street_key, number, esponente, codice_strada',
}

# Lines of formats.md §1.5 moved to Prato (G999), with a closed situation,
# a merged unit, accents and CRLF line ends.
HAND_MADE = '\r\n'.join([
    'G999| |1009007|F|1|1||A02|01|11||1760000|908,96||||||S1|T|0001||09011988|05101998|V|'
    '000697|000|1988|||||||0000860|P. 698/88|1108197||||VAR|AMPLIAMEN,|||',
    'G999| |1009007|F|1|2||0012|00073||0003||',
    'G999| |1009007|F|1|3|236|FRA` BARTOLOMEO|000031|||18|',
    'G999| |1009015|F|1|1||C02|01|103|103|267800|138,31||||||T||||19012001|19012001|V|000607|'
    '001|2001|19012005|19012005|V|000608|001|2005|||1464349||||VCL|VARIAZIONE DI CLASSAMENTO'
    '|||5',
    'G999| |1009015|F|2|1||C02|02|103|103|267800|150,00||||||T||||19012005|19012005|V|000608|'
    '001|2005|||||||||1464350||||VCL|SOCIETA` D`UFFICIO|||5|',
    'G999| |1009015|F|1|2||0012|00073||0004||',
    'G999| |1009015|F|2|2||0012|00073||0004|||0012|00073||0005||',
    'G999| |1009015|F|2|3|130|DEL DUOMO|4|||7|',
    'G999| |1009015|F|2|4||0012|00073|||',
    'G999| |1009015|F|2|5|5||',
    'G999| |1009020|F|1|1||A03|02|5|80|1000|300,00||||||1||||01012000|02012000|V|000001|001|'
    '2000|01012010|02012010|V|000002|001|2010||||||VAR|X|VAR|Y|1',
    'G999| |1009020|F|1|2||0012|00080||0001||',
    'G999| |1009020|F|1|3|236|ROMA|12|||1|',
    'HG01| |581A000|G|d|1|',
    'G999| |4326|F|3|3|2363|MARIO ROSSI|73|||603|',
]) + '\r\n'


class CadastreTest(unittest.TestCase):

    def setUp(self):
        self.server = Server()

    def fab(self, name, *args):
        path = os.path.join(self.server.dir, name)
        subprocess.run([FABGEN, '--out', path, *args], check=True)
        return path

    def summary(self, out):
        """The counts of the summary 'import-cadastre' prints."""
        keys = {'lines read': 'lines', 'inserted': 'inserted', 'updated': 'updated',
                'unchanged': 'unchanged', 'skipped as historical': 'skipped',
                'lines rejected': 'rejected'}
        got = {}
        for line in out.splitlines():
            m = re.match(r'\s+(.*?)\s+(\d+)$', line)
            if m and m.group(1) in keys:
                got[keys[m.group(1)]] = int(m.group(2))
        self.assertEqual(set(got), set(keys.values()), out)
        return got

    def dump(self):
        return {t: sorted(self.server.sql(f'SELECT {cols} FROM {t}'))
                for t, cols in UNIT_TABLES.items()}

    def find(self, *args):
        r = self.server.run('cadastre', 'find', *args)
        return json.loads(r.stdout)

    def test_an_endless_line_is_refused_as_read(self):
        # One line of 50 MB after good ones: refused as too long, read in
        # pieces (the memory stays that of a line), the others imported.
        def peak(out):
            return int(re.search(r'peak memory \(kB\)\s+(\d+)', out).group(1))
        short = os.path.join(self.server.dir, 'G999_short.FAB')
        with open(short, 'w', encoding='ascii', newline='') as f:
            f.write(HAND_MADE.rstrip('\r\n') + '\r\n')
        base = peak(self.server.run('import-cadastre', '--dry-run', short).stdout)
        path = os.path.join(self.server.dir, 'G999_long.FAB')
        with open(path, 'w', encoding='ascii', newline='') as f:
            f.write(HAND_MADE.rstrip('\r\n') + '\r\n')
            f.write('G999|' + 'X' * (50 << 20) + '\r\n')
        r = self.server.run('import-cadastre', path)
        s = self.summary(r.stdout)
        self.assertEqual((s['lines'], s['rejected']), (16, 3))
        self.assertIn('riga 16:', r.stderr)
        # The line never was in memory whole: 50 MB of it would show.
        self.assertLess(peak(r.stdout) - base, 20 * 1024)

    def test_hand_made_lines(self):
        path = os.path.join(self.server.dir, 'G999_1.FAB')
        with open(path, 'w', encoding='ascii', newline='') as f:
            f.write(HAND_MADE)
        r = self.server.run('import-cadastre', path)
        s = self.summary(r.stdout)
        self.assertEqual(s, {'lines': 15, 'inserted': 2, 'updated': 0, 'unchanged': 0,
                             'skipped': 2, 'rejected': 2})
        # Each bad line is reported with its number and reason.
        self.assertIn('riga 14, campo 1:', r.stderr)
        self.assertIn('riga 15, campo 7:', r.stderr)
        # The unit whose only situation is closed is not there.
        self.assertEqual(self.find('--foglio', '12', '--particella', '80'), [])
        [u] = self.find('--comune', 'G999', '--foglio', '0012', '--particella', '00073',
                        '--sub', '0003')
        self.assertEqual(u['comune'], 'G999')
        self.assertEqual((u['foglio'], u['particella'], u['subalterno']), ('12', '73', '3'))
        self.assertEqual(u['category'], 'A/2')
        self.assertTrue(u['residential'])
        self.assertEqual(u['classe'], '01')
        self.assertEqual(u['consistenza'], {'value': 11, 'unit': 'vani'})
        self.assertEqual(u['rendita_cents'], 90896)
        self.assertEqual(u['address']['toponym'], 'VIA')
        self.assertEqual(u['address']['street'], 'FRÀ BARTOLOMEO')
        self.assertEqual(u['address']['house_number'], '31')
        # The current situation (progressivo 2) of the merged unit: two
        # identifiers, category C/2 in m², the new rendita.
        [m] = self.find('--foglio', '12', '--particella', '73', '--sub', '5')
        self.assertEqual(m['category'], 'C/2')
        self.assertFalse(m['residential'])
        self.assertEqual(m['consistenza'], {'value': 103, 'unit': 'm²'})
        self.assertEqual(m['superficie'], 103)
        self.assertEqual(m['rendita_cents'], 15000)
        self.assertEqual([i['subalterno'] for i in m['identifiers']], ['4', '5'])
        self.assertEqual(m['address']['text'], 'PIAZZA DEL DUOMO 4')
        # By address, with the clerk's spelling.
        found = self.find('--address', 'p.zza del duomo n. 4')
        self.assertEqual([x['id'] for x in found], [m['id']])
        self.assertEqual(found[0]['score'], 100)

    def test_not_fab_refused_before_writing(self):
        path = os.path.join(self.server.dir, 'residents.csv')
        with open(path, 'w') as f:
            f.write('codice_fiscale;cognome;nome\nRSSMRA68A01H501Y;ROSSI;MARIO\n' * 20)
        r = self.server.run('import-cadastre', path, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn('non è una fornitura catastale FAB', r.stderr)
        self.assertEqual(self.server.sql('SELECT count(*) FROM imports'), [(0,)])
        empty = self.server.run('import-cadastre', os.path.join(self.server.dir, 'none.FAB'),
                                check=False)
        self.assertEqual(empty.returncode, 2)
        # A FAB file of a comune this installation does not serve.
        other = self.fab('other.FAB', '--units', '20', '--comune', 'H501')
        r = self.server.run('import-cadastre', other, check=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn('H501', r.stderr)
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastral_units'), [(0,)])

    def test_idempotent_and_updates(self):
        path = self.fab('a.FAB', '--units', '400', '--bad', '6', '--crlf', '--order', 'type')
        first = self.summary(self.server.run('import-cadastre', '--quiet', path).stdout)
        self.assertEqual(first['inserted'], 400)
        self.assertEqual(first['rejected'], 6)
        self.assertGreater(first['skipped'], 20)
        before = self.dump()
        again = self.summary(self.server.run('import-cadastre', path).stdout)
        self.assertEqual((again['inserted'], again['updated'], again['unchanged']),
                         (0, 0, 400))
        self.assertEqual(self.dump(), before)
        # The next supply: one unit changes class, one is new.
        with open(path, encoding='ascii', newline='') as f:
            lines = f.read().split('\r\n')
        # A unit with one situation, open, of category A/2.
        type1 = {}
        for k, x in enumerate(lines):
            f = x.split('|')
            if len(f) > 30 and f[0] == 'G999' and f[5] == '1':
                type1.setdefault(f[2], []).append((k, f))
        k, fields = next(v[0] for v in type1.values()
                         if len(v) == 1 and v[0][1][28] == '' and v[0][1][7] == 'A02')
        fields[8] = '09'
        lines[k] = '|'.join(fields)
        lines.insert(0, '|'.join(['G999', ' ', '99999999', 'F', '1', '1', '', 'A03', '02', '4']
                                 + [''] * 35))
        with open(path, 'w', encoding='ascii', newline='') as f:
            f.write('\r\n'.join(lines))
        third = self.summary(self.server.run('import-cadastre', '--quiet', path).stdout)
        self.assertEqual((third['inserted'], third['updated'], third['unchanged']),
                         (1, 1, 399))
        rows = self.server.sql("SELECT state, inserted, updated, unchanged, rejected, errors "
                               "FROM imports ORDER BY id")
        self.assertEqual([r[0] for r in rows], ['done', 'done', 'done'])
        errors = json.loads(rows[0][5])
        self.assertEqual(len(errors), 6)
        self.assertTrue(all(e['line'] > 0 and e['reason'] for e in errors))
        audit = self.server.sql("SELECT count(*) FROM audit WHERE action = 'import_finish'")
        self.assertEqual(audit, [(3,)])

    def start_and_kill(self, path, table, env=None):
        """Starts an import and kills it (SIGKILL) once rows appear in
        table: cadastre_stage while lines are staged, cadastral_units while
        units are saved."""
        proc = subprocess.Popen([BINARY, 'import-cadastre', '--quiet', '--db',
                                 self.server.db, path], env={**self.server.env(), **(env or {})},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None:
            if self.server.sql(f'SELECT count(*) FROM {table}')[0][0] > 0:
                break
            time.sleep(0.01)
        alive = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.assertTrue(alive, f'the import ended before rows appeared in {table}')
        # The dead run looks alive until its heartbeat is old.
        busy = self.server.run('import-cadastre', path, check=False)
        self.assertEqual(busy.returncode, 2)
        self.assertIn('già in corso', busy.stderr)
        self.server.sql("UPDATE imports SET heartbeat_at = '2000-01-01T00:00:00Z'")

    def rerun_after_kills(self, path, kills, units=12000):
        """Reruns the import of path after kills interrupted runs, and checks
        it ends in the same state as one clean run into a fresh database."""
        saved = self.server.sql('SELECT count(*) FROM cadastral_units')[0][0]
        self.assertLess(saved, units)
        rerun = self.server.run('import-cadastre', '--quiet', path, check=False)
        self.assertEqual(rerun.returncode, 0, rerun.stderr)
        s = self.summary(rerun.stdout)
        self.assertEqual(s['inserted'] + s['unchanged'], units)
        self.assertEqual(self.server.sql('SELECT state FROM imports ORDER BY id'),
                         [('interrupted',)] * kills + [('done',)])
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastre_stage'), [(0,)])
        clean = Server()
        clean.run('import-cadastre', '--quiet', path)
        self.assertEqual(self.dump(), {t: sorted(clean.sql(f'SELECT {c} FROM {t}'))
                                       for t, c in UNIT_TABLES.items()})

    def test_killed_midway_then_rerun(self):
        # Lines grouped by record type, not by unit: they are staged first.
        path = self.fab('big.FAB', '--units', '12000', '--order', 'type')
        self.start_and_kill(path, 'cadastre_stage')
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastral_units'), [(0,)])
        self.start_and_kill(path, 'cadastral_units')
        self.rerun_after_kills(path, 2)

    def test_streamed_import_killed_midway_then_rerun(self):
        # Unit by unit, as the Agenzia supplies them: no staging.  Each
        # transaction holds one buffer of 4,096 units.
        path = self.fab('big.FAB', '--units', '40000')
        self.start_and_kill(path, 'cadastral_units', {'IDONEO_IMPORT_TX_MS': '0'})
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastre_stage'), [(0,)])
        saved = self.server.sql('SELECT count(*) FROM cadastral_units')[0][0]
        self.assertEqual(saved % 4096, 0)
        self.rerun_after_kills(path, 1, 40000)

    def test_dry_run_writes_nothing(self):
        path = self.fab('d.FAB', '--units', '50', '--bad', '2')
        r = self.server.run('import-cadastre', '--dry-run', path)
        self.assertIn('nothing written', r.stdout)
        self.assertEqual(self.summary(r.stdout)['rejected'], 2)
        self.assertEqual(self.server.sql('SELECT count(*) FROM imports'), [(0,)])
        self.assertEqual(self.server.sql('SELECT count(*) FROM cadastral_units'), [(0,)])


if __name__ == '__main__':
    unittest.main()
