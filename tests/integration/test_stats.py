"""The office's numbers (issue 18, docs/stats.md) against a history built
through the counter and checked by hand: a suspension of five days, a
withdrawal, certificates made ready in two months, a delivery, and open
cases in two comuni; `idoneo stats --json`, the /stats page, its charts and
its CSV, and who may see them."""
import csv
import datetime
import io
import json
import os
import re
import subprocess
import time
import unittest
import zipfile

from harness import Browser, Server, application, form_fields
from test_cases import case_id


def new_case(b, citizenship):
    """An application at the counter of b's comune; its case's id."""
    doc = application()
    doc['applicant']['citizenship'] = citizenship
    tok = b.csrf('/cases/new')
    _, resp, _ = b.post('/cases', form_fields(doc, tok))
    return case_id(resp.getheader('Location'))


class StatsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = Server(now='2026-01-12T09:00:00Z')
        cls.server.start()
        s = cls.server
        clerk, vaiano = Browser(s), Browser(s)
        clerk.login('clerk')
        vaiano.login('vaiano')

        # Monday 12 January: the demo's two applications in Prato (China,
        # family reunification; Albania, work contract), left open; A
        # (China) and B (Albania) in Prato, V (Morocco) in Vaiano.
        a, b = new_case(clerk, 'Cina'), new_case(clerk, 'Albania')
        new_case(vaiano, 'Marocco')
        # 30 January: A was taken on the 13th, suspended on the 15th,
        # resumed on the 20th (five days stopped), approved on the 27th and
        # ready on the 28th; B taken on the 13th; C (Morocco) arrives.
        s.stop()
        s.start(now='2026-01-30T09:00:00Z')
        clerk, head = Browser(s), Browser(s)
        clerk.login('clerk')
        head.login('head')
        for who, cid, action, reason, day in (
                (clerk, a, 'take', '', '2026-01-13'),
                (clerk, a, 'suspend', 'Manca la planimetria', '2026-01-15'),
                (clerk, a, 'resume', '', '2026-01-20'),
                (head, a, 'approve', '', '2026-01-27'),
                (clerk, a, 'certificate_ready', '', '2026-01-28'),
                (clerk, b, 'take', '', '2026-01-13')):
            status, _, html = cls.act(who, cid, action, reason, day)
            assert status == 303, (action, html[-2000:])
        c = new_case(clerk, 'Marocco')
        cls.open_case = new_case(clerk, 'Perù')
        # 3 February: C taken, approved and ready on the 2nd, delivered on
        # the 3rd; B, received in January, withdrawn on the 2nd.
        s.stop()
        s.start(now='2026-02-03T09:00:00Z')
        clerk, head = Browser(s), Browser(s)
        clerk.login('clerk')
        head.login('head')
        for who, action, day in ((clerk, 'take', '2026-02-02'),
                                 (head, 'approve', '2026-02-02'),
                                 (clerk, 'certificate_ready', '2026-02-02'),
                                 (clerk, 'deliver', '2026-02-03')):
            status, _, html = cls.act(who, c, action, '', day)
            assert status == 303, (action, html[-2000:])
        status, _, html = cls.act(clerk, b, 'withdraw', 'Richiesta del cittadino',
                                  '2026-02-02')
        assert status == 303, html[-2000:]
        cls.head = head

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @staticmethod
    def act(b, cid, action, reason, day):
        tok = b.csrf(f'/cases/{cid}')
        return b.post(f'/cases/{cid}/transition', {'csrf': tok, 'action': action,
                                                   'reason': reason, 'effective_on': day})

    def stats(self, *args):
        out = self.server.run('stats', *args, '--json')
        return json.loads(out.stdout)

    def test_january_in_prato(self):
        f = self.stats('--comune', 'G999', '--from', '2026-01-01', '--to', '2026-01-31')
        # The demo's two, A, B, C and the open one were received; A ready.
        # B was withdrawn in February: counted there, by the day it ended.
        self.assertEqual(f['received'], 6)
        self.assertEqual(f['withdrawn'], 0)
        self.assertEqual(f['rejected'], 0)
        self.assertEqual(f['certificates_issued'], 1)
        self.assertEqual(f['certificates_by_month'], {'2026-01': 1})
        # A: 12 to 28 January is 16 days, 11 without the five stopped.
        self.assertEqual(f['release_days'], {'count': 1, 'median': 16.0, 'p90': 16, 'max': 16})
        self.assertEqual(f['release_days_net'], {'count': 1, 'median': 11.0, 'p90': 11,
                                                 'max': 11})
        self.assertEqual(f['within_target'], {'count': 1, 'share': 1.0})
        self.assertEqual(f['target_days'], 15)
        self.assertEqual(f['by_continent'], {'Europe': 2, 'Africa': 1, 'Asia': 2,
                                             'America': 1, 'Oceania': 0})
        self.assertEqual(f['by_country'], {'CN': 2, 'AL': 2, 'MA': 1, 'PE': 1})
        self.assertEqual(f['by_channel'], {'counter': 6})
        self.assertEqual(f['by_purpose'], {'family_reunification': 5, 'work_contract': 1})
        self.assertEqual(f['release_histogram'][16], 1)
        self.assertEqual(sum(f['release_histogram']), 1)
        # A's certificate at the office.
        self.assertEqual(f['by_collection_place'], {'office': 1})
        # The clerk registered four applications and took five steps; the
        # head approved A.  The demo's two were the system's.
        self.assertEqual(f['steps_by_staff'], {'Marco Rossi (istruttore)': 9,
                                               'Laura Bini (responsabile)': 1})
        # Messages written in January: the demo's two SMS (one in Albanian),
        # then SMS and e-mail to each applicant of ours: A received,
        # documents missing, approved, certificate ready; B, C and the open
        # one received.
        m = f['messages']
        self.assertEqual((m['by_channel']['sms']['written'],
                          m['by_channel']['email']['written']), (9, 7))
        self.assertEqual(m['by_language'], {'zh': 15, 'sq': 1})
        self.assertEqual(f['points']['handed_over'], {})
        # One purpose: the demo's work contract alone.
        w = self.stats('--comune', 'G999', '--purpose', 'work_contract', '--from',
                       '2026-01-01', '--to', '2026-01-31')
        self.assertEqual((w['received'], w['certificates_issued'], w['purpose']),
                         (1, 0, 'work_contract'))
        self.assertEqual(w['by_country'], {'AL': 1})
        self.assertEqual(w['backlog']['open'], 1)

    def test_two_months_and_every_comune(self):
        f = self.stats('--comune', 'G999', '--from', '2026-01-01', '--to', '2026-02-28')
        self.assertEqual(f['certificates_issued'], 2)
        self.assertEqual(f['certificates_by_month'], {'2026-01': 1, '2026-02': 1})
        self.assertEqual((f['withdrawn'], f['rejected']), (1, 0))
        february = self.stats('--comune', 'G999', '--from', '2026-02-01', '--to',
                              '2026-02-28')
        self.assertEqual((february['received'], february['withdrawn']), (0, 1))
        # A took 16 days (11 net), C 3: the median is the mean of the two,
        # the 90th percentile and the maximum the larger.
        self.assertEqual(f['release_days'], {'count': 2, 'median': 9.5, 'p90': 16, 'max': 16})
        self.assertEqual(f['release_days_net'], {'count': 2, 'median': 7.0, 'p90': 11,
                                                 'max': 11})
        # C: received 30 January, delivered 3 February.
        self.assertEqual(f['delivery_days'], {'count': 1, 'median': 4.0, 'p90': 4, 'max': 4})
        self.assertEqual(f['within_legal_term']['count'], 2)
        # Today (3 February): the open one, 4 days old, and the demo's
        # two, 22 days old and past their 15 days.
        self.assertEqual(f['backlog']['open'], 3)
        self.assertEqual(f['backlog']['by_state'], {'submitted': 3})
        self.assertEqual(f['backlog']['by_age'], {'0-7': 1, '8-15': 0, '16-30': 2,
                                                  '31+': 0})
        self.assertEqual(f['backlog']['overdue'], 2)
        everywhere = self.stats('--from', '2026-01-01', '--to', '2026-02-28')
        self.assertEqual(everywhere['received'], 7)
        self.assertEqual(everywhere['by_continent']['Africa'], 2)
        self.assertNotIn('target_days', everywhere)
        # Vaiano's case, as old, is inside its 30 days but past its first
        # alert day (20): at risk.
        self.assertEqual(everywhere['backlog']['open'], 4)
        self.assertEqual(everywhere['backlog']['by_age']['16-30'], 3)
        self.assertEqual(everywhere['backlog']['overdue'], 2)
        self.assertEqual(everywhere['backlog']['at_risk'], 1)
        # A period with nothing in it.
        empty = self.stats('--from', '2025-01-01', '--to', '2025-01-31')
        self.assertEqual((empty['received'], empty['certificates_issued']), (0, 0))
        self.assertEqual(empty['release_days'], {'count': 0, 'median': 0.0, 'p90': 0,
                                                 'max': 0})

    def test_cli_refuses_bad_arguments(self):
        out = self.server.run('stats', '--from', '2026-13-01', '--to', '2026-01-31',
                              check=False)
        self.assertEqual(out.returncode, 2)
        self.assertIn('usage', out.stderr)
        out = self.server.run('stats', '--comune', 'X000', '--from', '2026-01-01',
                              '--to', '2026-01-31', check=False)
        self.assertEqual(out.returncode, 2)
        text = self.server.run('stats', '--comune', 'G999', '--from', '2026-01-01',
                               '--to', '2026-01-31').stdout
        self.assertIn('release_days.median 16.00\n', text)
        self.assertIn('by_continent.Asia 2\n', text)
        out = self.server.run('stats', '--from', '2026-01-01', '--to', '2026-01-31',
                              '--json', '--csv', check=False)
        self.assertEqual(out.returncode, 2)

    def test_cli_csv_is_the_dashboards(self):
        q = 'from=2026-01-01&to=2026-02-28'
        # The worker is still sending the history's messages: the two
        # reads must see the same outbox.
        for _ in range(100):
            if self.server.sql("SELECT count(*) FROM messages WHERE status IN ('queued', "
                               "'sending', 'temporary-failure', 'sent')")[0][0] == 0:
                break
            time.sleep(.1)
        web = dict(csv.reader(io.StringIO(self.head.get(f'/stats.csv?{q}')[2]),
                              delimiter=';'))
        cli = dict(csv.reader(io.StringIO(self.server.run(
            'stats', '--comune', 'G999', '--from', '2026-01-01', '--to', '2026-02-28',
            '--csv').stdout), delimiter=';'))
        self.assertEqual(cli.pop('figure'), 'value')
        self.assertEqual(cli['certificates_issued'], '2')
        self.assertEqual(cli['release_days.max'], '16')
        # The same figures; the command line also names the comune.
        self.assertEqual(cli.pop('comune'), 'G999')
        self.assertEqual(web.pop('figure'), 'value')
        web.pop('comune', None)
        self.maxDiff = None
        self.assertEqual(cli, web)

    def test_dashboard_charts_and_csv(self):
        q = 'from=2026-01-01&to=2026-02-28'
        status, _, html = self.head.get(f'/stats?{q}')
        self.assertEqual(status, 200)
        self.assertEqual(re.search(r'id="stat-certificates">(\d+)<', html).group(1), '2')
        # Today is 3 February: C's certificate is this month's.
        self.assertEqual(re.search(r'id="stat-this-month">(\d+)<', html).group(1), '1')
        self.assertIn('<td>2026-01</td><td>1</td>', html)
        self.assertIn('<td>Asia</td><td>2</td>', html)
        self.assertIn('<td>Europa</td><td>2</td>', html)
        self.assertIn('<td>Perù</td><td>1</td>', html)
        for chart in ('release', 'months', 'continents'):
            self.assertIn(f'src="/stats/{chart}.svg?{q.replace("&", "&amp;")}"', html)
            status, resp, svg = self.head.get(f'/stats/{chart}.svg?{q}')
            self.assertEqual(status, 200)
            self.assertEqual(resp.getheader('Content-Type'), 'image/svg+xml')
            self.assertIn('<title id="t">', svg)
            self.assertIn('<desc id="d">', svg)
        # Months as a line, the rest as bars.
        self.assertIn('<polyline', self.head.get(f'/stats/months.svg?{q}')[2])
        status, _, svg = self.head.get(f'/stats/release.svg?{q}')
        # The 15-day target, marked.
        self.assertIn('obiettivo: 15 giorni', svg)
        status, resp, csv = self.head.get(f'/stats.csv?{q}')
        self.assertEqual(status, 200)
        self.assertIn('text/csv', resp.getheader('Content-Type'))
        self.assertIn('release_days.max;16\n', csv)
        self.assertIn('certificates_issued;2\n', csv)
        # The workbook: a zip of sheets, the figures as numbers.
        status, resp, data = self.server.request('GET', f'/stats.xlsx?{q}',
                                                 headers=self.head._headers())
        self.assertEqual(status, 200)
        self.assertIn('spreadsheetml', resp.getheader('Content-Type'))
        self.assertEqual(data[:2], b'PK')
        path = os.path.join(self.server.dir, 'stats.xlsx')
        self.server.run('stats', '--comune', 'G999', '--from', '2026-01-01', '--to',
                        '2026-02-28', '--xlsx', path)
        with zipfile.ZipFile(path) as z:
            self.assertIsNone(z.testzip())
            book = z.read('xl/workbook.xml').decode()
            for sheet in ('Figures', 'Months', 'Continents', 'Countries'):
                self.assertIn(f'name="{sheet}"', book)
            strings = z.read('xl/sharedStrings.xml').decode()
            self.assertIn('release_days.max', strings)
            self.assertIn('<v>16</v>', z.read('xl/worksheets/sheet1.xml').decode())
        # The report for the council, as a PDF.
        status, resp, data = self.server.request('GET', f'/stats/report.pdf?{q}',
                                                 headers=self.head._headers())
        self.assertEqual(status, 200)
        self.assertEqual(resp.getheader('Content-Type'), 'application/pdf')
        pdf = os.path.join(self.server.dir, 'report.pdf')
        self.server.run('stats', '--comune', 'G999', '--from', '2026-01-01', '--to',
                        '2026-02-28', '--pdf', pdf)
        with open(pdf, 'rb') as fh:
            self.assertEqual(fh.read(), data)
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True,
                              check=True).stdout
        self.assertIn('COMUNE DI PRATO', text)
        self.assertRegex(text, r'Certificati pronti\s+2')
        self.assertIn('9.5 · 16 · 16', text)
        status, _, _ = self.head.get('/stats?from=2026-02-30&to=2026-01-01')
        self.assertEqual(status, 422)
        status, _, html = self.head.get(f'/stats?{q}&purpose=work_contract')
        self.assertEqual(re.search(r'id="stat-received">(\d+)<', html).group(1), '1')
        self.assertIn('value="work_contract" selected', html)
        self.assertEqual(self.head.get(f'/stats?{q}&purpose=nope')[0], 422)
        # The administrator compares the comuni; a head sees one.
        admin = Browser(self.server)
        admin.login('admin')
        status, _, html = admin.get(f'/stats?{q}')
        self.assertEqual(status, 200)
        self.assertRegex(html, r'<tr><td>Prato</td><td>6</td><td>2</td><td>9.5</td>'
                               r'<td>100%</td><td>3</td></tr>')
        self.assertRegex(html, r'<tr><td>Vaiano</td><td>1</td><td>0</td>')
        self.assertEqual(re.search(r'id="stat-received">(\d+)<', html).group(1), '7')
        self.assertNotIn('id="stats-compare"', self.head.get(f'/stats?{q}')[2])
        status, _, html = admin.get(f'/stats?{q}&comune=L537')
        self.assertEqual(re.search(r'id="stat-received">(\d+)<', html).group(1), '1')
        # A clerk does not see the numbers; nor does anyone logged out.
        clerk = Browser(self.server)
        clerk.login('clerk')
        self.assertEqual(clerk.get('/stats')[0], 403)
        self.assertEqual(Browser(self.server).get('/stats.csv')[0], 303)


