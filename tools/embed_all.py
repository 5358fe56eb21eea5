#!/usr/bin/env python3
"""Splits the embedded inputs by kind and calls embed.py for each table.

Usage: embed_all.py TEMPLATES.c MIGRATIONS.c FILE...
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
tmpl_out, mig_out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
templates = [f for f in files if f.endswith('.html')]
migrations = [f for f in files if f.endswith('.sql')]
embed = os.path.join(here, 'embed.py')
subprocess.run([sys.executable, embed, tmpl_out, 'embed_templates'] + templates, check=True)
subprocess.run([sys.executable, embed, mig_out, 'embed_migrations'] + migrations, check=True)
