"""Every string of the citizen's pages is translated into every language the
intake offers (issue 17): the templates' {{_ }} strings, the C strings of
the public handlers and services, and the labels they show (states,
documents, messages).  An untranslated, empty or fuzzy entry fails, named
with its language."""
import os
import re
import unittest

from harness import ROOT, Browser, ServerTest

# The citizen's pages: their templates and the C files whose strings they
# show, and the arrays of labels (name, file) they print.
PUBLIC_FILES = ['src/web/templates/follow.html', 'src/web/templates/header.html',
                'src/web/templates/home.html',
                'src/web/templates/footer.html', 'src/web/templates/error.html',
                'src/web/public_follow.c', 'src/service/follow.c',
                'src/service/case_files.c',
                'src/web/templates/apply.html', 'src/web/templates/apply_buttons.html',
                'src/web/templates/rooms_table.html', 'src/web/public_apply.c',
                'src/web/apply_page.c',
                'src/online/draft.c', 'src/online/contact.c', 'src/online/files.c',
                # The online form shows the intake's labels and mistakes, and
                # the eligibility's explanation, line by line.
                'src/domain/intake.c', 'src/domain/eligibility.c',
                'src/domain/phone.c']
PUBLIC_ARRAYS = [('src/domain/workflow.c', 'wf_state_labels'),
                 ('src/domain/intake.c', 'intake_documents'),
                 ('src/notify/templates.c', 'notify_event_labels')]
# Single messages of shared files that the citizen's pages show.
PUBLIC_PREFIXES = [('src/web/router.c', 'Sessione scaduta: inserisci'),
                   ('src/web/router.c', 'La domanda non è più su'),
                   ('src/service/handover.c', 'Luogo di ritiro:')]


def c_strings(text):
    """The strings of _() and N_() in C text, literals joined."""
    out = []
    for m in re.finditer(r'\bN?_\(((?:\s*"(?:[^"\\]|\\.)*"\s*)+)\)', text):
        s = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
        out.append(s.replace('\\"', '"').replace('\\n', '\n'))
    return out


def read(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as f:
        return f.read()


def public_msgids():
    ids = []
    for path in PUBLIC_FILES:
        text = read(path)
        ids += re.findall(r'\{\{_ (.*?)\}\}', text) if path.endswith('.html') \
            else c_strings(text)
    for path, name in PUBLIC_ARRAYS:
        text = read(path)
        start = text.index(name + '[')
        ids += c_strings(text[start:text.index('};', start)])
    for path, prefix in PUBLIC_PREFIXES:
        ids += [s for s in c_strings(read(path)) if s.startswith(prefix)]
    return list(dict.fromkeys(ids))


def catalog(lang):
    """msgid -> (msgstr, fuzzy) of po/LANG.po."""
    out = {}
    for block in read(f'po/{lang}.po').split('\n\n'):
        lines = block.split('\n')
        fuzzy = any(line.startswith('#,') and 'fuzzy' in line for line in lines)
        try:
            mi = next(k for k, line in enumerate(lines) if line.startswith('msgid '))
            ms = next(k for k, line in enumerate(lines) if line.startswith('msgstr '))
        except StopIteration:
            continue

        def text(part):
            s = ''.join(re.match(r'^(?:msgid |msgstr )?"(.*)"$', line).group(1)
                        for line in part)
            return s.replace('\\"', '"').replace('\\n', '\n')
        out[text(lines[mi:ms])] = (text([line for line in lines[ms:]
                                          if line.startswith(('msgstr ', '"'))]), fuzzy)
    return out


class PublicCatalogsTest(unittest.TestCase):

    def test_every_public_string_in_every_language(self):
        ids = public_msgids()
        self.assertGreater(len(ids), 60)
        langs = read('po/LINGUAS').split()
        self.assertEqual(sorted(langs), sorted(['zh', 'en', 'sq', 'ro', 'ur', 'ar', 'fr', 'bn']))
        for lang in langs:
            entries = catalog(lang)
            missing = [i for i in ids if not entries.get(i, ('', True))[0] or entries[i][1]]
            self.assertEqual(missing, [], f'{lang}: untranslated public strings')

    def test_every_string_in_english(self):
        """The staff pages' English catalog: every string of the program."""
        entries = catalog('en')
        pot = [k for k in catalog_file('po/idoneo.pot') if k]
        self.assertGreater(len(pot), 900)
        missing = [i for i in pot if not entries.get(i, ('', True))[0] or entries[i][1]]
        self.assertEqual(missing, [], 'en: untranslated strings')
        # An Italian copy is no translation, but for the words English
        # shares.
        same = {'E-mail', 'File', 'Id', 'Online', 'PagoPA', 'Password', 'SMS', 'TARI',
                'WC', 'bidet', 'sub', 'Africa', 'America', 'Asia', 'Oceania'}
        copied = [i for i in pot if entries.get(i, ('', True))[0] == i and i not in same]
        self.assertEqual(copied, [], 'en: Italian left as it was')


def catalog_file(path):
    """The msgids of a catalog or template file."""
    saved = read(path)
    ids = []
    for block in saved.split('\n\n'):
        lines = block.split('\n')
        try:
            mi = next(k for k, line in enumerate(lines) if line.startswith('msgid '))
            ms = next(k for k, line in enumerate(lines) if line.startswith('msgstr '))
        except StopIteration:
            continue
        s = ''.join(re.match(r'^(?:msgid )?"(.*)"$', line).group(1) for line in lines[mi:ms])
        ids.append(s.replace('\\"', '"').replace('\\n', '\n'))
    return ids


class StaffEnglishTest(ServerTest):
    """An office whose staff read English better: ?lang=en on any staff
    page, remembered; ?lang=it back.  Citizens' languages stay theirs."""
    logins = ('clerk',)

    def test_staff_pages_in_english(self):
        b = Browser(self.server)
        status, _, html = b.get('/login?lang=en')
        self.assertEqual(status, 200)
        self.assertIn('<html lang="en"', html)
        self.assertIn('Log in', html)
        status, _, html = self.clerk.get('/cases?lang=en')
        self.assertIn('<html lang="en"', html)
        self.assertIn('>Cases<', html)
        self.assertIn('>New application<', html)
        status, _, html = self.clerk.get('/cases/new')
        self.assertIn('Register the application', html)
        self.assertIn('>Surname<', html)
        status, _, html = self.clerk.get('/cases?lang=it')
        self.assertIn('>Pratiche<', html)
        status, _, html = self.clerk.get('/cases')
        self.assertIn('<html lang="it"', html)
        # A citizen's language that the staff pages lack leaves them Italian.
        status, _, html = b.get('/segui?lang=zh')
        status, _, html = b.get('/login')
        self.assertIn('<html lang="it"', html)