class TalliesTest(unittest.TestCase):
    """The totals of every comune (migration 0026): kept by the database's
    triggers, they stay equal to the figures read from the cases when a
    delivery adds its days to a certificate of an earlier month, a
    collection moves to a point and back, a clerk fixes a citizenship, a
    step is recorded on an earlier day, and a comune's legal term changes.
    The periods cut across months and the year's turn, so that the totals
    and the ends read from the cases are added up."""

    PERIODS = (('2026-01-01', '2026-01-31'), ('2026-01-01', '2026-02-28'),
               ('2025-12-15', '2026-02-10'), ('2026-01-13', '2026-03-31'),
               ('2026-01-29', '2026-02-27'))

    def figures(self, start, end, *args):
        out = self.server.run('stats', '--from', start, '--to', end, '--json', *args)
        f = json.loads(out.stdout)
        del f['today']
        return f

    def same_as_the_cases(self, step):
        for start, end in self.PERIODS:
            for purpose in ((), ('--purpose', 'work_contract')):
                self.assertEqual(self.figures(start, end, *purpose),
                                 self.figures(start, end, '--from-cases', *purpose),
                                 (step, start, end, purpose))

    def january(self):
        return self.figures('2026-01-01', '2026-01-31')

    def test_totals_follow_every_change(self):
        self.server = s = Server(now='2026-01-12T09:00:00Z')
        s.start()
        try:
            clerk, vaiano = Browser(s), Browser(s)
            clerk.login('clerk')
            vaiano.login('vaiano')
            a = new_case(clerk, 'Cina')
            b = new_case(clerk, 'Albania')
            new_case(vaiano, 'Marocco')
        finally:
            s.stop()
        s.start(now='2026-01-30T09:00:00Z')
        try:
            clerk, head = Browser(s), Browser(s)
            clerk.login('clerk')
            head.login('head')
            # A: received on the 12th, five days stopped, ready on the 28th.
            for who, action, reason, day in (
                    (clerk, 'take', '', '2026-01-13'),
                    (clerk, 'suspend', 'Manca la planimetria', '2026-01-15'),
                    (clerk, 'resume', '', '2026-01-20'),
                    (head, 'approve', '', '2026-01-27'),
                    (clerk, 'certificate_ready', '', '2026-01-28')):
                status, _, html = StatsTest.act(who, a, action, reason, day)
                self.assertEqual(status, 303, (action, html[-2000:]))
        finally:
            s.stop()
        self.same_as_the_cases('ready')
        f = self.january()
        # The demo's two, A, the Albanian and the Moroccan in Vaiano.
        self.assertEqual((f['received'], f['certificates_issued']), (5, 1))
        self.assertEqual(f['by_continent']['Africa'], 1)
        self.assertEqual(f['release_days_net']['max'], 11)
        self.assertEqual(f['within_legal_term'], {'count': 1, 'share': 1.0})
        self.assertEqual(f['delivery_days']['count'], 0)
        self.assertEqual(f['by_collection_place'], {'office': 1})
        # Two applications and four of A's steps at Prato's counter.
        self.assertEqual(f['steps_by_staff'], {'Marco Rossi (istruttore)': 6,
                                               'Laura Bini (responsabile)': 1,
                                               'Sportello di Vaiano': 1})
        prato = s.sql("SELECT id FROM comuni WHERE code = 'G999'")[0][0]
        self.assertEqual(f['comuni'][str(prato)]['certificates'], 1)
        self.assertEqual(f['comuni'][str(prato)]['median'], 16.0)

        # The writes appended their changes; reading every comune's
        # figures folded them into the totals.
        self.assertEqual(s.sql('SELECT count(*) FROM tally_deltas')[0][0], 0)
        # The figures are read from the totals: a total made wrong shows.
        s.sql("UPDATE tallies SET n = n + 1 WHERE figure = 'channel'")
        self.assertNotEqual(self.january()['received'], 5)
        s.sql("UPDATE tallies SET n = n - 1 WHERE figure = 'channel'")
        self.assertEqual(self.january()['received'], 5)

        # 3 February: A delivered, its days added to January's
        # certificate; the Albanian taken, recorded as of 13 January.
        s.start(now='2026-02-03T09:00:00Z')
        try:
            clerk = Browser(s)
            clerk.login('clerk')
            status, _, html = StatsTest.act(clerk, a, 'deliver', '', '2026-02-03')
            self.assertEqual(status, 303, html[-2000:])
            status, _, html = StatsTest.act(clerk, b, 'take', '', '2026-01-13')
            self.assertEqual(status, 303, html[-2000:])
        finally:
            s.stop()
        self.assertGreater(s.sql('SELECT count(*) FROM tally_deltas')[0][0], 0)
        self.same_as_the_cases('delivered, backdated')
        f = self.january()
        self.assertEqual(f['delivery_days'], {'count': 1, 'median': 22.0, 'p90': 22,
                                              'max': 22})
        self.assertEqual(f['steps_by_staff']['Marco Rossi (istruttore)'], 7)

        # The collection moved to a point, then back to the office.
        point, name = s.sql('SELECT id, name FROM points WHERE comune_id = ? ORDER BY id',
                            prato)[0]
        s.sql('INSERT INTO collections (case_id, point_id, updated_at) VALUES '
              "(?, ?, '2026-02-03T10:00:00Z')", a, point)
        self.same_as_the_cases('to a point')
        self.assertEqual(self.january()['by_collection_place'], {name: 1})
        s.sql('UPDATE collections SET point_id = NULL WHERE case_id = ?', a)
        self.same_as_the_cases('back to the office')
        self.assertEqual(self.january()['by_collection_place'], {'office': 1})

        # A citizenship as written before the ISO list, then fixed.
        s.sql("UPDATE applicants SET citizenship = 'cina ', citizenship_code = NULL "
              'WHERE case_id = ?', a)
        self.same_as_the_cases('citizenship lost')
        f = self.january()
        self.assertEqual((f['citizenship_unmatched'], f['by_continent']['Asia']),
                         ({'cina ': 1}, 1))
        s.sql("UPDATE applicants SET citizenship = 'Cina', citizenship_code = 'CN' "
              'WHERE case_id = ?', a)
        self.same_as_the_cases('citizenship fixed')
        self.assertEqual(self.january()['by_continent']['Asia'], 2)

        # The Albanian's application recorded as brought by an association.
        assoc = s.sql('SELECT id FROM associations WHERE comune_id = ? ORDER BY id',
                      prato)[0][0]
        s.sql("UPDATE cases SET channel = 'association', association_id = ? WHERE id = ?",
              assoc, b)
        self.same_as_the_cases('association')
        f = self.january()
        self.assertEqual((f['by_association'], f['by_channel']),
                         ({str(assoc): 1}, {'counter': 4, 'association': 1}))

        # Prato's legal term cut to ten days: A's eleven are past it.
        s.sql("UPDATE comuni SET legal_term_days = 10 WHERE code = 'G999'")
        self.same_as_the_cases('legal term')
        self.assertEqual(self.january()['within_legal_term'], {'count': 0, 'share': 0.0})

        # A's certificate handed over at a point on 9 February, six days
        # after its code was given; then the handover undone.
        day = (datetime.date(2026, 2, 3) - datetime.date(1970, 1, 1)).days
        s.sql("INSERT INTO pickups (case_id, comune_id, point_id, code_hash, status, "
              "created_at, created_day, expires_on, remind_on) VALUES (?, ?, ?, 'h1', "
              "'active', '2026-02-03T09:00:00Z', ?, '2026-03-05', '9999-12-31')",
              a, prato, point, day)
        self.same_as_the_cases('code given')
        s.sql("UPDATE pickups SET status = 'delivered', ended_at = '2026-02-09T10:00:00Z', "
              "ended_on = '2026-02-09', collect_days = 6 WHERE code_hash = 'h1'")
        self.same_as_the_cases('handed over')
        f = self.figures('2026-02-01', '2026-02-28')
        self.assertEqual(f['points']['handed_over'], {name: 1})
        self.assertEqual(f['points']['days_to_collect']['max'], 6)
        s.sql("UPDATE pickups SET status = 'recalled' WHERE code_hash = 'h1'")
        self.same_as_the_cases('recalled')
        self.assertEqual(self.figures('2026-02-01', '2026-02-28')['points']['handed_over'],
                         {})

        # Changes nobody asked figures for: the worker folds them.
        s.sql("UPDATE comuni SET legal_term_days = 30 WHERE code = 'G999'")
        self.assertGreater(s.sql('SELECT count(*) FROM tally_deltas')[0][0], 0)
        s.start(now='2026-02-10T09:00:00Z')
        try:
            for _ in range(200):
                if s.sql('SELECT count(*) FROM tally_deltas')[0][0] == 0:
                    break
                time.sleep(0.05)
            self.assertEqual(s.sql('SELECT count(*) FROM tally_deltas')[0][0], 0)
        finally:
            s.stop()
        self.same_as_the_cases('folded by the worker')


