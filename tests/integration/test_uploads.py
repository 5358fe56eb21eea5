"""Documents uploaded for a case (docs/uploads.md): PDF, JPEG and PNG told by
their content; a renamed executable, a file too large and a broken PDF are
refused with the right status and nothing kept; the counter's page and the
API (uploadDocument, listDocuments, downloadDocument); who may download;
and the retention policy."""
import hashlib
import os
import stat
import struct
import zlib

from harness import ASSOC_KEY, CLERK_KEY, Api, Browser, ServerTest, application

BOUNDARY = 'idoneo-upload-test-4b1d'


def png():
    """A real 1x1 PNG."""
    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00')) + chunk(b'IEND', b''))


PDF = (b'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
       b'2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n'
       b'trailer << /Root 1 0 R >>\n%%EOF\n')
JPEG = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' + \
    b'\x00' * 64 + b'\xff\xd9'


def multipart(fields, filename, data):
    parts = [f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields]
    parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
                 f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                 .encode() + data + b'\r\n')
    return b''.join(parts) + f'--{BOUNDARY}--\r\n'.encode()


class UploadTest(ServerTest):
    logins = ('clerk', 'association', 'point')
    api_key = CLERK_KEY

    def upload(self, cid, kind, filename, data, api=None):
        return (api or self.api).call(
            'POST', f'/api/v1/applications/{cid}/documents',
            raw=multipart([('kind', kind)], filename, data),
            ctype=f'multipart/form-data; boundary={BOUNDARY}')

    def new_case(self):
        status, _, c = self.api.call('POST', '/api/v1/applications', application())
        self.assertEqual(status, 201)
        return c['id']

    def files_dir(self):
        return os.path.join(self.server.dir, 'files')

    def stored(self):
        out = []
        for d, _, names in os.walk(self.files_dir()):
            out += [os.path.join(d, n) for n in names]
        return out

    def test_good_files_by_content_and_downloads(self):
        cid = self.new_case()
        before = len(self.stored())
        for kind, name, data in (('floor_plan', 'planimetria.pdf', PDF),
                                 ('id_document', 'passaporto.jpg', JPEG),
                                 ('title_deed', 'contratto.png', png()),
                                 # The name does not matter, the content does.
                                 ('fee_receipt', 'ricevuta.txt', PDF)):
            status, _, doc = self.upload(cid, kind, name, data)
            self.assertEqual(status, 201, doc)
        self.assertEqual(len(self.stored()), before + 4)
        for path in self.stored():
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            self.assertFalse(path.endswith('.part'))
        status, _, doc = self.api.call('GET', f'/api/v1/applications/{cid}/documents')
        self.assertEqual(status, 200)
        docs = doc['documents']
        self.assertEqual([d['kind'] for d in docs],
                         ['floor_plan', 'id_document', 'title_deed', 'fee_receipt'])
        self.assertEqual([d['content_type'] for d in docs],
                         ['application/pdf', 'image/jpeg', 'image/png', 'application/pdf'])
        self.assertEqual(docs[0]['sha256'], hashlib.sha256(PDF).hexdigest())
        # The checklist takes them as received.
        status, _, case = self.api.call('GET', f'/api/v1/applications/{cid}')
        received = {d['kind'] for d in case['documents'] if d['received']}
        self.assertTrue({'floor_plan', 'fee_receipt'} <= received)
        # The API and the office download the same bytes.
        status, resp, _ = self.server.request(
            'GET', f'/api/v1/files/{docs[2]["id"]}',
            headers={'Authorization': f'Bearer {CLERK_KEY}'})
        self.assertEqual(status, 200)
        status, resp, data = self.server.request(
            'GET', f'/files/{docs[2]["id"]}',
            headers={'Cookie': f'idoneo_session={self.clerk.cookies["idoneo_session"]}'})
        self.assertEqual(status, 200)
        self.assertEqual(data, png())
        self.assertEqual(resp.getheader('Content-Type'), 'image/png')
        self.assertIn('attachment', resp.getheader('Content-Disposition'))
        # The case page lists them and uploads at the counter.
        status, _, html = self.clerk.get(f'/cases/{cid}')
        self.assertIn('planimetria.pdf', html)
        tok = self.clerk.csrf(f'/cases/{cid}')
        status, resp, _ = self.clerk.post_multipart(
            f'/cases/{cid}/documents', [('csrf', tok), ('kind', 'stamps')],
            [('file', 'marche.pdf', PDF)])
        self.assertEqual(status, 303)
        self.assertIn('uploaded=1', resp.getheader('Location'))
        # Another association, or a point, reaches none of it.
        self.assertEqual(self.association.get(f'/files/{docs[0]["id"]}')[0], 404)
        self.assertEqual(self.point.get(f'/files/{docs[0]["id"]}')[0], 403)
        status, _, _ = self.upload(cid, 'floor_plan', 'x.pdf', PDF, Api(self.server, ASSOC_KEY))
        self.assertEqual(status, 404)

    def test_refused_files_keep_nothing(self):
        cid = self.new_case()
        before = self.stored()
        with open('/bin/true', 'rb') as f:
            elf = f.read()
        status, _, doc = self.upload(cid, 'floor_plan', 'planimetria.pdf', elf)
        self.assertEqual(status, 415)
        self.assertIn('PDF', doc['errors'][0]['message'])
        status, _, doc = self.upload(cid, 'floor_plan', 'planimetria.pdf', PDF[:60])
        self.assertEqual(status, 422)
        self.assertIn('danneggiato', doc['errors'][0]['message'])
        status, _, doc = self.upload(cid, 'floor_plan', 'grande.pdf',
                                     PDF + b'0' * (10 * 1024 * 1024))
        self.assertEqual(status, 413)
        self.assertIn('10 MiB', doc['detail'])
        status, _, doc = self.upload(cid, 'bedroom', 'planimetria.pdf', PDF)
        self.assertEqual(status, 422)
        self.assertEqual(doc['errors'][0]['field'], 'kind')
        status, _, doc = self.upload(cid, 'floor_plan', 'vuoto.pdf', b'')
        self.assertEqual(status, 422)
        self.assertEqual(self.stored(), before)
        self.assertEqual(self.server.sql('SELECT count(*) FROM case_files WHERE case_id = ?',
                                         cid), [(0,)])
        # The page says it in words.
        tok = self.clerk.csrf(f'/cases/{cid}')
        status, _, html = self.clerk.post_multipart(
            f'/cases/{cid}/documents', [('csrf', tok), ('kind', 'floor_plan')],
            [('file', 'planimetria.pdf', elf)])
        self.assertEqual(status, 415)
        self.assertIn('conta il contenuto, non il nome', html)

    def test_retention_removes_old_files(self):
        cid = self.new_case()
        status, _, doc = self.upload(cid, 'floor_plan', 'planimetria.pdf', PDF)
        self.assertEqual(status, 201)
        path = self.server.sql('SELECT path FROM case_files WHERE id = ?', doc['id'])[0][0]
        full = os.path.join(self.files_dir(), path)
        self.assertTrue(os.path.exists(full))
        # Concluded six years ago: the five years have passed.
        self.server.sql("UPDATE cases SET state = 'withdrawn', updated_at = "
                        "'2020-01-01T00:00:00Z' WHERE id = ?", cid)
        self.server.sql("UPDATE jobs SET run_after = '2000-01-01T00:00:00Z' WHERE "
                        "kind = 'file_retention' AND done_at IS NULL")
        from test_notify import wait_for
        wait_for('the purge', lambda: not os.path.exists(full))
        row = self.server.sql('SELECT deleted_reason FROM case_files WHERE id = ?', doc['id'])
        self.assertEqual(row, [('retention',)])
        status, _, _ = self.api.call('GET', f'/api/v1/files/{doc["id"]}')
        self.assertEqual(status, 410)
