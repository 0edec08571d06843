"""Many people at once: readers and writers (JSON Lines, CSV, Parquet), the batch run, Dask.

Uses the public API only (``Rulebook.decide_batch``, ``Rulebook.explain``); needs the ``batch``
extra (numpy, pyarrow), and ``dask`` for ``lawcode.batch.dask``.
"""
