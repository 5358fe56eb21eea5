"""Every template and migration in the tree is compiled into the binary."""
import glob
import os
import unittest

from harness import ROOT


class BuildListsTest(unittest.TestCase):
    def test_meson_lists_every_embedded_file(self):
        with open(os.path.join(ROOT, 'meson.build'), encoding='utf-8') as f:
            meson = f.read()
        for path in glob.glob(os.path.join(ROOT, 'src/web/templates/*.html')) + \
                glob.glob(os.path.join(ROOT, 'migrations/sqlite/*.sql')) + \
                glob.glob(os.path.join(ROOT, 'rules/*.json')):
            rel = os.path.relpath(path, ROOT)
            with self.subTest(file=rel):
                self.assertIn(f"'{rel}'", meson)