class HistoryTest(unittest.TestCase):
    """`idoneo demo --history YEARS`: a year of Prato as the 2007 report
    saw it, made through the real intake and steps, and made once."""

    def test_a_year_of_prato(self):
        server = Server(now='2026-11-02T09:00:00Z')
        server.run('demo', '--history', '1')
        f = json.loads(server.run('stats', '--comune', 'G999', '--from', '2026-03-01',
                                  '--to', '2026-08-31', '--json').stdout)
        # About two hundred certificates a month.
        self.assertTrue(150 * 6 <= f['certificates_issued'] <= 260 * 6,
                        f['certificates_issued'])
        # The continents of the 2007 report, within a few points.
        shares = {k: v / f['received'] for k, v in f['by_continent'].items()}
        for continent, share in (('Asia', .5820), ('Europe', .2743),
                                 ('Africa', .1176), ('America', .0259)):
            self.assertAlmostEqual(shares[continent], share, delta=.04)
        self.assertEqual(f['citizenship_unknown'], 0)
        # Suspensions, refusals and withdrawals are in it.
        self.assertGreater(f['release_days_net']['median'], 0)
        self.assertLess(f['release_days_net']['median'], f['release_days']['p90'])
        self.assertGreater(f['rejected'], 0)
        self.assertGreater(f['withdrawn'], 0)
        self.assertGreater(f['delivery_days']['count'], 0)
        # Two in five collected at the T-Serve points, one to ten days
        # after the certificate was ready, through the points' own steps.
        at_points = f['points']['handed_over']
        self.assertGreaterEqual(len(at_points), 5, at_points)
        self.assertAlmostEqual(sum(at_points.values()) / f['delivery_days']['count'], .4,
                               delta=.08)
        self.assertTrue(1 <= f['points']['days_to_collect']['median'] <= 10,
                        f['points'])
        # Each handed over after the document was checked at the point.
        handed = server.sql("SELECT count(*) FROM pickups WHERE status = 'delivered' "
                            "AND point_id IS NOT NULL")[0][0]
        self.assertGreaterEqual(handed, sum(at_points.values()))
        self.assertEqual(server.sql("SELECT count(*) FROM audit WHERE action = "
                                    "'pickup_identity_ok'")[0][0], handed)
        # Loaded once: a second run adds nothing.
        count = server.sql('SELECT count(*) FROM cases')[0][0]
        server.run('demo', '--history', '1')
        self.assertEqual(server.sql('SELECT count(*) FROM cases')[0][0], count)


