"""The demo: every app's demo data, loaded by ``manage.py load_demo``. With the URLconf it is
the one place that sees every app; the running portal never imports it.

The registry's municipalities, centres, organisations and programmes (``registry``), the
quality assessment (``assessment``), the seeds' plans (``plans``, their rows read from the
seeds' own text by ``seed_tables``), the information portal (``portal``), and the yearly
report, monitoring and territory (``reports``).
"""
