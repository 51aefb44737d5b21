"""Offload's matching engine: pure Python and NumPy, no HTTP and no database."""