TALLY_TRIGGERS = {
    'cases': ('tallies_case_added', 'tallies_case_leaving', 'tallies_case_changed'),
    'applicants': ('tallies_applicant_added', 'tallies_citizenship_leaving',
                   'tallies_citizenship_changed'),
    'collections': ('tallies_collection_added', 'tallies_collection_leaving',
                    'tallies_collection_changed'),
    'comuni': ('tallies_legal_term_leaving', 'tallies_legal_term_changed'),
    'events': ('tallies_step',), 'tally_moves': ('tallies_move',),
    'pickups': ('tallies_pickup_adding', 'tallies_pickup_added', 'tallies_pickup_leaving',
                'tallies_pickup_changed')}


def undo_tallies(server):
    """Takes migration 0026 away, as from a database from before it."""
    server.sql('DROP VIEW case_tallies')
    server.sql('DROP VIEW tally_totals')
    for table, names in TALLY_TRIGGERS.items():
        for name in names:
            server.sql(f'DROP TRIGGER {name} ON {table}' if server.pg else
                       f'DROP TRIGGER {name}')
    server.sql('DROP TABLE tallies')
    server.sql('DROP TABLE tally_moves')
    server.sql('DROP TABLE tally_deltas')
    server.sql('DROP INDEX cases_received_day')
    server.sql('DROP INDEX pickups_handed')
    server.sql('DROP INDEX pickups_handed_day')
    for column in ('created_day', 'ended_on', 'collect_days'):
        server.sql(f'ALTER TABLE pickups DROP COLUMN {column}')
    if server.pg:
        for fn in ('tallies_move', 'tallies_case_row', 'tallies_cases_added',
                   'tallies_applicants_added', 'tallies_collection_added',
                   'tallies_step'):
            server.sql(f'DROP FUNCTION {fn}')


