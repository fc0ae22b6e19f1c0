"""The store, second in the flow: the DuckDB file and all that writes it. Parsed batches are loaded by the
single writer (``database``), the SQL layers applied (``transform``), each owner's inputs fingerprinted, and
forgotten people kept out of every load (``forgotten``). Imports the sources and the shared modules only."""
