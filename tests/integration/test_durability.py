"""An application answered 201 survives kill -9 of the server the next instant."""
import threading
import time
import unittest

from harness import Api, Server, application, CLERK_KEY


class DurabilityTest(unittest.TestCase):
    def test_kill9_after_201_loses_nothing(self):
        server = Server().start()
        accepted = []
        failures = []
        try:
            for round_ in range(3):
                lock = threading.Lock()
                stop = threading.Event()

                def submit():
                    api = Api(server, CLERK_KEY)
                    while not stop.is_set():
                        try:
                            status, _, doc = api.call('POST', '/api/v1/applications',
                                                      application())
                        except OSError:
                            return      # the server was killed
                        except BaseException as e:  # noqa: B902 - for the main thread
                            failures.append(e)
                            return
                        if status == 201:
                            with lock:
                                accepted.append((doc['id'], doc['protocol']))
                threads = [threading.Thread(target=submit) for _ in range(4)]
                for t in threads:
                    t.start()
                # Until five more are accepted; a server that takes none
                # fails the test instead of hanging it.
                deadline = time.time() + 120
                while time.time() < deadline:
                    with lock:
                        if len(accepted) >= 5 * (round_ + 1):
                            break
                    time.sleep(0.005)
                server.kill9()
                stop.set()
                for t in threads:
                    t.join()
                self.assertEqual(failures, [])
                self.assertGreaterEqual(len(accepted), 5 * (round_ + 1),
                                        'the server accepted too few in 120 s')
                server.start()
            rows = {cid: '%d/%07d' % (year, no) for cid, year, no in
                    server.sql('SELECT id, protocol_year, protocol_no FROM cases')}
            for cid, protocol in accepted:
                self.assertEqual(rows.get(cid), protocol)
            # The numbering has no gaps: killed transactions leave no hole.
            nums = [r[0] for r in server.sql('SELECT protocol_no FROM cases WHERE comune_id = 1 '
                                             'ORDER BY protocol_no')]
            self.assertEqual(nums, list(range(1, len(nums) + 1)))
        finally:
            server.stop()