class MilestonesTest(unittest.TestCase):
    """The cases' milestones (migration 0020): the transitions write the
    day a certificate was ready and the days to it and to the delivery;
    a database from before takes them from the timeline, and its figures
    do not change."""

    def test_milestones_written_and_taken_from_the_timeline(self):
        server = Server(now='2026-01-12T09:00:00Z')
        server.start(now='2026-01-30T09:00:00Z')
        try:
            clerk, head = Browser(server), Browser(server)
            clerk.login('clerk')
            head.login('head')
            for who, action, reason, day in (
                    (clerk, 'take', '', '2026-01-13'),
                    (clerk, 'suspend', 'Manca la planimetria', '2026-01-14'),
                    (clerk, 'resume', '', '2026-01-19'),
                    (head, 'approve', '', '2026-01-26'),
                    (clerk, 'certificate_ready', '', '2026-01-27'),
                    (clerk, 'deliver', '', '2026-01-29')):
                status, _, html = StatsTest.act(who, 1, action, reason, day)
                self.assertEqual(status, 303, (action, html[-2000:]))
        finally:
            server.stop()
        received = server.sql('SELECT received_on FROM cases WHERE id = 1')[0][0]
        days = (datetime.date(2026, 1, 27) - datetime.date.fromisoformat(received)).days
        milestones = 'SELECT id, ready_on, ready_days, delivered_days FROM cases ORDER BY id'
        self.assertEqual(server.sql(milestones),
                         [(1, '2026-01-27', days, days + 2), (2, None, None, None)])
        before = server.run('stats', '--from', '2026-01-01', '--to', '2026-01-31',
                            '--json').stdout
        self.assertEqual(json.loads(before)['release_days']['max'], days)
        # As a database from before 0020 was (and so before 0026).
        undo_tallies(server)
        server.sql('DROP INDEX cases_ready')
        server.sql('DROP INDEX cases_ready_day')
        for column in ('ready_on', 'ready_days', 'delivered_days'):
            server.sql(f'ALTER TABLE cases DROP COLUMN {column}')
        server.sql('DELETE FROM schema_migrations WHERE version IN (20, 26)')
        server.run('migrate')
        self.assertEqual(server.sql(milestones),
                         [(1, '2026-01-27', days, days + 2), (2, None, None, None)])
        self.assertEqual(server.run('stats', '--from', '2026-01-01', '--to', '2026-01-31',
                                    '--json').stdout, before)


