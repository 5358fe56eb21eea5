"""The estate registers at the counter: a clerk finds the dwelling in the
cadastre by address or identifiers, picks it, registers the application,
and the case shows the checks against the cadastre, the anagrafe and TARI
with their sources; a second application on the same unit is offered the
first one's room survey."""
import html
import os
import re
import unittest

from harness import ASSOC_KEY, CLERK_KEY, Api, Browser, application, form_fields, ServerTest

FAB = '\n'.join([
    # A/2 of 5 vani, 80 m², at VIA MAGNOLFI 61/A: the dwelling of the case.
    'G999| |5001|F|1|1||A02|02|5|80||620,00||||||3||||01012015|01012015|V|000100|001|2015'
    '|||||||||||||VAR|X|||1',
    'G999| |5001|F|1|2||0073|00259||0007||',
    'G999| |5001|F|1|3|236|MAGNOLFI|61A|||17|',
    # The cellar below: C/2, same building.
    'G999| |5002|F|1|1||C02|01|12|14||40,00||||||S1||||01012015|01012015|V|000101|001|2015'
    '|||||||||||||VAR|X|||1',
    'G999| |5002|F|1|2||0073|00259||0008||',
    'G999| |5002|F|1|3|236|MAGNOLFI|61A|||17|',
    # Another dwelling on another street.
    'G999| |5003|F|1|1||A03|01|4|60||300,00||||||1||||01012015|01012015|V|000102|001|2015'
    '|||||||||||||VAR|X|||1',
    'G999| |5003|F|1|2||0012|00073||0003||',
    'G999| |5003|F|1|3|240|DELLA REPUBBLICA|280|||9|',
]) + '\n'

RESIDENTS = (
    'codice_fiscale;cognome;nome;data_nascita;cittadinanza;id_famiglia;indirizzo;civico;'
    'esponente;interno;scala;foglio;particella;subalterno\n'
    'HUXWEI90H55Z210H;HU;WEI;15/06/1990;CINA;F1;VIA MAGNOLFI;61;A;;;73;259;7\n'
    'CHNLIX00A01Z210P;CHEN;LI;01/01/2000;CINA;F1;VIA MAGNOLFI;61;A;;;73;259;7\n'
    'DPIMMD79R10Z343X;DIOP;MAMADOU;10/10/1979;SENEGAL;F9;VIALE DELLA REPUBBLICA;280;;;;;;\n')

TARI = ('codice_fiscale;contribuente;indirizzo;civico;esponente;interno;foglio;particella;'
        'subalterno;superficie_mq;data_inizio;data_fine\n'
        'HUXWEI90H55Z210H;HU WEI;VIA MAGNOLFI;61;A;;73;259;7;78;01/03/2019;\n')


