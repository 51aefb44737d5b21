"""Allocate many tasks at once: build the pairs from the ranker, solve, keep, commit.

The pairs are exactly what ranking each task would list (``matching.allocate.candidates``
is ``score_all`` with its eligibility), less the pairs cooling down after a decline, so an
allocation never proposes what a single proposal would refuse. Committing proposes each
assignment with ``engagements.propose`` (its conditional UPDATEs on the task and the
service), every one in the request's single transaction: one that no longer fits fails the
whole commit, and the 409 names each such assignment.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import CursorResult, update
from sqlmodel import Session, col, select

from api.allocations.models import (
    Allocation,
    AllocationStatus,
    Assignment,
    Unassigned,
    UnassignedReason,
)
from api.auth import Principal, owns, require_role
from api.businesses.models import Business
from api.engagements import service as engagements
from api.errors import Conflict, DomainError, FieldError, Invalid, NotFound
from api.ids import new_id
from api.keys.models import Role
from api.matches import adapters
from api.matches.index import OfferIndex
from api.settings import Settings
from api.tasks.models import Task, TaskStatus
from api.taxonomy.models import TaskType
from matching.allocate import Pairs, allocate, candidates

ACTORS = (Role.admin, Role.partner, Role.business)


def _visible_tasks(
    *, session: Session, principal: Principal, task_ids: Sequence[str]
) -> list[tuple[Task, Business]]:
    """The tasks in request order with their business; 422 naming every id that is
    repeated, unknown or not the caller's (alike, so nothing leaks).

    The businesses come in the same query, and while the caller holds them each task's
    spec finds its business in the session's identity map (which holds objects only while
    something else does): looked up alone, a partner's tasks of N businesses cost N more
    queries."""
    rows = session.execute(
        select(Task, Business)
        .join(Business, col(Business.id) == col(Task.business_id))
        .where(col(Task.id).in_(list(set(task_ids))))
    ).all()
    found = {row[0].id: (row[0], row[1]) for row in rows}
    errors: list[FieldError] = []
    seen: set[str] = set()
    for n, task_id in enumerate(task_ids):
        field = f"body.task_ids.{n}"
        if task_id in seen:
            errors.append(FieldError(field=field, message="listed twice", code="duplicate"))
        seen.add(task_id)
        hit = found.get(task_id)
        if hit is None or not owns(
            principal, partner_id=hit[1].partner_id, business_id=hit[0].business_id
        ):
            message = f"no task with id '{task_id}' is visible to this key"
            errors.append(FieldError(field=field, message=message, code="not_found"))
    if errors:
        raise Invalid(
            f"{len(errors)} of the task ids cannot be allocated: {errors[0].message}"
            + (" (and more)." if len(errors) > 1 else "."),
            errors=errors[:100],
        )
    return [found[task_id] for task_id in task_ids]


def _scope(
    principal: Principal, tasks: list[tuple[Task, Business]]
) -> tuple[str | None, str | None]:
    """The partner and the business every task belongs to, each None where they differ."""
    partners = {business.partner_id for _, business in tasks}
    businesses = {task.business_id for task, _ in tasks}
    partner = principal.partner_id if principal.role is Role.partner else None
    if partner is None and len(partners) == 1:
        partner = next(iter(partners))
    return partner, next(iter(businesses)) if len(businesses) == 1 else None


def _solve(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    tasks: list[Task],
    now: datetime,
) -> tuple[dict[str, Any], float, float, str]:
    """Pairs from the ranker for every open task, solved: (result, objective, bound, solver)."""
    config = settings.match_config()
    blocked: dict[str, set[str]] = defaultdict(set)  # task id -> services cooling down
    for task_id, service_id in engagements.cooling_down_pairs(
        session=session, settings=settings, task_ids=[t.id for t in tasks], now=now
    ):
        blocked[task_id].add(service_id)
    open_tasks = [t for t in tasks if t.status == TaskStatus.open]
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, task in enumerate(open_tasks):
        by_type[task.task_type].append(i)
    # Held for the request, so each task's spec finds its type in the session's identity map
    # (which holds objects only while something else does).
    held = [session.get(TaskType, key) for key in by_type]
    # Offers are numbered across types: each type's offers follow the previous type's.
    service_ids: list[str] = []
    vendor_ids: list[str] = []
    capacity: list[NDArray[np.int64]] = []
    columns: dict[str, list[NDArray[Any]]] = defaultdict(list)
    currency: dict[str, str] = {}
    for task_type, members in by_type.items():
        with index.offers(session=session, task_type=task_type) as offer_set:
            offset = len(service_ids)
            # Copied under the lock: another request may patch the index once it is released.
            service_ids += [o.service_id for o in offer_set.offers]
            vendor_ids += [o.vendor_id for o in offer_set.offers]
            capacity.append(offer_set.available.astype(np.int64))
            for i in members:
                task = open_tasks[i]
                spec = adapters.task_spec(session=session, terms=task, weights=task.weights)
                rows, score, quote = candidates(spec, offer_set, config=config, at=now)
                currency[task.id] = spec.currency
                cooling = blocked.get(task.id, set())
                keep = np.array(
                    [
                        k
                        for k, row in enumerate(rows.tolist())
                        if service_ids[offset + row] not in cooling
                    ]
                    if cooling
                    else np.arange(len(rows)),
                    dtype=np.int64,
                )
                columns["task"].append(np.full(len(keep), i, dtype=np.int64))
                columns["offer"].append(rows[keep] + offset)
                columns["score"].append(score[keep])
                columns["quote"].append(quote[keep])
    del held

    def column(name: str, dtype: type) -> NDArray[Any]:
        parts = columns[name]
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)

    pairs = Pairs(
        task=column("task", np.int64),
        offer=column("offer", np.int64),
        score=column("score", np.float64),
        quote=column("quote", np.int64),
        volume=np.array([t.volume for t in open_tasks], dtype=np.int64),
        capacity=np.concatenate(capacity) if capacity else np.zeros(0, dtype=np.int64),
    )
    solved = allocate(pairs)
    eligible = np.bincount(pairs.task, minlength=pairs.n_tasks)
    assignments: list[dict[str, Any]] = []
    unassigned: list[dict[str, Any]] = []
    placed = {open_tasks[i].id: int(p) for i, p in enumerate(solved.pair.tolist()) if p >= 0}
    for i, task in enumerate(open_tasks):
        p = placed.get(task.id)
        if p is not None:
            j = int(pairs.offer[p])
            assignments.append(
                Assignment(
                    task_id=task.id,
                    service_id=service_ids[j],
                    vendor_id=vendor_ids[j],
                    score=float(pairs.score[p]),
                    quote={"amount": int(pairs.quote[p]), "currency": currency[task.id]},
                ).model_dump(mode="json")
            )
        elif eligible[i] == 0:
            unassigned.append(
                _unassigned(
                    task.id,
                    UnassignedReason.no_eligible_offer,
                    "No active service passes every hard constraint for this task (or each "
                    "that does is cooling down after this task was declined or withdrawn there).",
                )
            )
        else:
            n = int(eligible[i])
            unassigned.append(
                _unassigned(
                    task.id,
                    UnassignedReason.capacity_taken,
                    f"Its {n} eligible service{'s' if n != 1 else ''} "
                    f"{'have' if n != 1 else 'has'} no room left once the other tasks of this "
                    "allocation are placed, and they score more together there.",
                )
            )
    for task in tasks:
        if task.status != TaskStatus.open:
            unassigned.append(
                _unassigned(
                    task.id,
                    UnassignedReason.task_not_open,
                    f"The task is {task.status}; only an open task can be engaged.",
                )
            )
    result = {"assignments": assignments, "unassigned": unassigned}
    return result, round(solved.objective, 6), round(solved.upper_bound, 6), solved.solver


def _unassigned(task_id: str, reason: UnassignedReason, detail: str) -> dict[str, Any]:
    return Unassigned(task_id=task_id, reason=reason, detail=detail).model_dump(mode="json")


def create(
    *,
    session: Session,
    settings: Settings,
    index: OfferIndex,
    principal: Principal,
    task_ids: Sequence[str],
    commit: bool,
    now: datetime,
) -> Allocation:
    """Solve an allocation of ``task_ids`` and keep it as a dry run; with ``commit``,
    propose its assignments at once."""
    require_role(principal, *ACTORS, action="allocate tasks")
    # Held until the allocation is solved: each task's spec reads its business.
    tasks = _visible_tasks(session=session, principal=principal, task_ids=task_ids)
    partner_id, business_id = _scope(principal, tasks)
    result, objective, bound, solver = _solve(
        session=session, settings=settings, index=index, tasks=[t for t, _ in tasks], now=now
    )
    allocation = Allocation(
        id=new_id("alc"),
        partner_id=partner_id,
        business_id=business_id,
        objective=objective,
        upper_bound=bound,
        solver=solver,
        result=result,
        expires_at=now + timedelta(seconds=settings.allocation_ttl_seconds),
        created_at=now,
    )
    session.add(allocation)
    session.flush()
    if commit:
        return commit_allocation(session=session, settings=settings, allocation=allocation, now=now)
    return allocation


def get_visible(*, session: Session, principal: Principal, allocation_id: str) -> Allocation:
    """The allocation, if the caller may act for every task in it; else 404."""
    require_role(principal, *ACTORS, action="commit allocations")
    allocation = session.get(Allocation, allocation_id)
    if allocation is None or not owns(
        principal, partner_id=allocation.partner_id, business_id=allocation.business_id
    ):
        raise NotFound(f"No allocation with id '{allocation_id}' is visible to this key.")
    return allocation


def commit_allocation(
    *, session: Session, settings: Settings, allocation: Allocation, now: datetime
) -> Allocation:
    """Propose exactly the dry run's assignments, all or nothing.

    The allocation is claimed first with one conditional UPDATE (a dry run, not expired),
    so two commits cannot both run. Each assignment then goes through the single
    proposal's rules and conditional updates, inside a savepoint so the next is checked
    on a clean state; any failure raises a 409 naming every failed assignment, and the
    request's transaction (the claim included) rolls back.
    """
    claimed: CursorResult[tuple[()]] = session.execute(  # type: ignore[assignment]
        update(Allocation)
        .where(
            col(Allocation.id) == allocation.id,
            col(Allocation.status) == AllocationStatus.dry_run,
            col(Allocation.expires_at) > now,
        )
        .values(status=AllocationStatus.committed.value, committed_at=now)
    )
    session.refresh(allocation)
    if claimed.rowcount != 1:
        if allocation.status == AllocationStatus.committed:
            raise Conflict("The allocation is already committed.")
        raise Conflict("The dry run has expired; run the allocation again.")
    result = dict(allocation.result or {})
    assignments = [dict(a) for a in result.get("assignments", [])]
    # The tasks with their businesses in one query, held for the loop: each proposal then
    # finds both in the session's identity map, where looking them up per assignment cost
    # two queries more each.
    held = {
        task.id: (task, business)
        for task, business in session.execute(
            select(Task, Business)
            .join(Business, col(Business.id) == col(Task.business_id))
            .where(col(Task.id).in_([a["task_id"] for a in assignments]))
        ).all()
    }
    failed: list[dict[str, str]] = []
    for assignment in assignments:
        task_id, service_id = assignment["task_id"], assignment["service_id"]
        task = held[task_id][0] if task_id in held else None
        try:
            if task is None:
                raise Conflict("The task has been deleted.")
            with session.begin_nested():
                engagement = engagements.propose(
                    session=session, settings=settings, task=task, service_id=service_id, now=now
                )
                quoted = assignment["quote"]["amount"]
                if engagement.quote_amount != quoted:
                    raise Conflict(
                        f"The service's quote changed from {quoted} to "
                        f"{engagement.quote_amount} {engagement.quote_currency} minor units."
                    )
            assignment["engagement_id"] = engagement.id
        except DomainError as exc:
            failed.append({"task_id": task_id, "service_id": service_id, "detail": exc.detail})
    if failed:
        n = len(failed)
        raise Conflict(
            f"{n} of the allocation's {len(assignments)} assignments no longer "
            f"fit{'s' if n == 1 else ''}; nothing was proposed. Run the allocation again.",
            extensions={"assignments": failed},
        )
    allocation.result = {**result, "assignments": assignments}
    session.add(allocation)
    session.flush()
    return allocation
