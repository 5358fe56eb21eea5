"""What a hostile client can do to the running server, and no longer can
(issue 19): fill the disk with anonymous uploads, send two files as one,
hide a NUL byte in a field, send a field of megabytes, or hold every
connection open with headers it never finishes."""
import os
import resource
import select
import socket
import time
import urllib.parse

from harness import Browser
from test_imports_page import UploadsTest

BOUNDARY = 'idoneo-test-boundary-7f3a9c'


def multipart_head(port, cookie=None, length=300 * 1024 * 1024):
    """The headers of a large multipart upload to /admin/imports."""
    return (f'POST /admin/imports HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n'
            f'Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n'
            f'Content-Length: {length}\r\n'
            + (f'Cookie: idoneo_session={cookie}\r\n' if cookie else '')
            + '\r\n').encode() + (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="big.FAB"\r\nContent-Type: application/octet-stream\r\n\r\n').encode()


class HardeningTest(UploadsTest):
    logins = ('admin', 'clerk')
    server_args = {'extra_env': {'IDONEO_HEADER_TIMEOUT': '2'}}

    def streaming_upload_stores(self, cookie):
        """Sends the start of a 300 MiB upload, and says whether anything
        reached the disk while it streams."""
        s = socket.create_connection(('127.0.0.1', self.server.port))
        try:
            s.sendall(multipart_head(self.server.port, cookie))
            for _ in range(16):
                s.sendall(b'x' * 65536)
            time.sleep(0.5)
            return os.listdir(self.tmp)
        finally:
            s.close()

    def test_anonymous_and_unauthorised_uploads_store_nothing(self):
        self.assertEqual(self.streaming_upload_stores(None), [])
        clerk = self.clerk.cookies.get('idoneo_session')
        self.assertTrue(clerk)
        self.assertEqual(self.streaming_upload_stores(clerk), [])
        # The administrator's upload streams to disk as it comes...
        admin = self.admin.cookies.get('idoneo_session')
        self.assertNotEqual(self.streaming_upload_stores(admin), [])
        # ...and a client that goes away takes its partial file with it.
        deadline = time.time() + 10
        while os.listdir(self.tmp) and time.time() < deadline:
            time.sleep(0.1)
        self.assertEqual(os.listdir(self.tmp), [])
        # Whole anonymous uploads are refused as they would be bodiless.
        status, _, _ = Browser(self.server).post_multipart(
            '/admin/imports', [('kind', 'cadastre')], [('file', 'x.FAB', b'y' * 100000)])
        self.assertEqual(status, 401)
        self.assertEqual(os.listdir(self.tmp), [])

    def test_a_part_without_a_name_is_refused(self):
        # fuzz_multipart found it: a part whose header has no name crashed
        # the server.
        tok = self.admin.csrf('/admin/imports')
        boundary = 'idoneo-test-boundary-7f3a9c'
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
                f'{tok}\r\n--{boundary}\r\nConme="file"; filename="b"\r\n\r\ny\r\n'
                f'--{boundary}--\r\n')
        h = {'Cookie': f'idoneo_session={self.admin.cookies["idoneo_session"]}',
             'Content-Type': f'multipart/form-data; boundary={boundary}'}
        status, _, text = self.server.request('POST', '/admin/imports', body=body, headers=h)
        self.assertEqual(status, 400)
        self.assertIn('non ha nome', text.decode())
        self.assertEqual(self.server.request('GET', '/healthz')[0], 200)

    def test_two_files_are_refused(self):
        tok = self.admin.csrf('/admin/imports')
        status, _, text = self.admin.post_multipart(
            '/admin/imports', [('csrf', tok), ('comune', '1'), ('kind', 'cadastre')],
            [('file', 'a.FAB', b'a' * 1000), ('file', 'b.FAB', b'b' * 1000)])
        self.assertEqual(status, 400)
        self.assertIn('un solo file', text)
        self.assertEqual(os.listdir(self.tmp), [])

    def test_nul_byte_and_long_fields_are_refused(self):
        b = Browser(self.server)
        tok = b.csrf('/login')
        body = urllib.parse.urlencode({'csrf': tok, 'username': 'capo\x00x',
                                       'password': 'idoneo-capo-2026'})
        status, _, data = self.server.request(
            'POST', '/login', body=body,
            headers={'Content-Type': 'application/x-www-form-urlencoded'})
        self.assertEqual(status, 400)
        self.assertIn(b'carattere NUL', data)
        body = urllib.parse.urlencode({'csrf': tok, 'username': 'x' * 70000})
        status, _, data = self.server.request(
            'POST', '/login', body=body,
            headers={'Content-Type': 'application/x-www-form-urlencoded'})
        self.assertEqual(status, 400)
        self.assertIn(b'64 KiB', data)
        # A text field of 20 MiB beside an upload: refused, not collected.
        tok = self.admin.csrf('/admin/imports')
        status, _, text = self.admin.post_multipart(
            '/admin/imports', [('csrf', tok), ('comune', '1'), ('kind', 'x' * (20 << 20))],
            [])
        self.assertEqual(status, 400)
        self.assertIn('64 KiB', text)

    def test_headers_trickled_byte_by_byte_meet_a_deadline(self):
        # A byte every half second keeps an inactivity timeout waiting for
        # ever; the deadline counts from the opening (2 s here).
        s = socket.create_connection(('127.0.0.1', self.server.port))
        start = time.monotonic()
        closed = False
        try:
            s.sendall(b'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ')
            while time.monotonic() - start < 8 and not closed:
                time.sleep(0.5)
                try:
                    s.sendall(b'a')
                    if select.select([s], [], [], 0)[0]:
                        closed = s.recv(100) == b''
                except (BrokenPipeError, ConnectionResetError):
                    closed = True
        finally:
            s.close()
        self.assertTrue(closed, 'the connection was still open after 8 s')
        # A request sent at once is served as ever.
        self.assertEqual(self.server.request('GET', '/healthz')[0], 200)

    def test_idle_connections_from_one_address_leave_room_for_others(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 4096), hard), hard))
        idle = []
        try:
            for _ in range(1100):
                try:
                    s = socket.create_connection(('127.0.0.1', self.server.port), timeout=2)
                    s.sendall(b'GET /healthz HTTP/1.1\r\nHost: x\r\n')
                    idle.append(s)
                except OSError:
                    break
            # Another address: loopback's 127.0.0.2, to the same server.
            other = socket.socket()
            other.settimeout(2)
            other.bind(('127.0.0.2', 0))
            other.connect(('127.0.0.1', self.server.port))
            other.sendall(b'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
            answer = other.recv(100)
            other.close()
            # Within the socket's two seconds, or recv times out.
            self.assertTrue(answer.startswith(b'HTTP/1.1 200'), answer)
        finally:
            for s in idle:
                s.close()
