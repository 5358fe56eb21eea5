"""The certificate as a document: issued and sealed at certificate_ready,
an A4 PDF with every field, a QR code that leads to the verification page,
the same bytes every time, `idoneo verify` for files and codes, the
statuses valid, expired, revoked and superseded, personal data only after
proof, copies, keys and their rotation, and nothing cut with long names, a
Chinese name or twelve rooms."""
import json
import os
import re
import subprocess
import tempfile
import unittest

from harness import (Api, Browser, CLERK_KEY, Server, ServerTest, application)


def issue(server, api, head, **over):
    """An application taken, approved by the head and made ready: the
    certificate is issued.  Returns the case."""
    status, _, c = api.call('POST', '/api/v1/applications', application(**over))
    assert status == 201, c
    api.call('POST', f'/api/v1/applications/{c["id"]}/transitions', {'action': 'take'})
    tok = head.csrf(f'/cases/{c["id"]}')
    status, _, _ = head.post(f'/cases/{c["id"]}/transition', {'csrf': tok, 'action': 'approve'})
    assert status == 303
    status, _, doc = api.call('POST', f'/api/v1/applications/{c["id"]}/transitions',
                              {'action': 'certificate_ready'})
    assert status == 200, doc
    return c


def pdf_of(server, case_id, query=''):
    status, resp, data = server.request(
        'GET', f'/api/v1/applications/{case_id}/certificate.pdf{query}',
        headers={'Authorization': f'Bearer {CLERK_KEY}'})
    return status, resp, data


def tool(*args, data=None):
    """Runs a poppler or zbar tool on a PDF's bytes; returns its output."""
    with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
        f.write(data)
        f.flush()
        out = subprocess.run([a if a != 'FILE' else f.name for a in args],
                             capture_output=True, check=True)
        return out.stdout


def text_of(data):
    return tool('pdftotext', '-layout', 'FILE', '-', data=data).decode()


def qr_of(data):
    with tempfile.TemporaryDirectory() as d:
        tool('pdftoppm', '-r', '150', '-png', 'FILE', os.path.join(d, 'p'), data=data)
        png = [os.path.join(d, n) for n in os.listdir(d)][0]
        out = subprocess.run(['zbarimg', '-q', '--raw', png], capture_output=True)
        return out.stdout.decode().strip()


def grey_page(data, dpi=36):
    """Page 1 as a grey image: (width, height, pixels)."""
    with tempfile.TemporaryDirectory() as d:
        tool('pdftoppm', '-r', str(dpi), '-gray', '-singlefile', 'FILE',
             os.path.join(d, 'p'), data=data)
        with open(os.path.join(d, 'p.pgm'), 'rb') as f:
            raw = f.read()
    m = re.match(rb'P5\s+(\d+)\s+(\d+)\s+(\d+)\s', raw)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, raw[m.end():]


def words_of(data):
    """Every word's box on page 1, in points: (text, xmin, ymin, xmax, ymax)."""
    html = tool('pdftotext', '-bbox', 'FILE', '-', data=data).decode()
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html)]