class HandoverDaysTest(unittest.TestCase):
    """The days of the codes given and ended before migration 0026 come
    from their UTC instants in Rome's time, across the changes of the
    clocks (on SQLite by the EU's rule written in SQL)."""

    def test_days_from_the_instants(self):
        server = Server(now='2026-11-02T09:00:00Z')
        prato = server.sql("SELECT id FROM comuni WHERE code = 'G999'")[0][0]
        point = server.sql('SELECT id FROM points WHERE comune_id = ? ORDER BY id',
                           prato)[0][0]
        # Half past midnight in Rome: the night summer time begins (UTC+1
        # still) and the night before it ends (UTC+2); a winter evening.
        for code, created, ended in (
                ('h1', '2026-03-28T23:30:00Z', '2026-10-24T22:30:00Z'),
                ('h2', '2026-01-10T22:59:00Z', '2026-01-10T23:01:00Z')):
            server.sql("INSERT INTO pickups (case_id, comune_id, point_id, code_hash, "
                       "status, created_at, expires_on, remind_on, ended_at) VALUES "
                       "(1, ?, ?, ?, 'recalled', ?, '2026-12-31', '9999-12-31', ?)",
                       prato, point, code, created, ended)
        undo_tallies(server)
        server.sql('DELETE FROM schema_migrations WHERE version = 26')
        server.run('migrate')
        epoch = datetime.date(1970, 1, 1)
        self.assertEqual(
            server.sql("SELECT created_day, ended_on, collect_days FROM pickups "
                       "WHERE code_hash IN ('h1', 'h2') ORDER BY code_hash"),
            [((datetime.date(2026, 3, 29) - epoch).days, '2026-10-25', 210),
             ((datetime.date(2026, 1, 10) - epoch).days, '2026-01-11', 1)])


