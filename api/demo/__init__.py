"""The demo marketplace: deterministic vendors, services, businesses and task profiles.

- ``data``: the tables (prices, countries, names, volumes, hours);
- ``factories``: seeded builders that turn them into valid rows;
- ``loader``: :func:`seed_marketplace`, which ``offload seed`` calls;
- ``run``: ``offload demo``, rerunnable (seed once, keep one demo key).
"""

from api.demo.loader import busiest_business, seed_marketplace

__all__ = ["busiest_business", "seed_marketplace"]
