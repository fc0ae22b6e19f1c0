"""Identity, third in the flow: which accounts are one person, and why (``resolve`` over the database, the
rules in ``linkage`` and ``matching``), with the owner's overrides and review questions. Imports the sources,
the store and the shared modules only."""