# A name the ISO list does not know, with what CSV must quote.
CINESE = 'Cinese; "RPC"'


class CountriesTest(unittest.TestCase):
    """The countries as ISO codes (migration 0019): the intake stores the
    code beside the name; an application taken before, named in free text,
    gets its code from `idoneo countries` (and at start-up) when the list
    knows the name, and from a clerk on /paesi when it does not."""

    def test_codes_stored_and_names_corrected(self):
        server = Server(now='2026-11-02T09:00:00Z')
        # The demo's two applications went through the intake: Chinese and
        # Albanian, born in China and Albania.
        self.assertEqual(server.sql('SELECT citizenship, citizenship_code, birth_country, '
                                    'birth_country_code FROM applicants ORDER BY case_id'),
                         [('Cina', 'CN', 'Cina', 'CN'), ('Albania', 'AL', 'Albania', 'AL')])
        # As an application taken before 0019 would be.
        server.sql("UPDATE applicants SET citizenship = 'cina ', citizenship_code = NULL "
                   "WHERE case_id = 1")
        server.sql("UPDATE applicants SET citizenship = ?, citizenship_code = NULL "
                   "WHERE case_id = 2", CINESE)

        def figures():
            return json.loads(server.run('stats', '--from', '2026-01-01', '--to',
                                         '2026-12-31', '--json').stdout)
        f = figures()
        self.assertEqual(f['citizenship_unmatched'], {'cina ': 1, CINESE: 1})
        # In the CSV, quoted (RFC 4180).
        self.assertIn('"citizenship_unmatched.Cinese; ""RPC""";1\n',
                      server.run('stats', '--from', '2026-01-01', '--to', '2026-12-31',
                                 '--csv').stdout)
        self.assertEqual(f['by_country'], {})
        self.assertEqual(f['by_continent']['Asia'], 0)
        out = server.run('countries', check=False)
        self.assertEqual(out.returncode, 3, out.stderr)
        self.assertIn('citizenship "cina " (1) is Cina (CN)\n', out.stdout)
        self.assertIn(f'citizenship "{CINESE}" (1): not in the list', out.stdout)
        self.assertEqual(server.sql('SELECT citizenship, citizenship_code FROM applicants '
                                    'ORDER BY case_id'), [('Cina', 'CN'), (CINESE, None)])
        self.assertEqual(server.sql("SELECT detail FROM audit WHERE action = "
                                    "'country_normalize'"),
                         [('citizenship: cina  -> Cina (CN)',)])
        f = figures()
        self.assertEqual(f['citizenship_unmatched'], {CINESE: 1})
        self.assertEqual(f['by_country'], {'CN': 1})
        self.assertEqual(f['by_continent']['Asia'], 1)
        # The clerk finds the other on /paesi, from the case page too, and
        # corrects it.
        server.start()
        try:
            clerk, assoc = Browser(server), Browser(server)
            clerk.login('clerk')
            assoc.login('association')
            status, _, html = clerk.get('/paesi')
            self.assertEqual(status, 200)
            self.assertIn('data-case="2"', html)
            self.assertNotIn('data-case="1"', html)
            self.assertIn('<strong>Cinese; &quot;RPC&quot;</strong>', html)
            self.assertIn('id="country-correct"', clerk.get('/cases/2')[2])
            self.assertNotIn('id="country-correct"', clerk.get('/cases/1')[2])
            self.assertEqual(assoc.get('/paesi')[0], 403)
            tok = clerk.csrf('/paesi/2')
            # A choice outside the list is refused, and nothing changes.
            status, _, html = clerk.post('/paesi/2', {'csrf': tok, 'citizenship': 'Cinese',
                                                      'birth_country': 'Albania'})
            self.assertEqual(status, 422)
            self.assertIn('Scegliere la cittadinanza', html)
            self.assertEqual(server.sql('SELECT citizenship_code FROM applicants '
                                        'WHERE case_id = 2'), [(None,)])
            status, resp, _ = clerk.post('/paesi/2', {'csrf': tok, 'citizenship': 'Cina',
                                                      'birth_country': 'AL'})
            self.assertEqual(status, 303)
            self.assertEqual(resp.getheader('Location'), '/paesi')
            self.assertEqual(server.sql('SELECT citizenship, citizenship_code, birth_country, '
                                        'birth_country_code FROM applicants WHERE case_id = 2'),
                             [('Cina', 'CN', 'Albania', 'AL')])
            self.assertEqual(server.sql("SELECT entity_id, detail FROM audit WHERE action = "
                                        "'country_correct'"),
                             [(2, f'citizenship: {CINESE} -> Cina (CN); '
                                  'birth_country: Albania -> Albania (AL)')])
            self.assertIn('id="countries-empty"', clerk.get('/paesi')[2])
            # Another comune's case does not exist for this clerk.
            vaiano = Browser(server)
            vaiano.login('vaiano')
            tok = vaiano.csrf('/paesi')
            status, _, _ = vaiano.post('/paesi/2', {'csrf': tok, 'citizenship': 'Cina',
                                                    'birth_country': 'Cina'})
            self.assertEqual(status, 404)
        finally:
            server.stop()
        f = figures()
        self.assertEqual(f['citizenship_unmatched'], {})
        self.assertEqual(f['by_country'], {'CN': 2})
        # `migrate` reads the names against the list as well.
        server.sql("UPDATE applicants SET citizenship = 'Repubblica Popolare Cinese', "
                   "citizenship_code = NULL WHERE case_id = 1")
        server.run('migrate')
        self.assertEqual(server.sql('SELECT citizenship, citizenship_code FROM applicants '
                                    'WHERE case_id = 1'), [('Cina', 'CN')])


