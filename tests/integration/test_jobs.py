"""The background work of `serve`, run through the jobs table: each job
claimed once, run and marked done, and the hourly purge of expired sessions
and old login attempts."""
import time
import unittest

from harness import ServerTest

LONG_AGO = '2000-01-01T00:00:00Z'


class JobsTest(ServerTest):

    logins = ('clerk',)

    def wait_for(self, query, want, *params):
        deadline = time.time() + 30
        while time.time() < deadline:
            rows = self.server.sql(query, *params)
            if rows == want:
                return
            time.sleep(0.1)
        self.assertEqual(self.server.sql(query, *params), want)

    def test_purge_runs_at_start_then_hourly(self):
        # The worker queues a purge when it starts, runs it, and queues the
        # next one an hour on.
        self.wait_for("SELECT count(*) FROM jobs WHERE kind = 'purge' AND created_at > ? "
                      "AND done_at IS NOT NULL AND attempts = 1", [(1,)], LONG_AGO)
        self.wait_for("SELECT count(*) FROM jobs WHERE kind = 'purge' "
                      "AND done_at IS NULL AND run_after > created_at", [(1,)])

    def test_expired_sessions_and_old_attempts_are_purged(self):
        self.server.sql("INSERT INTO sessions (token_hash, user_id, csrf, "
                        "created_at, expires_at) VALUES ('old', 1, 'x', ?, ?)",
                        LONG_AGO, LONG_AGO)
        self.server.sql("INSERT INTO login_attempts (username, ip, ok, at) "
                        "VALUES ('nobody', '127.0.0.9', 0, ?)", LONG_AGO)
        self.server.sql("INSERT INTO jobs (kind, payload, run_after, created_at) "
                        "VALUES ('purge', '{}', ?, ?)", LONG_AGO, LONG_AGO)
        self.wait_for("SELECT count(*) FROM sessions WHERE token_hash = 'old'", [(0,)])
        self.assertEqual(self.server.sql("SELECT count(*) FROM login_attempts "
                                         "WHERE ip = '127.0.0.9'"), [(0,)])
        # The clerk's own session and login are younger: they stay.
        status, _, _ = self.clerk.get('/cases')
        self.assertEqual(status, 200)
        self.assertGreater(self.server.sql("SELECT count(*) FROM login_attempts "
                                           "WHERE username = 'sportello'")[0][0], 0)
        self.wait_for("SELECT count(*) FROM jobs WHERE kind = 'purge' AND "
                      "created_at = ? AND done_at IS NOT NULL", [(1,)], LONG_AGO)


if __name__ == '__main__':
    unittest.main()
