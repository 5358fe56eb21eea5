#!/usr/bin/env python3
"""Splits the embedded inputs by kind and calls embed.py for each table.

Usage: embed_all.py TEMPLATES.c MIGRATIONS.c RULES.c MIGRATIONS_PG.c DEMO.c FILE...
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
tmpl_out, mig_out, rules_out, pg_out, demo_out = sys.argv[1:6]
files = sys.argv[6:]
templates = [f for f in files if f.endswith('.html')]
migrations = [f for f in files if f.endswith('.sql') and '/postgres/' not in f]
migrations_pg = [f for f in files if f.endswith('.sql') and '/postgres/' in f]
rules = [f for f in files if f.endswith('.json')]
demo = [f for f in files if '/demo/' in f]
embed = os.path.join(here, 'embed.py')
subprocess.run([sys.executable, embed, tmpl_out, 'embed_templates'] + templates, check=True)
subprocess.run([sys.executable, embed, mig_out, 'embed_migrations'] + migrations, check=True)
subprocess.run([sys.executable, embed, rules_out, 'embed_rules'] + rules, check=True)
subprocess.run([sys.executable, embed, pg_out, 'embed_migrations_pg'] + migrations_pg, check=True)
subprocess.run([sys.executable, embed, demo_out, 'embed_demo'] + demo, check=True)