class DaylightSavingTest(unittest.TestCase):
    """The messages of a period are those written on its days in Rome, also
    the nights the clocks change (Europe/Rome: 29 March and 25 October
    2026)."""

    def test_rome_days(self):
        server = Server(now='2026-11-02T09:00:00Z')
        # Half past midnight in Rome on 29 March is 23:30 UTC on the 28th;
        # half past midnight on 25 October is 22:30 UTC on the 24th.
        for utc in ('2026-03-28T22:59:00Z', '2026-03-28T23:30:00Z',
                    '2026-10-24T22:30:00Z', '2026-10-25T23:30:00Z'):
            server.sql("INSERT INTO messages (comune_id, event, channel, recipient, "
                       "language, params, status, due_at, expires_at, token, actor, "
                       "created_at, updated_at) VALUES (1, 'otp', 'sms', '+390000', "
                       "'it', '{}', 'delivered', ?, ?, 'x', 'test', ?, ?)",
                       utc, utc, utc, utc)

        def written(day_from, day_to):
            f = json.loads(server.run('stats', '--comune', 'G999', '--from', day_from,
                                      '--to', day_to, '--json').stdout)
            return f['messages']['by_channel'].get('sms', {}).get('written', 0)
        self.assertEqual(written('2026-03-28', '2026-03-28'), 1)
        self.assertEqual(written('2026-03-29', '2026-03-29'), 1)
        self.assertEqual(written('2026-10-24', '2026-10-24'), 0)
        self.assertEqual(written('2026-10-25', '2026-10-25'), 1)
        self.assertEqual(written('2026-10-26', '2026-10-26'), 1)


if __name__ == '__main__':
    unittest.main()