class EstateWebTest(ServerTest):

    logins = ('clerk',)

    @classmethod
    def prepare(cls, server):
        d = server.dir
        for name, text in (('G999.FAB', FAB), ('res.csv', RESIDENTS), ('tari.csv', TARI)):
            with open(os.path.join(d, name), 'w', encoding='utf-8') as f:
                f.write(text)
        server.run('import-cadastre', os.path.join(d, 'G999.FAB'))
        server.run('import-residents', '--comune', 'G999', os.path.join(d, 'res.csv'))
        server.run('import-tari', '--comune', 'G999', os.path.join(d, 'tari.csv'))

    def lookup(self, dwelling, **extra):
        doc = application(dwelling=dwelling)
        tok = self.clerk.csrf('/cases/new')
        fields = form_fields(doc, tok) + list(extra.items())
        status, _, page = self.clerk.post('/cases/lookup', fields)
        self.assertEqual(status, 200)
        return doc, tok, page

    def picks(self, page):
        return re.findall(r'name="pick" value="(\d+)"', page)

    def value(self, page, name):
        m = re.search(r'name="%s" value="([^"]*)"' % re.escape(name), page)
        return html.unescape(m.group(1)) if m else None

    def test_find_pick_register_and_check(self):
        # By address, spelled as people do: both units at 61/A come up.
        _, _, page = self.lookup({'street': 'v. magnolfi', 'house_number': '61 a',
                                  'cap': '59100'})
        self.assertIn('id="lookup-results"', page)
        units = self.picks(page)
        self.assertEqual(len(units), 2)
        self.assertIn('VIA MAGNOLFI 61/A', page)
        self.assertIn('A/2 · 5 vani', page)
        # By identifiers.
        _, _, page = self.lookup({'street': '', 'house_number': '', 'cap': '59100',
                                  'foglio': '73', 'particella': '259', 'subalterno': '7'})
        [unit] = self.picks(page)
        # Nothing found says so.
        _, _, page = self.lookup({'street': 'Via Inesistente', 'house_number': '1',
                                  'cap': '59100'})
        self.assertIn('id="no-units"', page)
        # Picking fills the dwelling.
        _, _, page = self.lookup({'street': 'v. magnolfi', 'house_number': '61 a',
                                  'cap': '59100'}, pick=unit, use='1')
        self.assertIn('id="unit-picked"', page)
        self.assertEqual(self.value(page, 'dwelling.street'), 'VIA MAGNOLFI')
        self.assertEqual(self.value(page, 'dwelling.house_number'), '61/A')
        self.assertEqual(self.value(page, 'dwelling.foglio'), '73')
        self.assertEqual(self.value(page, 'dwelling.subalterno'), '7')
        self.assertEqual(self.value(page, 'dwelling.category'), 'A/2')
        self.assertEqual(self.value(page, 'dwelling.unit_id'), unit)
        # No earlier survey yet.
        self.assertNotIn('id="survey-offer"', page)

        # Register with the picked unit.
        doc = application(dwelling={'street': 'VIA MAGNOLFI', 'house_number': '61/A',
                                    'cap': '59100', 'foglio': '73', 'particella': '259',
                                    'subalterno': '7', 'category': 'A/2', 'unit_id': unit})
        tok = self.clerk.csrf('/cases/new')
        status, resp, _ = self.clerk.post('/cases', form_fields(doc, tok))
        self.assertEqual(status, 303)
        case_url = resp.getheader('Location').split('?')[0]
        self.assertEqual(self.server.sql('SELECT unit_id FROM dwellings WHERE case_id = ?',
                                         int(case_url.rsplit('/', 1)[1])), [(int(unit),)])
        status, _, page = self.clerk.get(case_url)
        self.assertEqual(status, 200)
        checks = re.search(r'<ul class="list-unstyled mb-0" id="checks">(.*?)</ul>', page,
                           re.S).group(1)
        items = re.findall(r'<li class="mb-2" data-level="(\w+)">(.*?)</li>', checks, re.S)
        text = {html.unescape(re.sub('<[^>]+>', '', t)).replace('Da verificare: ', ''): lvl
                for lvl, t in items}
        joined = '\n'.join(text)
        self.assertIn('Categoria A/2: abitazione.', joined)
        # 3 rooms: living + bedroom = 2 vani, bathroom 1/3 → 2,5 against 5: shown.
        self.assertRegex(joined, r'Consistenza catastale 5 vani; le stanze dichiarate '
                                 r'valgono 2,5 vani')
        # 35 m² net against 80 m² gross: 56% less, beyond 25%.
        self.assertRegex(joined, r'Superficie catastale 80 m²; superficie netta dichiarata '
                                 r'35,00 m², il 56% in meno')
        # Two residents in the anagrafe at the parcel, one declared.
        self.assertRegex(joined, r'In anagrafe 2 residenti all\'unità catastale \(1 famiglie\); '
                                 r'nella domanda 1 residenti')
        self.assertRegex(joined, r'Iscrizione TARI in corso a nome di HU WEI dal 01/03/2019')
        levels = {t.split(':')[0].split(' ')[0]: lvl for t, lvl in text.items()}
        self.assertEqual(levels['Categoria'], 'ok')
        self.assertEqual(levels['Consistenza'], 'warn')
        self.assertEqual(levels['Superficie'], 'warn')
        self.assertEqual(levels['In'], 'warn')
        self.assertEqual(levels['Iscrizione'], 'ok')
        # Every check names its source and date.
        self.assertIn('Fonte: Catasto: G999.FAB, importato il', page)
        self.assertIn('Fonte: Anagrafe: ', page)
        self.assertIn('Fonte: TARI: ', page)

        # The unit page lists the case and the residents count.
        status, _, upage = self.clerk.get(f'/units/{unit}')
        self.assertEqual(status, 200)
        self.assertIn(case_url, upage)
        self.assertRegex(upage, r'id="unit-residents">2 ')
        self.assertIn('HU WEI', upage)

        # A second application on the same unit is offered the survey.
        _, _, page = self.lookup({'street': 'via magnolfi', 'house_number': '61/a',
                                  'cap': '59100'}, pick=unit, use='1')
        self.assertIn('id="survey-offer"', page)
        first_case = case_url.rsplit('/', 1)[1]
        self.assertIn(f'name="reuse" value="{first_case}"', page)
        doc = application(rooms=[])
        tok = self.clerk.csrf('/cases/new')
        status, _, page = self.clerk.post('/cases/lookup', form_fields(doc, tok) +
                                          [('reuse', first_case)])
        self.assertIn('id="survey-reused"', page)
        self.assertEqual(self.value(page, 'rooms.0.name'), 'Soggiorno')
        self.assertEqual(self.value(page, 'rooms.2.name'), 'Bagno')

        # Registered with changed rooms, the new case shows what changed.
        doc = application(dwelling={'street': 'VIA MAGNOLFI', 'house_number': '61/A',
                                    'cap': '59100', 'unit_id': unit})
        doc['rooms'][1]['area'] = '12,00'
        tok = self.clerk.csrf('/cases/new')
        status, resp, _ = self.clerk.post('/cases', form_fields(doc, tok))
        second = resp.getheader('Location').split('?')[0]
        status, _, page = self.clerk.get(second)
        self.assertIn('id="survey-diff"', page)
        self.assertEqual(page.count('data-changed="1"'), 1)
        self.assertIn(f'href="{second}/rooms?from={first_case}"', page)
        status, _, page = self.clerk.get(f'{second}/rooms?from={first_case}')
        self.assertEqual(status, 200)
        self.assertEqual(self.value(page, 'rooms.1.area'), '14,00')

    def test_unit_of_another_comune_or_made_up_is_refused(self):
        doc = application(dwelling={'street': 'VIA MAGNOLFI', 'house_number': '61/A',
                                    'cap': '59100', 'unit_id': '999999'})
        tok = self.clerk.csrf('/cases/new')
        status, _, page = self.clerk.post('/cases', form_fields(doc, tok))
        self.assertEqual(status, 422)
        self.assertIn('Unità catastale: non è tra quelle del catasto del comune', page)
        status, _, _ = self.clerk.get('/units/999999')
        self.assertEqual(status, 404)
        # Another comune's clerk does not see Prato's units.
        other = Browser(self.server)
        other.login('vaiano')
        unit = self.server.sql('SELECT min(id) FROM cadastral_units')[0][0]
        status, _, _ = other.get(f'/units/{unit}')
        self.assertEqual(status, 404)

    def test_case_without_unit_matches_by_address(self):
        doc = application(dwelling={'street': 'Viale della Repubblica', 'house_number': '280',
                                    'cap': '59100'})
        tok = self.clerk.csrf('/cases/new')
        status, resp, _ = self.clerk.post('/cases', form_fields(doc, tok))
        self.assertEqual(status, 303)
        status, _, page = self.clerk.get(resp.getheader('Location').split('?')[0])
        self.assertIn("dall&#39;indirizzo dichiarato", page.replace('&#x27;', '&#39;'))
        self.assertIn('Categoria A/3: abitazione.', page)
        # One resident at that address in the anagrafe, one declared.
        self.assertRegex(page, r'In anagrafe 1 residenti all.{1,6}indirizzo')
        self.assertIn('Nessuna iscrizione TARI per questo alloggio.', page)

    def test_api(self):
        api = Api(self.server, CLERK_KEY)
        status, _, doc = api.call('GET', '/api/v1/units?address=' +
                                  'Viale%20della%20Repubblica%20280')
        self.assertEqual(status, 200)
        [u] = doc['units']
        self.assertEqual((u['category'], u['foglio'], u['particella'], u['subalterno'],
                          u['score']), ('A/3', '12', '73', '3', 100))
        self.assertEqual(u['consistenza'], {'value': 4, 'unit': 'vani'})
        status, _, doc = api.call('GET', '/api/v1/units?foglio=0073&particella=259')
        self.assertEqual(sorted(x['subalterno'] for x in doc['units']), ['7', '8'])
        status, _, one = api.call('GET', f"/api/v1/units/{u['id']}")
        self.assertEqual((status, one['id']), (200, u['id']))
        # Bad queries get a problem that says what to send.
        status, _, p = api.call('GET', '/api/v1/units')
        self.assertEqual(status, 400)
        self.assertIn('address', p['detail'])
        status, _, _ = api.call('GET', '/api/v1/units?address=x&foglio=1')
        self.assertEqual(status, 400)
        status, _, _ = api.call('GET', '/api/v1/units/999999')
        self.assertEqual(status, 404)
        # Associations may look units up too, for the forms they fill in.
        status, _, doc = Api(self.server, ASSOC_KEY).call(
            'GET', '/api/v1/units?address=via%20magnolfi%2061a')
        self.assertEqual((status, len(doc['units'])), (200, 2))


if __name__ == '__main__':
    unittest.main()
