"""Adapters that run the engine inside other systems (``dask``: a Dask distributed cluster).

They sit beside the engine, not above the service: they call the public
``lexdigest.summarize`` in-process and import neither ``lexdigest.service`` nor
``lexdigest.serve``.
"""
