"""Language analysis of statements, shared by lint and check (DESIGN §2: ``nlp``).

:mod:`charter.nlp.pipeline` loads one spaCy English pipeline lazily and analyses texts
with it. Nothing here imports spaCy at module import time, so commands that never read
language (``parse``, ``diff``, ``test``) start as fast as before.
"""
