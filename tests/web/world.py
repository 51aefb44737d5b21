"""A small marketplace for the workspace's browser tests, screenshots and benchmark, made
through the public API of a running server, as a partner would make it."""

from dataclasses import dataclass

import httpx

MATCHES = 20  # bookkeeping vendors that fit the owner's task: one full page of matches


@dataclass(frozen=True)
class World:
    business_id: str
    task_id: str  # bookkeeping, listed: the one with matches and an opportunity
    other_task_id: str  # payroll, private
    vendor_id: str  # the signed-in vendor: the cheapest that fits, so it ranks first
    service_id: str
    blocked_service_id: str  # a service of another vendor that the task's budget excludes
    owner_key: str
    vendor_key: str


def build(base_url: str, admin_key: str) -> World:
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {admin_key}"}) as api:

        def post(path: str, body: dict) -> dict:
            response = api.post(path, json=body)
            assert response.status_code == 201, response.text
            return response.json()

        def vendor(name: str, amount: int, years: int = 3) -> tuple[str, str]:
            made = post(
                "/v1/vendors",
                {
                    "name": name,
                    "country": "US",
                    "timezone": "America/New_York",
                    "languages": ["en"],
                },
            )
            service = post(
                f"/v1/vendors/{made['id']}/services",
                {
                    "task_type": "bookkeeping",
                    "capacity": 2000,
                    "skills": ["quickbooks", "reconciliation"],
                    "experience_years": years,
                    "pricing": {"model": "per_unit", "currency": "USD", "amount": amount},
                },
            )
            return made["id"], service["id"]

        business = post(
            "/v1/businesses",
            {
                "name": "Rosa's Bakery",
                "country": "US",
                "timezone": "America/New_York",
                "languages": ["en"],
                "currency": "USD",
                "hourly_value": {"amount": 6000, "currency": "USD"},
            },
        )
        task = post(
            f"/v1/businesses/{business['id']}/tasks",
            {
                "task_type": "bookkeeping",
                "title": "Monthly books",
                "volume": 300,
                "budget": {"currency": "USD", "min": 20000, "max": 60000},
                "skills": ["quickbooks"],
                "hours_spent_per_month": 12,
                "visibility": "listed",
            },
        )
        other = post(
            f"/v1/businesses/{business['id']}/tasks",
            {
                "task_type": "payroll",
                "title": "Payroll for 6 staff",
                "volume": 6,
                "budget": {"currency": "USD", "min": 10000, "max": 30000},
                "hours_spent_per_month": 4,
            },
        )
        vendor_id, service_id = vendor("Northwind Books", 100, years=12)  # best and cheapest
        for i in range(1, MATCHES):
            vendor(f"Ledger Co {i:02d}", 100 + 5 * i)
        _, blocked = vendor("Gold Standard Accounts", 400)  # 1,200.00 a month: over budget
        owner = post(
            "/v1/api-keys", {"role": "business", "name": "owner", "business_id": business["id"]}
        )
        seller = post("/v1/api-keys", {"role": "vendor", "name": "vendor", "vendor_id": vendor_id})
        return World(
            business_id=business["id"],
            task_id=task["id"],
            other_task_id=other["id"],
            vendor_id=vendor_id,
            service_id=service_id,
            blocked_service_id=blocked,
            owner_key=owner["secret"],
            vendor_key=seller["secret"],
        )
