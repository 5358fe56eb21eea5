"""The T-Serve network: the demo's points, the administrator's page and its
CSV both ways (all or nothing), statuses, and the API's points nearest a
place (listPoints)."""
import re

from harness import ASSOC_KEY, CLERK_KEY, Browser, ServerTest, application, form_fields


class PointsTest(ServerTest):
    logins = ('admin', 'clerk')
    api_key = CLERK_KEY

    def post(self, path, fields):
        tok = self.admin.csrf('/admin/points')
        return self.admin.post(path, dict(fields, csrf=tok))

    def upload(self, data):
        tok = self.admin.csrf('/admin/points')
        return self.admin.post_multipart('/admin/points/import', [('csrf', tok)],
                                         [('file', 'punti.csv', data.encode())])

    def names(self, **query):
        q = '&'.join(f'{k}={v}' for k, v in query.items())
        status, _, doc = self.api.call('GET', '/api/v1/points' + ('?' + q if q else ''))
        self.assertEqual(status, 200)
        return [p['name'] for p in doc['points']], doc['points']

    def test_demo_network_and_nearest(self):
        # The demo's dozen, loaded first (other tests add their own).
        count = self.server.sql("SELECT count(*), sum(CASE WHEN status = 'accredited' "
                                "THEN 1 ELSE 0 END) FROM points WHERE id <= 12")
        self.assertEqual(count, [(12, 11)])
        # From the station: the station's newsagent, then the centre.
        names, points = self.names(lat='43.8852', lon='11.1067', limit=3)
        self.assertEqual(names[0], 'Edicola Stazione Centrale')
        self.assertEqual(len(names), 3)
        self.assertEqual([p['distance_m'] for p in points],
                         sorted(p['distance_m'] for p in points))
        self.assertRegex(points[1]['distance'], r'^\d+ m$|^\d+,\d km$')
        self.assertIn('hours', points[0])
        # From Iolo, in the south-west.
        names, _ = self.names(lat='43,8539', lon='11,0700', limit=1)
        self.assertEqual(names, ['Edicola Iolo'])
        # The suspended point is never offered.
        names, _ = self.names(limit=100)
        self.assertNotIn('Tabaccheria La Querce', names)
        self.assertIn('Ufficio Immigrazione', names)
        self.assertEqual(names, sorted(names))
        # An association's key sees them too; bad places are refused.
        from harness import Api
        status, _, _ = Api(self.server, ASSOC_KEY).call('GET', '/api/v1/points')
        self.assertEqual(status, 200)
        for bad in ('lat=91&lon=11', 'lat=43.8', 'lat=x&lon=y', 'limit=0', 'limit=500'):
            status, _, doc = self.api.call('GET', '/api/v1/points?' + bad)
            self.assertEqual(status, 400, bad)

    def test_admin_page_form_and_status(self):
        status, _, html = self.admin.get('/admin/points')
        self.assertEqual(status, 200)
        self.assertIn('Tabaccheria Centro', html)
        self.assertEqual(self.clerk.get('/admin/points')[0], 403)
        point = {'comune': 'G999', 'nome': 'Edicola Galciana', 'tipo': 'newsagent',
                 'indirizzo': 'Via di Galciana 80, 59100 Prato', 'lat': '43.8830',
                 'lon': '11.0560', 'orari': 'lun-sab 6-13', 'contatto': '0574 000 111',
                 'rilascio': 'on', 'stato': 'accredited'}
        for bad in ({'lat': '143'}, {'tipo': 'bar'}, {'nome': ''}, {'comune': 'X000'},
                    {'rilascio': 'forse'}):
            status, _, html = self.post('/admin/points', dict(point, **bad))
            self.assertEqual(status, 422, bad)
            self.assertIn('id="points-error"', html)
        status, _, _ = self.post('/admin/points', point)
        self.assertEqual(status, 303)
        # The same name again changes it.
        status, _, _ = self.post('/admin/points', dict(point, indirizzo='Via di Galciana 82'))
        self.assertEqual(status, 303)
        rows = self.server.sql("SELECT id, address, lat_e6, releases, collects_fees FROM points "
                               "WHERE name = 'Edicola Galciana'")
        self.assertEqual(rows[0][1:], ('Via di Galciana 82', 43883000, 1, 0))
        pid = rows[0][0]
        names, _ = self.names(lat='43.8830', lon='11.0560', limit=1)
        self.assertEqual(names, ['Edicola Galciana'])
        status, _, _ = self.post(f'/admin/points/{pid}/status', {'status': 'suspended'})
        self.assertEqual(status, 303)
        names, _ = self.names(lat='43.8830', lon='11.0560', limit=1)
        self.assertNotEqual(names, ['Edicola Galciana'])
        self.assertEqual(self.post(f'/admin/points/{pid}/status', {'status': 'x'})[0], 422)
        self.assertEqual(self.post('/admin/points/999999/status', {'status': 'closed'})[0], 404)
        audit = self.server.sql("SELECT action, detail FROM audit WHERE entity = 'point' AND "
                                "entity_id = ? ORDER BY id", pid)
        self.assertEqual(audit, [('point_save', 'accredited'), ('point_save', 'accredited'),
                                 ('point_status', 'suspended')])

    def test_csv_round_trip_and_all_or_nothing(self):
        status, resp, csv = self.admin.get('/admin/points.csv')
        self.assertEqual(status, 200)
        self.assertIn('attachment', resp.getheader('Content-Disposition'))
        lines = csv.strip().split('\r\n')
        self.assertEqual(lines[0], 'comune;nome;tipo;indirizzo;lat;lon;orari;contatto;'
                                   'rilascio;tributi;stato')
        before = self.server.sql('SELECT * FROM points ORDER BY id')
        # The file as exported goes back in and changes nothing but times.
        status, _, html = self.upload(csv)
        self.assertEqual(status, 200, html)
        self.assertRegex(html, r'Punti importati: \d+\.')
        after = self.server.sql('SELECT * FROM points ORDER BY id')
        self.assertEqual([r[:-1] for r in before], [r[:-1] for r in after])
        # A new point on a good line and a bad line: nothing is imported.
        new = 'G999;Tabacchi Viaccia;tobacconist;Via Viaccia 3;43.8950;11.0700;;;si;no;accredited'
        bad = 'G999;Edicola Sbagliata;newsagent;Via X 1;forty-three;11.07;;;si;no;accredited'
        status, _, html = self.upload('\r\n'.join([lines[0], new, bad]) + '\r\n')
        self.assertEqual(status, 422)
        self.assertIn('riga 3: coordinate', re.sub(r'<[^>]+>', '', html))
        self.assertEqual(self.server.sql("SELECT count(*) FROM points WHERE name = "
                                         "'Tabacchi Viaccia'"), [(0,)])
        # A comma-separated file with a quoted field is read as well.
        status, _, html = self.upload('comune,nome,tipo,indirizzo,lat,lon,orari,contatto,'
                                      'rilascio,tributi,stato\n'
                                      'G999,Tabacchi Viaccia,tobacconist,"Via Viaccia 3, Prato",'
                                      '43.8950,11.0700,"lun-sab 7-13, 16-19",,si,si,accredited\n')
        self.assertEqual(status, 200, html)
        self.assertEqual(self.server.sql("SELECT address, hours, collects_fees FROM points "
                                         "WHERE name = 'Tabacchi Viaccia'"),
                         [('Via Viaccia 3, Prato', 'lun-sab 7-13, 16-19', 1)])
        # A name with a quote and the separator is quoted, and comes back.
        status, _, _ = self.post('/admin/points', {
            'comune': 'G999', 'nome': 'Edicola "Il Borgo"; 2', 'tipo': 'newsagent',
            'indirizzo': 'Via del Borgo 2', 'lat': '43.88', 'lon': '11.09',
            'stato': 'accredited'})
        self.assertEqual(status, 303)
        _, _, csv = self.admin.get('/admin/points.csv')
        self.assertIn('G999;"Edicola ""Il Borgo""; 2";newsagent;', csv)
        status, _, html = self.upload(csv)
        self.assertEqual(status, 200, html)
        self.assertEqual(self.server.sql("SELECT count(*) FROM points WHERE name = "
                                         "'Edicola \"Il Borgo\"; 2'"), [(1,)])
        # A wrong header, an empty upload.
        status, _, html = self.upload('name;address\nx;y\n')
        self.assertEqual(status, 422)
        self.assertIn('intestazione', html)
        status, _, _ = self.upload('')
        self.assertEqual(status, 422)

    def test_operators_are_bound_to_one_point(self):
        # The demo's operator works at Tabaccheria Centro and sees it.
        op = Browser(self.server)
        op.login('point')
        status, _, html = op.get('/point')
        self.assertEqual(status, 200)
        self.assertIn('Tabaccheria Centro', re.search(r'id="my-point".*?</div>', html,
                                                      re.S).group(0))
        self.assertEqual(op.get('/admin/points')[0], 403)
        self.assertEqual(op.get('/cases')[0], 403)
        # A new operator needs a point of their comune that is not closed.
        self.post('/admin/points', {'comune': 'L537', 'nome': 'Edicola Vaiano',
                                    'tipo': 'newsagent', 'indirizzo': 'Piazza Marconi 1, Vaiano',
                                    'lat': '43.9680', 'lon': '11.1230', 'rilascio': 'on',
                                    'stato': 'accredited'})
        self.post('/admin/points', {'comune': 'G999', 'nome': 'Edicola Chiusa',
                                    'tipo': 'newsagent', 'indirizzo': 'Via Roma 1, Prato',
                                    'lat': '43.87', 'lon': '11.09', 'stato': 'closed'})
        ids = dict(self.server.sql('SELECT name, id FROM points'))
        closed = [(ids['Edicola Chiusa'],)]
        user = {'username': 'edicola1', 'full_name': 'Operatore Edicola', 'role': 'point',
                'comune': 'G999', 'password': 'una-password-lunga'}
        for point in ('', str(ids['Edicola Vaiano']), str(closed[0][0]), '999999', 'x'):
            tok = self.admin.csrf('/admin')
            status, _, html = self.admin.post('/admin/users', dict(user, point=point, csrf=tok))
            self.assertEqual(status, 422, point)
            self.assertIn('punto T-Serve', html)
        tok = self.admin.csrf('/admin')
        status, _, _ = self.admin.post('/admin/users', dict(
            user, point=str(ids['Edicola Mercatale']), csrf=tok))
        self.assertEqual(status, 201)
        self.assertEqual(self.server.sql("SELECT point_id FROM users WHERE username = 'edicola1'"),
                         [(ids['Edicola Mercatale'],)])
        # The command line names the point by its name; a closed one is
        # refused there too.
        self.server.extra_env['IDONEO_PASSWORD'] = 'una-password-lunga'
        p = self.server.run('user', 'add', 'edicola2', 'point', 'G999', 'Operatore Due',
                            'Edicola Stazione Centrale')
        self.assertIn('created', p.stdout)
        self.assertEqual(self.server.sql("SELECT point_id FROM users WHERE username = 'edicola2'"),
                         [(ids['Edicola Stazione Centrale'],)])
        p = self.server.run('user', 'add', 'edicola3', 'point', 'G999', 'Operatore Tre',
                            'Edicola Chiusa', check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn('punto T-Serve', p.stderr)
        _, _, html = self.admin.get('/admin')
        self.assertRegex(html, r'data-user="edicola1">.*?Edicola Mercatale')
        b = Browser(self.server)
        tok = b.csrf('/login')
        b.post('/login', {'csrf': tok, 'username': 'edicola1', 'password': 'una-password-lunga'})
        _, _, html = b.get('/point')
        self.assertIn('Edicola Mercatale', html)
        self.assertNotIn('Tabaccheria Centro', html)

    def test_nearest_to_an_address(self):
        # The API, from the comune's stradario: Via Roma runs south to
        # the Soccorso, whose tobacconist is nearest.
        names, points = self.names(address='Via%20Roma%2012', limit=3)
        self.assertEqual(names[0], 'Tabaccheria Soccorso')
        self.assertEqual([p['distance_m'] for p in points],
                         sorted(p['distance_m'] for p in points))
        status, _, doc = self.api.call('GET', '/api/v1/points?address=Via%20Inesistente')
        self.assertEqual(status, 404)
        # The counter form offers the points nearest the dwelling, or
        # nearest an address typed for the collection.
        tok = self.clerk.csrf('/cases/new')
        fields = form_fields(application(), tok)
        status, _, html = self.clerk.post('/cases/preview', fields)
        self.assertEqual(status, 200)
        options = re.findall(r'<option value="(\d+)"[^>]*>([^<·]+) · (\d+(?:,\d)? k?m)',
                             html[html.index('id="collection-point"'):])
        self.assertEqual(options[0][1].strip(), 'Tabaccheria Soccorso')
        self.assertIn('dal più vicino', html)
        status, _, html = self.clerk.post('/cases/preview', fields + [
            ('collection_near', 'Piazza della Stazione')])
        options = re.findall(r'<option value="(\d+)"[^>]*>([^<·]+) ·',
                             html[html.index('id="collection-point"'):])
        self.assertEqual(options[0][1].strip(), 'Edicola Stazione Centrale')
        # Chosen at the counter, it is the case's.
        status, resp, _ = self.clerk.post('/cases', fields + [
            ('collection_point', options[0][0])])
        self.assertEqual(status, 303)
        cid = int(re.search(r'/cases/(\d+)', resp.getheader('Location')).group(1))
        _, _, html = self.clerk.get(f'/cases/{cid}')
        self.assertIn('id="collection-place">Edicola Stazione Centrale', html)
        # A stradario the administrator loads is all or nothing.
        tok = self.admin.csrf('/admin/points')
        status, _, html = self.admin.post_multipart(
            '/admin/points/streets', [('csrf', tok)],
            [('file', 's.csv', b'comune;via;lat;lon\nG999;Via Nuova;43.87;11.09\n'
                               b'G999;Via Rotta;91;11\n')])
        self.assertEqual(status, 422)
        self.assertIn('riga 3', html)
        self.assertEqual(self.server.sql("SELECT count(*) FROM streets WHERE "
                                         "street_key = 'NUOVA'"), [(0,)])
        status, _, html = self.admin.post_multipart(
            '/admin/points/streets', [('csrf', tok)],
            [('file', 's.csv', b'comune;via;lat;lon\nG999;Via Nuova;43.87;11.09\n')])
        self.assertEqual(status, 200)
        self.assertIn('Vie importate: 1.', html)
