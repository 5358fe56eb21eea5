"""The real programs idoneo's messages go to, started on loopback ports for a
test: Kannel (Debian's bearerbox and smsbox, with a fake SMSC whose client
is this harness: each SMS that reaches the "operator" is a line read here)
and an SMTP server (Debian's python3-aiosmtpd) that keeps what it receives
and can be told to refuse recipients."""
import email
import email.policy
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse

from harness import free_port

KANNEL_USER, KANNEL_PASS = 'idoneo', 'kannel-secret-1'


def wait_port(port, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f'nothing listens on port {port}')


class Kannel:
    """bearerbox + smsbox with one fake SMSC.  sms is the list of SMS the
    SMSC received, a long one put together from its parts: (sender,
    receiver, text, coding) with coding 'text' (GSM, as Kannel wrote it) or
    'ucs2'."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='idoneo-kannel-')
        self.admin, self.box, self.fake, self.send = (free_port() for _ in range(4))
        conf = os.path.join(self.dir, 'kannel.conf')
        with open(conf, 'w') as f:
            f.write(f'''group = core
admin-port = {self.admin}
admin-interface = 127.0.0.1
admin-password = admin-secret
admin-allow-ip = 127.0.0.1
smsbox-port = {self.box}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-file = "{self.dir}/bearerbox.log"
log-level = 1
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = {self.fake}
our-host = 127.0.0.1
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {self.box}
sendsms-port = {self.send}
sendsms-interface = 127.0.0.1
global-sender = "Idoneo"
log-file = "{self.dir}/smsbox.log"
log-level = 1

group = sendsms-user
username = {KANNEL_USER}
password = {KANNEL_PASS}
concatenation = true
max-messages = 3

group = sms-service
keyword = default
text = "ok"
''')
        self.sms = []
        self.parts = {}
        self.lock = threading.Lock()
        self.bearer = subprocess.Popen(['/usr/sbin/bearerbox', conf],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.box)
        wait_port(self.fake)
        self.client = socket.create_connection(('127.0.0.1', self.fake))
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.smsbox = subprocess.Popen(['/usr/sbin/smsbox', conf],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.send)
        # bearerbox needs a moment to count the SMSC as connected.
        time.sleep(1)

    def url(self):
        return f'kannel://{KANNEL_USER}:{KANNEL_PASS}@127.0.0.1:{self.send}'

    def _read(self):
        buf = b''
        while True:
            try:
                data = self.client.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while b'\n' in buf:
                line, buf = buf.split(b'\n', 1)
                self._line(line.decode('latin-1'))

    def _line(self, line):
        parts = line.split(' ', 3)
        if len(parts) < 4:
            return
        sender, receiver, kind, rest = parts
        if kind == 'udh':
            # A part of a long message: "udh UDH data|text|ucs-2 PAYLOAD".
            udh, _, payload = rest.partition(' ')
            payload = payload.partition(' ')[2]
            head = urllib.parse.unquote_to_bytes(udh)
            data = urllib.parse.unquote_to_bytes(payload.replace('+', '%20'))
            ref, total, seq = head[3], head[4], head[5]
            key = (receiver, ref)
            with self.lock:
                got = self.parts.setdefault(key, {})
                got[seq] = data
                if len(got) < total:
                    return
                del self.parts[key]
            whole = b''.join(got[i] for i in sorted(got))
            text, coding = self._decode(whole)
        elif kind in ('ucs-2', 'data'):
            # Kannel writes a UCS-2 message as "ucs-2" and its UTF-16
            # bytes URL-encoded.
            raw = urllib.parse.unquote_to_bytes(rest.replace('+', '%20'))
            text, coding = raw.decode('utf-16-be', errors='replace'), 'ucs2'
        else:
            # A GSM one as "text" and its characters (UTF-8).
            text, coding = rest.encode('latin-1').decode('utf-8', errors='replace'), 'text'
        with self.lock:
            self.sms.append((sender, receiver, text, coding))

    @staticmethod
    def _decode(data):
        """The text of a reassembled long message, whose part lines do not
        say its coding: UTF-16 (UCS-2) has NUL bytes or is not UTF-8."""
        if b'\x00' not in data:
            try:
                return data.decode('utf-8'), 'text'
            except UnicodeDecodeError:
                pass
        return data.decode('utf-16-be', errors='replace'), 'ucs2'

    def received(self):
        with self.lock:
            return list(self.sms)

    def stop(self):
        for p in (self.smsbox, self.bearer):
            p.send_signal(signal.SIGTERM)
        for p in (self.smsbox, self.bearer):
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.client.close()


class Smtp:
    """An SMTP server (aiosmtpd) that keeps each message it accepts, parsed
    by Python's email package.  refuse maps a recipient to the answer its
    RCPT TO gets ('550 ...' permanent, '451 ...' temporary)."""

    def __init__(self, tls_user=None):
        """tls_user: (user, password) to require STARTTLS, with a
        certificate made here for 127.0.0.1 (self.ca), and AUTH."""
        from aiosmtpd.controller import Controller
        self.messages = []
        self.logins = []
        self.refuse = {}
        self.lock = threading.Lock()
        outer = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                answer = outer.refuse.get(address)
                if answer:
                    return answer
                envelope.rcpt_tos.append(address)
                return '250 OK'

            async def handle_DATA(self, server, session, envelope):
                msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
                with outer.lock:
                    outer.messages.append((envelope.rcpt_tos, msg, envelope.content))
                return '250 Message accepted'

        self.port = free_port()
        options = {}
        if tls_user:
            import ssl
            from aiosmtpd.smtp import AuthResult, LoginPassword
            d = tempfile.mkdtemp(prefix='idoneo-smtp-')
            self.ca = os.path.join(d, 'cert.pem')
            key = os.path.join(d, 'key.pem')
            subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
                            '-days', '2', '-subj', '/CN=127.0.0.1',
                            '-addext', 'subjectAltName=IP:127.0.0.1',
                            '-keyout', key, '-out', self.ca], check=True,
                           capture_output=True)
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(self.ca, key)

            def authenticator(server, session, envelope, mechanism, auth_data):
                ok = (isinstance(auth_data, LoginPassword) and
                      (auth_data.login.decode(), auth_data.password.decode()) == tls_user)
                outer.logins.append((mechanism, ok))
                return AuthResult(success=ok)
            options = dict(tls_context=ctx, require_starttls=True,
                           authenticator=authenticator, auth_required=True)
        self.controller = Controller(Handler(), hostname='127.0.0.1', port=self.port,
                                     **options)
        self.controller.start()

    def url(self, user=None):
        if user:
            return f'smtp+starttls://{user[0]}:{user[1]}@127.0.0.1:{self.port}'
        return f'smtp://127.0.0.1:{self.port}'

    def received(self):
        with self.lock:
            return list(self.messages)

    def stop(self):
        self.controller.stop()


class RestSms:
    """A REST SMS provider of the common shape: POST a JSON body, answer
    with the provider's id.  requests keeps (headers, body) of each;
    answer_status is what it answers."""

    def __init__(self):
        import http.server
        import json
        self.requests = []
        self.answer_status = 201
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                outer.requests.append((dict(self.headers), json.loads(body)))
                reply = json.dumps({'id': f'prov-{len(outer.requests)}'}).encode()
                self.send_response(outer.answer_status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', free_port()), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self):
        return f'http+json://127.0.0.1:{self.port}/v1/sms'

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