class CertificateTest(ServerTest):
    logins = ('head', 'clerk')
    api_key = CLERK_KEY

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = issue(cls.server, cls.api, cls.head)
        status, cls.resp, cls.pdf = pdf_of(cls.server, cls.case['id'])
        assert status == 200

    def code_of(self, case_id):
        _, _, html = self.head.get(f'/cases/{case_id}')
        return re.search(r'id="cert-code">([A-Z-]+)<', html).group(1)

    def test_pdf_states_every_field_on_one_a4_page(self):
        self.assertEqual(self.resp.getheader('Content-Type'), 'application/pdf')
        self.assertIn('filename="certificato-2026-0000001.pdf"',
                      self.resp.getheader('Content-Disposition'))
        info = tool('pdfinfo', 'FILE', data=self.pdf).decode()
        self.assertIn('Pages:           1', info)
        self.assertRegex(info, r'Page size:\s+595.2\d* x 841.8\d* pts \(A4\)')
        text = text_of(self.pdf)
        code = self.code_of(self.case['id'])
        for field in ('COMUNE DI PRATO', 'Servizio Immigrazione',
                      'CERTIFICATO DI IDONEITÀ ALLOGGIATIVA', '2026/0000001',
                      self.case['protocol'],
                      'Ricongiungimento familiare', 'Chen Li', 'Wenzhou (Cina)',
                      'CHNLIX00A01Z210P', 'Passaporto n. E12345',
                      'Via Roma 12/A', '59100 Prato', 'Foglio 10', 'Particella 200',
                      'Subalterno 3', 'Categoria A/2', 'Soggiorno', 'Camera da letto',
                      'Bagno', '16,00', '14,00', '5,00', 'Superficie abitabile',
                      'Superficie totale', 'Numero massimo di occupanti',
                      'Residenti attuali', 'Posti ancora disponibili',
                      'Idoneità igienico-sanitaria', 'Regole "prato", versione 1',
                      'Laura Bini', '01234567890123', code,
                      'Firma autografa sostituita a mezzo stampa / contrassegno',
                      'elettronico (art. 23 CAD'):
            self.assertIn(field, text)
        # Dates in the Italian form: issued today, valid for 12 months.
        self.assertRegex(text, r'\d\d/\d\d/2026')
        self.assertRegex(text, r'\d\d/\d\d/2027')
        # No DPR 445/2000 art. 40 wording on a technical attestation.
        self.assertNotIn('non può essere prodotto', text)
        # The numbers the case computed.
        status, _, doc = self.api.call('GET', f'/api/v1/applications/{self.case["id"]}')
        a = doc['assessment']
        self.assertRegex(text, rf'Numero massimo di occupanti[^\n]*\s+{a["max_occupants"]}\b')
        self.assertRegex(text, rf'Posti ancora disponibili[^\n]*\s+{a["places_available"]}\b')

    def test_second_language_is_the_applicants(self):
        # The applicant reads Chinese: every label also in Chinese.
        text = text_of(self.pdf)
        for label in ('住房适宜性证明', 'Richiedente / 申请人', 'Cittadinanza / 国籍',
                      'Numero massimo di occupanti / 最多居住人数'):
            self.assertIn(label, text)
        # In Arabic, right to left; in Italian, Italian alone.
        a = application()['applicant']
        c = issue(self.server, self.api, self.head, applicant=dict(a, language='ar'))
        text = text_of(pdf_of(self.server, c['id'])[2])
        # (pdftotext splits joined Arabic letters; these come out whole.)
        self.assertIn('Cittadinanza / \u202bالجنسية\u202c', text)
        self.assertIn('Indirizzo / \u202bالعنوان\u202c', text)
        c = issue(self.server, self.api, self.head, applicant=dict(a, language='it'))
        text = text_of(pdf_of(self.server, c['id'])[2])
        self.assertNotIn(' / ', text.replace('Firma autografa sostituita a mezzo stampa / ', ''))
        self.assertIn('Richiedente', text)

    def test_qr_code_leads_to_the_verification_page(self):
        url = qr_of(self.pdf)
        code = self.code_of(self.case['id']).replace('-', '')
        self.assertEqual(url, f'http://127.0.0.1:{self.server.port}/v/{code}')
        status, _, html = self.server.request('GET', url.split(str(self.server.port), 1)[1])
        self.assertEqual(status, 200)
        self.assertIn('data-status="valid"', html.decode())

    def test_same_certificate_same_bytes(self):
        _, _, again = pdf_of(self.server, self.case['id'])
        status, _, staff = self.head.server.request(
            'GET', f'/cases/{self.case["id"]}/certificate.pdf',
            headers=self.head._headers())
        self.assertEqual(status, 200)
        self.assertEqual(again, self.pdf)
        self.assertEqual(staff, self.pdf)

    def test_editing_the_case_does_not_change_the_certificate(self):
        c = issue(self.server, self.api, self.head)
        _, _, before = pdf_of(self.server, c['id'])
        self.server.sql("UPDATE applicants SET surname = 'Changed' WHERE case_id = ?", c['id'])
        self.server.sql("UPDATE rooms SET area = 9900 WHERE case_id = ?", c['id'])
        _, _, after = pdf_of(self.server, c['id'])
        self.assertEqual(before, after)
        self.assertNotIn('Changed', text_of(after))

    def test_verify_accepts_the_file_and_refuses_a_changed_byte(self):
        with tempfile.TemporaryDirectory() as d:
            good = os.path.join(d, 'good.pdf')
            with open(good, 'wb') as f:
                f.write(self.pdf)
            r = self.server.run('verify', good, check=False)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn('VALID', r.stdout)
            # One byte changed in the page, then one in the seal line.
            for where in (len(self.pdf) // 3, self.pdf.index(b'idoneo-seal/1') + 200):
                bad = bytearray(self.pdf)
                bad[where] = bad[where] ^ 0x01
                path = os.path.join(d, f'bad{where}.pdf')
                with open(path, 'wb') as f:
                    f.write(bytes(bad))
                r = self.server.run('verify', path, check=False)
                self.assertEqual(r.returncode, 1, r.stdout)
                self.assertIn('INVALID', r.stdout)
            # A changed date outside the seal: the seal holds, the file
            # does not.
            i = self.pdf.index(b'/CreationDate (2026') + len(b'/CreationDate (202')
            bad = self.pdf[:i] + b'7' + self.pdf[i + 1:]
            with open(os.path.join(d, 'title.pdf'), 'wb') as f:
                f.write(bad)
            r = self.server.run('verify', os.path.join(d, 'title.pdf'), check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn('changed after issue', r.stdout)
            # Not a PDF, no file at all.
            with open(os.path.join(d, 'x.pdf'), 'wb') as f:
                f.write(b'hello')
            self.assertEqual(self.server.run('verify', os.path.join(d, 'x.pdf'),
                                             check=False).returncode, 2)
            self.assertEqual(self.server.run('verify', os.path.join(d, 'none.pdf'),
                                             check=False).returncode, 2)
        code = self.code_of(self.case['id'])
        r = self.server.run('verify', code, check=False)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertEqual(self.server.run('verify', 'KHRT-MWAC-PXEN', check=False).returncode, 1)
        self.assertEqual(self.server.run('verify', 'NOT-A-CODE', check=False).returncode, 2)

    def test_verification_page_and_json(self):
        code = self.code_of(self.case['id'])
        status, resp, data = self.server.request('GET', f'/v/{code}.json')
        self.assertEqual(status, 200)
        v = json.loads(data)
        self.assertEqual(v['status'], 'valid')
        self.assertTrue(v['seal_valid'])
        self.assertEqual(v['number'], '2026/0000001')
        self.assertEqual(v['comune']['name'], 'Prato')
        self.assertEqual(v['address'], 'Via Roma 12/A - 59100 Prato')
        self.assertIn('max_occupants', v)
        self.assertNotIn('applicant', v)
        self.assertEqual(resp.getheader('Cache-Control'), 'no-store')
        # The page: no personal data until the surname or document number.
        anon = Browser(self.server)
        status, _, html = anon.get(f'/v/{code.lower()}')
        self.assertEqual(status, 200)
        self.assertIn('Certificato valido', html)
        self.assertNotIn('Chen', html)
        status, _, html = anon.post(f'/v/{code}', {'proof': 'Rossi'})
        self.assertNotIn('Chen', html)
        self.assertIn('id="verify-wrong-proof"', html)
        for proof in ('chen', 'E 12345'):
            status, _, html = anon.post(f'/v/{code}', {'proof': proof})
            self.assertIn('id="verify-applicant">Chen Li', html)
        # The typed form leads to the page.
        status, resp, _ = anon.get('/v?code=' + code.lower())
        self.assertEqual(status, 303)
        self.assertEqual(resp.getheader('Location'), '/v/' + code.replace('-', ''))
        status, _, html = anon.get('/v/KHRTMWACPXEN')
        self.assertEqual(status, 404)
        self.assertIn('id="verify-unknown"', html)

    def test_revoked_and_superseded(self):
        c1 = issue(self.server, self.api, self.head)
        c2 = issue(self.server, self.api, self.head)
        code1, code2 = self.code_of(c1['id']), self.code_of(c2['id'])
        # The clerk may not revoke; the head must give a reason.
        tok = self.clerk.csrf(f'/cases/{c1["id"]}')
        status, _, _ = self.clerk.post(f'/cases/{c1["id"]}/certificate',
                                       {'csrf': tok, 'do': 'revoke', 'reason': 'x'})
        self.assertEqual(status, 403)
        tok = self.head.csrf(f'/cases/{c1["id"]}')
        status, _, html = self.head.post(f'/cases/{c1["id"]}/certificate',
                                         {'csrf': tok, 'do': 'revoke', 'reason': ''})
        self.assertEqual(status, 422)
        status, _, _ = self.head.post(f'/cases/{c1["id"]}/certificate',
                                      {'csrf': tok, 'do': 'revoke',
                                       'reason': 'Dichiarazione non veritiera'})
        self.assertEqual(status, 303)
        v = json.loads(self.server.request('GET', f'/v/{code1}.json')[2])
        self.assertEqual(v['status'], 'revoked')
        self.assertEqual(self.server.run('verify', code1, check=False).returncode, 1)
        # A correction: a new number, the old one superseded.
        tok = self.head.csrf(f'/cases/{c2["id"]}')
        status, _, _ = self.head.post(f'/cases/{c2["id"]}/certificate',
                                      {'csrf': tok, 'do': 'correct',
                                       'reason': 'Errore nel numero civico'})
        self.assertEqual(status, 303)
        v = json.loads(self.server.request('GET', f'/v/{code2}.json')[2])
        self.assertEqual(v['status'], 'superseded')
        new_code = self.code_of(c2['id'])
        self.assertNotEqual(new_code, code2)
        v2 = json.loads(self.server.request('GET', f'/v/{new_code}.json')[2])
        self.assertEqual(v2['status'], 'valid')
        self.assertEqual(v['superseded_by'], v2['number'])
        _, _, pdf = pdf_of(self.server, c2['id'])
        self.assertIn('sostituisce il certificato n. ' + v['number'],
                      re.sub(r'\s+', ' ', text_of(pdf)))
        audit = self.server.sql("SELECT action FROM audit WHERE entity = 'certificate' "
                                "ORDER BY id")
        actions = [a for (a,) in audit]
        for a in ('certificate_issue', 'certificate_revoke', 'certificate_correct'):
            self.assertIn(a, actions)

    def test_reprint_and_certified_copy(self):
        c = issue(self.server, self.api, self.head)
        tok = self.clerk.csrf(f'/cases/{c["id"]}')
        status, resp, _ = self.clerk.post(f'/cases/{c["id"]}/certificate',
                                          {'csrf': tok, 'do': 'reprint'})
        self.assertEqual(status, 303)
        loc = resp.getheader('Location')
        self.assertIn('copy=copy&n=1', loc)
        status, resp, data = self.server.request('GET', loc, headers=self.clerk._headers())
        self.assertEqual(status, 200)
        self.assertIn('copia-1.pdf', resp.getheader('Content-Disposition'))
        self.assertIn('COPIA n. 1', text_of(data))
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(data)
            f.flush()
            r = self.server.run('verify', f.name, check=False)
            self.assertEqual(r.returncode, 0, r.stdout)
            self.assertIn('(a copy)', r.stdout)
        status, resp, _ = self.clerk.post(f'/cases/{c["id"]}/certificate',
                                          {'csrf': tok, 'do': 'certified'})
        loc = resp.getheader('Location')
        _, _, data = self.server.request('GET', loc, headers=self.clerk._headers())
        self.assertIn("COPIA CONFORME ALL'ORIGINALE n. 1", text_of(data))
        # A copy that was never made is not there.
        status, _, _ = self.server.request('GET', loc.replace('n=1', 'n=5'),
                                           headers=self.clerk._headers())
        self.assertEqual(status, 404)
        self.assertEqual(self.server.sql(
            "SELECT reprints, certified_copies FROM certificates WHERE case_id = ?",
            c['id']), [(1, 1)])
        # Prato's certified copy costs 6 euro.
        self.assertEqual(self.server.sql(
            "SELECT kind, fee_cents FROM certificate_copies WHERE certificate_id = "
            "(SELECT id FROM certificates WHERE case_id = ?) ORDER BY id", c['id']),
            [('copy', 0), ('certified', 600)])
        self.assertEqual(self.server.sql(
            "SELECT count(*) FROM audit WHERE action IN ('certificate_reprint', "
            "'certificate_certified_copy') AND entity_id = (SELECT id FROM certificates "
            "WHERE case_id = ?)", c['id']), [(2,)])

    def test_no_certificate_before_ready(self):
        status, _, c = self.api.call('POST', '/api/v1/applications', application())
        status, _, doc = pdf_of(self.server, c['id'])
        self.assertEqual(status, 404)
        self.assertIn('certificate_ready', json.loads(doc)['detail'])
        status, _, _ = self.server.request('GET', f'/cases/{c["id"]}/certificate.pdf')
        self.assertEqual(status, 303)     # to the login

    def test_keys_published_and_rotated(self):
        status, _, data = self.server.request('GET', '/.well-known/idoneo-keys.json')
        self.assertEqual(status, 200)
        keys = json.loads(data)['keys']
        prato = [k for k in keys if k['comune'] == 'G999']
        self.assertEqual(len(prato), 1)
        self.assertEqual(prato[0]['alg'], 'Ed25519')
        self.assertIsNone(prato[0]['valid_until'])
        self.assertNotIn('secret', data.decode())
        keydir = os.path.join(self.server.dir, 'keys')
        self.assertEqual(os.stat(keydir).st_mode & 0o777, 0o700)
        for n in os.listdir(keydir):
            if n.endswith('.key'):
                self.assertEqual(os.stat(os.path.join(keydir, n)).st_mode & 0o777, 0o600)
        c = issue(self.server, self.api, self.head)
        _, _, old = pdf_of(self.server, c['id'])
        r = self.server.run('keys', 'rotate', '--comune', 'G999')
        new_kid = re.search(r'new key (\S+);', r.stdout).group(1)
        keys = json.loads(self.server.request('GET', '/.well-known/idoneo-keys.json')[2])['keys']
        prato = {k['kid']: k for k in keys if k['comune'] == 'G999'}
        self.assertEqual(len(prato), 2)
        self.assertIsNotNone(prato[[k for k in prato if k != new_kid][0]]['valid_until'])
        listing = self.server.run('keys', 'list').stdout
        self.assertIn('no (retired)', listing)
        # The old certificate still verifies; a new one uses the new key.
        with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
            f.write(old)
            f.flush()
            self.assertEqual(self.server.run('verify', f.name, check=False).returncode, 0)
        c2 = issue(self.server, self.api, self.head)
        _, _, new = pdf_of(self.server, c2['id'])
        self.assertIn(new_kid, text_of(new))
        self.assertEqual(self.server.run('keys', 'rotate', '--comune', '../x',
                                         check=False).returncode, 1)

    def test_comune_logo_in_the_header(self):
        import struct
        import zlib

        def png(w, h):
            def chunk(kind, data):
                return (struct.pack('>I', len(data)) + kind + data +
                        struct.pack('>I', zlib.crc32(kind + data)))
            rows = b''.join(b'\x00' + b'\x20\x40\x90' * w for _ in range(h))
            return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                    + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
        logo = os.path.join(self.server.dir, 'stemma.png')
        with open(logo, 'wb') as f:
            f.write(png(40, 48))
        admin = Browser(self.server)
        admin.login('admin')
        cid = self.server.sql("SELECT id FROM comuni WHERE code = 'G999'")[0][0]
        _, _, html = admin.get(f'/admin/comuni/{cid}')
        form = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', html))
        form['rule_set'] = 'prato'
        form.pop('saturday_closed', None)
        notpng = os.path.join(self.server.dir, 'not.png')
        with open(notpng, 'wb') as f:
            f.write(b'GIF89a')
        for bad in ('stemma.png', os.path.join(self.server.dir, 'test.db'),
                    '/nonexistent.png', notpng):
            status, _, page = admin.post(f'/admin/comuni/{cid}', dict(form, logo_path=bad))
            self.assertEqual(status, 422, bad)
            self.assertIn('PNG', page)
        status, _, _ = admin.post(f'/admin/comuni/{cid}', dict(form, logo_path=logo,
                                                               copy_fee='6,00'))
        self.assertEqual(status, 200)
        try:
            c = issue(self.server, self.api, self.head)
            _, _, pdf = pdf_of(self.server, c['id'])
            images = tool('pdfimages', '-list', 'FILE', data=pdf).decode().splitlines()[2:]
            self.assertIn(' 40    48 ', ''.join(images))
            _, _, plain = pdf_of(self.server, self.case['id'])
            self.assertEqual(len(images), len(tool('pdfimages', '-list', 'FILE',
                                                   data=plain).decode().splitlines()[2:]) + 1)
        finally:
            admin.post(f'/admin/comuni/{cid}', dict(form, logo_path=''))

    def test_unit_page_lists_certificates_and_page_shows_one(self):
        _, _, html = self.head.get(f'/cases/{self.case["id"]}')
        self.assertIn('id="cert-number">2026/0000001', html)
        self.assertIn(f'href="/cases/{self.case["id"]}/certificate.pdf"', html)


class UnitPageTest(ServerTest):
    """The cadastral unit's page lists the certificates of its dwellings."""
    server_args = {'estate': True}
    logins = ('head', 'clerk')
    api_key = CLERK_KEY

    def test_unit_page_lists_certificates(self):
        status, _, doc = self.api.call('GET', '/api/v1/units?foglio=73&particella=259')
        self.assertEqual(status, 200)
        unit = [u for u in doc['units'] if u['subalterno'] == '7'][0]['id']
        c = issue(self.server, self.api, self.head, dwelling={
            'street': 'VIA MAGNOLFI', 'house_number': '61/A', 'cap': '59100',
            'foglio': '73', 'particella': '259', 'subalterno': '7', 'category': 'A/2',
            'unit_id': unit})
        self.assertEqual(self.server.sql('SELECT unit_id FROM dwellings WHERE case_id = ?',
                                         c['id']), [(unit,)])
        status, _, page = self.clerk.get(f'/units/{unit}')
        self.assertEqual(status, 200)
        table = re.search(r'id="unit-certificates">(.*?)</table>', page, re.S).group(1)
        self.assertIn(f'href="/cases/{c["id"]}#certificate-section">2026/0000001', table)
        self.assertIn('data-status="valid"', table)


class LayoutTest(ServerTest):
    """Long names, a Chinese name, twelve rooms: one page, nothing cut."""
    logins = ('head',)
    api_key = CLERK_KEY

    def check_layout(self, pdf, expect):
        info = tool('pdfinfo', 'FILE', data=pdf).decode()
        self.assertIn('Pages:           1', info)
        # Every word inside the page's margins, none across the foot's rule.
        foot = 841.89 - 36 - 150
        words = words_of(pdf)
        for w, x0, y0, x1, y1 in words:
            self.assertGreaterEqual(x0, 40, w)
            self.assertLessEqual(x1, 595.28 - 40, w)
            self.assertLessEqual(y1, 841.89 - 20, w)
            self.assertFalse(y0 < foot < y1, f'{w} crosses the foot')
        # The body ends above the foot (the stamp is its last line), and
        # no word is printed over another.
        stamp = [y1 for w, _, _, _, y1 in words if w == '01234567890123']
        self.assertTrue(stamp and stamp[0] < foot, stamp)
        words.sort(key=lambda b: b[2])
        for i, (w, x0, y0, x1, y1) in enumerate(words):
            for v, a0, b0, a1, b1 in words[i + 1:]:
                if b0 >= y1:
                    break
                overlap_x = min(x1, a1) - max(x0, a0)
                overlap_y = min(y1, b1) - max(y0, b0)
                self.assertFalse(overlap_x > 1 and overlap_y > 1,
                                 f'{w!r} and {v!r} overlap')
        # The rendered page: the outer band is blank paper.
        w, h, px = grey_page(pdf)
        band = 8    # pixels at 36 dpi, about 5.6 mm
        for y in range(h):
            for x in list(range(band)) + list(range(w - band, w)):
                self.assertGreater(px[y * w + x], 200, f'ink at {x},{y} in the margin')
        for y in list(range(band)) + list(range(h - band, h)):
            for x in range(w):
                self.assertGreater(px[y * w + x], 200, f'ink at {x},{y} in the margin')
        text = re.sub(r'\s+', '', text_of(pdf))
        for e in expect:
            self.assertIn(re.sub(r'\s+', '', e), text)

    def test_long_names_chinese_name_and_twelve_rooms(self):
        rooms = [{'name': f'Camera numero {i} con affaccio sul cortile interno', 'use': 'bedroom',
                  'area': 9 + i, 'height': 2.7, 'window': 1.5} for i in range(1, 11)]
        rooms += [{'name': 'Soggiorno', 'use': 'living', 'area': 20, 'height': 2.7, 'window': 3},
                  {'name': 'Bagno', 'use': 'bathroom', 'area': 5, 'height': 2.4, 'window': 0.6,
                   'fixtures': ['wc', 'bidet', 'basin', 'shower']}]
        long_surname = 'Abdelrahman-Al-Montaser Bin Khalid Al-Hashimi Nasser Eddine Ould'
        long_given = 'Mohammed Abdelaziz Youssef Ibrahim Mustafa Ahmed Hassan Karim'
        a = application()['applicant']
        cases = [
            ({'applicant': dict(a, surname=long_surname, given_names=long_given),
              'dwelling': dict(application()['dwelling'],
                               street='Via del Borgo di Santa Maria delle Grazie e San '
                                      'Giovanni Battista Decollato in Prato Vecchio')},
             [long_surname, long_given, 'Decollato in Prato Vecchio']),
            ({'applicant': dict(a, surname='胡', given_names='伟明')}, ['胡 伟明']),
            ({'rooms': rooms}, ['Camera numero 10 con affaccio', 'Superficie totale']),
            # All at once, with the most rooms the intake takes (40) and
            # names that wrap: set smaller to fit.
            ({'applicant': dict(a, surname=long_surname, given_names=long_given),
              'dwelling': dict(application()['dwelling'],
                               street='Via del Borgo di Santa Maria delle Grazie e San '
                                      'Giovanni Battista Decollato in Prato Vecchio'),
              'rooms': [dict(rooms[i % 12], name=f'Vano {i + 1} con affaccio sul cortile '
                             f'interno e sul giardino'[:60]) for i in range(40)]},
             [long_surname, 'Vano 40 con affaccio', 'Superficie totale']),
        ]
        for over, expect in cases:
            with self.subTest(expect[0]):
                c = issue(self.server, self.api, self.head, **over)
                status, _, pdf = pdf_of(self.server, c['id'])
                self.assertEqual(status, 200)
                self.check_layout(pdf, expect)


class ExpiryTest(unittest.TestCase):
    """Twelve months on, the certificate has expired."""

    def test_expired(self):
        server = Server(now='2026-01-10T09:00:00Z')
        server.start()
        try:
            api = Api(server, CLERK_KEY)
            head = Browser(server)
            head.login('head')
            c = issue(server, api, head)
            _, _, html = head.get(f'/cases/{c["id"]}')
            code = re.search(r'id="cert-code">([A-Z-]+)<', html).group(1)
            v = json.loads(server.request('GET', f'/v/{code}.json')[2])
            self.assertEqual(v['valid_until'], '2027-01-10')
            self.assertEqual(v['status'], 'valid')
            _, _, pdf = pdf_of(server, c['id'])
        finally:
            self.assertEqual(server.stop(), 0)
        server.start(now='2027-01-11T09:00:00Z')
        try:
            v = json.loads(server.request('GET', f'/v/{code}.json')[2])
            self.assertEqual(v['status'], 'expired')
            self.assertTrue(v['seal_valid'], v)
            status, _, html = server.request('GET', f'/v/{code}')
            self.assertIn('data-status="expired"', html.decode())
            self.assertEqual(server.run('verify', code, check=False).returncode, 1)
            with tempfile.NamedTemporaryFile(suffix='.pdf') as f:
                f.write(pdf)
                f.flush()
                r = server.run('verify', f.name, check=False)
                self.assertEqual(r.returncode, 1)
                self.assertIn('expired on 2027-01-10', r.stdout)
        finally:
            self.assertEqual(server.stop(), 0)


class RateLimitTest(ServerTest):
    """Guessing codes is slow: twenty wrong codes, then 429."""

    def test_wrong_codes_are_limited(self):
        for i in range(20):
            status, _, _ = self.server.request(
                'GET', '/v/KHRTMWACPX%s%s.json' % ('ACDEFHJKLMNPRTUVWXY'[i % 19], 'AC'[i // 19]))
            self.assertEqual(status, 404)
        status, resp, _ = self.server.request('GET', '/v/KHRTMWACPXEN.json')
        self.assertEqual(status, 429)
        self.assertGreater(int(resp.getheader('Retry-After')), 0)
        status, _, _ = self.server.request('GET', '/v/KHRTMWACPXEN')
        self.assertEqual(status, 429)
        # The keys stay public.
        status, _, _ = self.server.request('GET', '/.well-known/idoneo-keys.json')
        self.assertEqual(status, 200)


if __name__ == '__main__':
    unittest.main()
