"""Offload: the outsourcing marketplace matcher API."""
