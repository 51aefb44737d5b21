// The Offload workspace: one page over the public /v1 API, nothing else.
//
// Everything shown is built with DOM nodes and textContent, never innerHTML: names,
// titles and sentences come from other marketplace members and must not become markup.
// The key lives in sessionStorage only; a sign-in link carries it in the URL fragment,
// which browsers never send, and the page removes it from the address bar at once.

const KEY_STORE = "offload.key";
const POLL_MS = 2000;

const state = { key: null, me: null, events: { after: null, timer: null }, refreshers: [] };

// ---------------------------------------------------------------- the API

class ApiProblem extends Error {
  constructor(status, body) {
    const title = (body && body.title) || `HTTP ${status}`;
    super(body && body.detail ? `${title}: ${body.detail}` : title);
    this.status = status;
    this.body = body || {};
  }
}

async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${state.key}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      credentials: "omit",
      redirect: "error",
    });
  } catch (error) {
    throw new ApiProblem(0, { title: "The server could not be reached", detail: String(error.message || error) });
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { title: `HTTP ${response.status}`, detail: text.slice(0, 200) };
  }
  if (!response.ok) throw new ApiProblem(response.status, parsed);
  return parsed;
}

async function all(path) {
  // Every page of a list, following next_cursor.
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api("GET", `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    items.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// ---------------------------------------------------------------- DOM helpers

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = value;
    else if (name === "style") Object.assign(node.style, value); // CSSOM: allowed by the page's CSP
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const $ = (id) => document.getElementById(id);

function showProblem(error) {
  const box = $("problem");
  box.replaceChildren();
  if (!error) {
    box.hidden = true;
    return;
  }
  let message = error instanceof ApiProblem ? error.message : String(error.message || error);
  if (error instanceof ApiProblem && error.status === 401) {
    message = "That key was not accepted: it is unknown, revoked or expired. Check it and sign in again.";
  }
  box.append(h("p", { text: message }));
  const fields = error instanceof ApiProblem ? error.body.errors || [] : [];
  if (fields.length) {
    box.append(h("ul", {}, fields.map((f) => h("li", { text: `${f.field}: ${f.message}` }))));
  }
  box.append(h("button", { type: "button", class: "quiet", onclick: () => showProblem(null) }, "Dismiss"));
  box.hidden = false;
  box.focus?.();
}

async function guarded(action) {
  try {
    showProblem(null);
    return await action();
  } catch (error) {
    showProblem(error);
    if (error instanceof ApiProblem && error.status === 401) signOut(false);
    return undefined;
  }
}

// ---------------------------------------------------------------- formatting

function money(m) {
  if (!m) return "—";
  const format = new Intl.NumberFormat("en", { style: "currency", currency: m.currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(m.amount / 10 ** digits);
}

function minorUnits(currency) {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
}

const percent = (x) => `${Math.round(x * 100)}%`;
const label = (key) => key.replaceAll("_", " ");

// ---------------------------------------------------------------- sign in and out

async function signIn(key) {
  state.key = key;
  const keys = await all("/v1/api-keys");
  const me = keys.find((k) => key.startsWith(k.prefix));
  if (!me || (me.role !== "business" && me.role !== "vendor")) {
    throw new Error(
      `This is ${me ? `a ${me.role}` : "an operator's"} key. The workspace is for a business owner or a vendor: ` +
        "sign in with a business key or a vendor key (an admin or partner creates one with POST /v1/api-keys).",
    );
  }
  sessionStorage.setItem(KEY_STORE, key);
  state.me = me;
  $("sign-in").hidden = true;
  $("sign-out").hidden = false;
  $("view").hidden = false;
  if (me.role === "business") await ownerView(me.business_id);
  else await vendorView(me.vendor_id);
  startEvents();
}

function signOut(clearProblem = true) {
  sessionStorage.removeItem(KEY_STORE);
  clearTimeout(state.events.timer);
  Object.assign(state, { key: null, me: null, events: { after: null, timer: null }, refreshers: [] });
  $("view").replaceChildren();
  $("view").hidden = true;
  $("who").textContent = "";
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  $("key").value = "";
  if (clearProblem) showProblem(null);
  $("key").focus();
}

// ---------------------------------------------------------------- live updates

async function startEvents() {
  // Start from the end of the feed: the page shows current state; the feed brings changes.
  try {
    let after = null;
    for (;;) {
      const page = await api("GET", `/v1/events?limit=100${after ? `&after=${after}` : ""}`);
      if (!page.data.length) break;
      after = page.data[page.data.length - 1].id;
      if (!page.next_cursor && page.data.length < 100) break;
    }
    state.events.after = after;
    $("live").textContent = "Live: changes appear here as they happen.";
    pollEvents();
  } catch (error) {
    $("live").textContent = `Live updates are unavailable (${error.message}); reload to see changes.`;
  }
}

async function pollEvents() {
  if (!state.key) return;
  try {
    const after = state.events.after ? `&after=${state.events.after}` : "";
    const page = await api("GET", `/v1/events?limit=100${after}`);
    if (page.data.length) {
      state.events.after = page.data[page.data.length - 1].id;
      const types = new Set(page.data.map((e) => e.type.split(".")[0]));
      for (const refresh of state.refreshers) await refresh(types, page.data);
    }
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) return signOut(false);
  }
  state.events.timer = setTimeout(pollEvents, POLL_MS);
}

// ---------------------------------------------------------------- shared pieces

function section(id, title, ...children) {
  return h("section", { id, "aria-labelledby": `${id}-title` }, h("h2", { id: `${id}-title`, text: title }), ...children);
}

function factorBars(factors) {
  return h(
    "ul",
    { class: "factors" },
    factors.map((f) =>
      h(
        "li",
        { class: "factor" },
        h("span", { class: "factor-name", text: `${label(f.name)} (weight ${f.weight})` }),
        h("span", { class: "factor-score", text: percent(f.score) }),
        h(
          "span",
          { class: "meter", role: "meter", "aria-valuemin": "0", "aria-valuemax": "1", "aria-valuenow": String(f.score), "aria-label": `${label(f.name)} score` },
          h("span", { class: "meter-fill", style: { width: `${Math.round(f.score * 100)}%` } }),
        ),
        h("span", { class: "factor-detail", text: f.detail }),
      ),
    ),
  );
}

function singleView(result) {
  // GET /v1/tasks/{task_id}/matches/{service_id}: how one service fares, and what would fix it.
  const parts = [
    h(
      "p",
      { class: result.eligible ? "verdict ok" : "verdict no" },
      result.eligible
        ? `Eligible: rank ${result.rank}, score ${percent(result.score)}, quote ${money(result.quote)}.`
        : `Not eligible: ${result.blockers.length} blocker${result.blockers.length === 1 ? "" : "s"}.`,
    ),
  ];
  if (result.blockers.length) {
    parts.push(
      h("h4", { text: "What stands in the way, and the smallest change that clears it" }),
      h(
        "ul",
        { class: "blockers" },
        result.blockers.map((b) =>
          h("li", {}, h("strong", { text: label(b.reason) }), ": ", b.detail, b.fix ? h("span", { class: "fix" }, " Fix: ", b.fix) : null),
        ),
      ),
    );
  }
  if (result.factors && result.factors.length) parts.push(h("h4", { text: "How it scores" }), factorBars(result.factors));
  return h("div", { class: "single", "aria-live": "polite" }, parts);
}

function engagementRow(e, actions) {
  return h(
    "li",
    { class: `engagement status-${e.status}`, "data-engagement": e.id },
    h("span", { class: "badge", text: e.status }),
    ` ${label(e.task_type)}, ${e.volume} units, ${money(e.quote)} a month`,
    h("span", { class: "muted", text: ` (${e.id})` }),
    actions || null,
  );
}

// ---------------------------------------------------------------- owner

async function ownerView(businessId) {
  const [business, types] = await Promise.all([
    api("GET", `/v1/businesses/${businessId}`),
    api("GET", "/v1/task-types"),
  ]);
  $("who").textContent = `${business.name}, business owner`;
  const view = $("view");
  view.replaceChildren(
    h("p", { id: "live", class: "muted", "aria-live": "polite" }),
    section("advice", "What to hand off first", h("div", { id: "advice-body" })),
    section("tasks", "Your tasks", h("div", { id: "tasks-body" })),
    section("matches", "Matches", h("div", { id: "matches-body" }, h("p", { class: "muted", text: "Choose “Matches” on a task." }))),
    section("engagements", "Proposals and engagements", h("div", { id: "engagements-body" })),
  );
  const ctx = { business, types: types.data, tasks: [] };
  const refreshTasks = async () => {
    ctx.tasks = await all(`/v1/businesses/${businessId}/tasks`);
    renderTasks(ctx);
  };
  const refreshAdvice = async () => renderAdvice(await api("GET", `/v1/businesses/${businessId}/advice`));
  const refreshEngagements = async () => renderOwnerEngagements(ctx);
  await Promise.all([refreshTasks(), refreshAdvice()]);
  await refreshEngagements();
  state.refreshers.push(async (kinds) => {
    if (kinds.has("task")) await Promise.all([refreshTasks(), refreshAdvice()]);
    if (kinds.has("engagement") || kinds.has("task")) await refreshEngagements();
  });
  ctx.refresh = async () => {
    await Promise.all([refreshTasks(), refreshAdvice()]);
    await refreshEngagements();
  };
  const wanted = new URLSearchParams(location.hash.slice(1)).get("task");
  if (wanted) await showMatches(ctx, wanted);
}

function renderAdvice(advice) {
  const body = $("advice-body");
  const items = advice.data;
  if (!items.length) {
    body.replaceChildren(h("p", { text: "No open tasks to advise on yet: add one below." }));
    return;
  }
  const totals = advice.totals;
  body.replaceChildren(
    h(
      "p",
      { class: "totals" },
      `Handing off what is recommended frees ${totals.hours_freed} hours a month and gains ${money(totals.net_monthly_gain)} a month.`,
    ),
    h(
      "ol",
      { class: "advice-list" },
      items.map((item) =>
        h(
          "li",
          { class: `advice rec-${item.recommendation}` },
          h(
            "h3",
            {},
            item.priority ? `${item.priority}. ` : "",
            item.title || label(item.task_type),
            " ",
            h("span", { class: "badge", text: label(item.recommendation) }),
          ),
          adviceChart(item),
          h("ul", { class: "reasons" }, item.reasons.map((r) => h("li", { text: r }))),
        ),
      ),
    ),
  );
}

function adviceChart(item) {
  // The owner's time value beside the market's p25-p75 band and median, on one scale.
  const q = item.market && item.market.vendors ? item.market.quote : null;
  const value = item.time_value ? item.time_value.amount : 0;
  const top = Math.max(value, q ? q.p75.amount : 0, q ? q.p90.amount : 0, 1) * 1.1;
  const x = (amount) => 10 + (amount / top) * 580;
  const svg = s("svg", { viewBox: "0 0 600 70", class: "chart", role: "img" });
  const summary = [
    `${item.hours_freed ?? "?"} hours a month freed`,
    `worth ${money(item.time_value)}`,
    q ? `market ${money(q.p25)} to ${money(q.p75)}, median ${money(q.p50)}` : "no market price",
  ].join("; ");
  svg.setAttribute("aria-label", summary);
  svg.append(s("title", {}, summary));
  if (q) {
    svg.append(s("rect", { x: x(q.p25.amount), y: 8, width: Math.max(2, x(q.p75.amount) - x(q.p25.amount)), height: 22, class: "band" }));
    svg.append(s("line", { x1: x(q.p50.amount), x2: x(q.p50.amount), y1: 4, y2: 34, class: "median" }));
    svg.append(s("text", { x: x(q.p50.amount), y: 46, class: "tick", "text-anchor": "middle" }, `market ${money(q.p50)}`));
  }
  if (item.time_value) {
    svg.append(s("rect", { x: 10, y: 52, width: Math.max(2, x(value) - 10), height: 12, class: "value" }));
    svg.append(s("text", { x: Math.min(590, x(value) + 4), y: 62, class: "tick", "text-anchor": x(value) > 480 ? "end" : "start" }, `your time ${money(item.time_value)}`));
  }
  return h("figure", { class: "advice-chart" }, svg, h("figcaption", { text: summary }));
}

function renderTasks(ctx) {
  const body = $("tasks-body");
  const rows = ctx.tasks.map((t) =>
    h(
      "tr",
      { "data-task": t.id },
      h("th", { scope: "row", text: t.title }),
      h("td", { text: label(t.task_type) }),
      h("td", { text: String(t.volume) }),
      h("td", { text: `${money({ amount: t.budget.min, currency: t.budget.currency })}–${money({ amount: t.budget.max, currency: t.budget.currency })}` }),
      h("td", {}, h("span", { class: "badge", text: t.status }), t.visibility ? ` ${t.visibility}` : ""),
      h(
        "td",
        { class: "actions" },
        h("button", { type: "button", onclick: () => guarded(() => showMatches(ctx, t.id)) }, "Matches", h("span", { class: "sr", text: ` for ${t.title}` })),
        h("button", { type: "button", class: "quiet", onclick: () => taskForm(ctx, t) }, "Edit", h("span", { class: "sr", text: ` ${t.title}` })),
        t.status === "open" || t.status === "paused"
          ? h(
              "button",
              {
                type: "button",
                class: "quiet",
                onclick: () =>
                  guarded(async () => {
                    await api("PATCH", `/v1/tasks/${t.id}`, { status: t.status === "open" ? "paused" : "open" });
                    await ctx.refresh();
                  }),
              },
              t.status === "open" ? "Pause" : "Resume",
              h("span", { class: "sr", text: ` ${t.title}` }),
            )
          : null,
      ),
    ),
  );
  body.replaceChildren(
    ctx.tasks.length
      ? h(
          "div",
          { class: "scroll" },
          h(
            "table",
            {},
            h("thead", {}, h("tr", {}, ["Task", "Type", "Volume", "Budget a month", "Status", "Actions"].map((c) => h("th", { scope: "col", text: c })))),
            h("tbody", {}, rows),
          ),
        )
      : h("p", { text: "No tasks yet." }),
    h("button", { type: "button", id: "new-task", onclick: () => taskForm(ctx, null) }, "New task"),
    h("div", { id: "task-form-slot" }),
  );
}

function field(id, text, input) {
  return h("div", { class: "field" }, h("label", { for: id, text }), input);
}

function taskForm(ctx, task) {
  const currency = task ? task.budget.currency : ctx.business.currency;
  const scale = 10 ** minorUnits(currency);
  const form = h(
    "form",
    { class: "task-form", "aria-label": task ? `Edit ${task.title}` : "New task" },
    h("h3", { text: task ? `Edit “${task.title}”` : "New task" }),
    task
      ? null
      : field(
          "f-type",
          "Type of work",
          h("select", { id: "f-type", name: "task_type", required: true }, ctx.types.map((t) => h("option", { value: t.key, text: t.name }))),
        ),
    field("f-title", "Title", h("input", { id: "f-title", name: "title", required: true, maxlength: "200", value: task ? task.title : "" })),
    field("f-volume", "Volume (units a month)", h("input", { id: "f-volume", name: "volume", type: "number", min: "1", required: true, value: task ? task.volume : "" })),
    field("f-min", `Budget from (${currency} a month)`, h("input", { id: "f-min", name: "min", type: "number", min: "0", step: "0.01", required: true, value: task ? task.budget.min / scale : "" })),
    field("f-max", `Budget up to (${currency} a month)`, h("input", { id: "f-max", name: "max", type: "number", min: "0", step: "0.01", required: true, value: task ? task.budget.max / scale : "" })),
    field("f-hours", "Hours you spend on it a month", h("input", { id: "f-hours", name: "hours", type: "number", min: "0", step: "0.5", value: task && task.hours_spent_per_month != null ? task.hours_spent_per_month : "" })),
    field(
      "f-visibility",
      "Who may see it",
      h(
        "select",
        { id: "f-visibility", name: "visibility" },
        h("option", { value: "private", text: "Private: only matching sees it", selected: !task || task.visibility !== "listed" }),
        h("option", { value: "listed", text: "Listed: vendors may see its terms (never your name)", selected: task && task.visibility === "listed" }),
      ),
    ),
    h("div", { class: "field check" }, h("input", { id: "f-core", name: "core", type: "checkbox", checked: task && task.core }), h("label", { for: "f-core", text: "This is what we sell (keep it in house)" })),
    h("div", { class: "actions" }, h("button", { type: "submit" }, task ? "Save" : "Create task"), h("button", { type: "button", class: "quiet", onclick: () => form.remove() }, "Cancel")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      title: data.get("title"),
      volume: Number(data.get("volume")),
      budget: { currency, min: Math.round(Number(data.get("min")) * scale), max: Math.round(Number(data.get("max")) * scale) },
      core: data.get("core") === "on",
      visibility: data.get("visibility"),
    };
    if (data.get("hours") !== "") body.hours_spent_per_month = Number(data.get("hours"));
    if (!task) body.task_type = data.get("task_type");
    guarded(async () => {
      if (task) await api("PATCH", `/v1/tasks/${task.id}`, body);
      else await api("POST", `/v1/businesses/${ctx.business.id}/tasks`, body);
      form.remove();
      await ctx.refresh();
      $("new-task").focus();
    });
  });
  $("task-form-slot").replaceChildren(form);
  form.querySelector("input, select").focus();
}

async function showMatches(ctx, taskId) {
  const task = ctx.tasks.find((t) => t.id === taskId) || (await api("GET", `/v1/tasks/${taskId}`));
  const list = await api("GET", `/v1/tasks/${taskId}/matches?limit=20`);
  const body = $("matches-body");
  $("matches-title").textContent = `Matches for “${task.title}”`;
  const excluded = Object.entries(list.excluded || {}).filter(([, n]) => n > 0);
  body.replaceChildren(
    h(
      "p",
      { class: "muted" },
      `${list.eligible} of ${list.candidates} offers fit.`,
      excluded.length ? ` Left out: ${excluded.map(([reason, n]) => `${n} for ${label(reason)}`).join(", ")}.` : "",
    ),
    list.data.length
      ? h("ol", { class: "matches" }, list.data.map((m) => matchCard(ctx, task, m)))
      : h("p", { text: "No vendor fits these terms yet. Raising the budget or lowering the volume widens the field." }),
    whyNotForm(taskId, null),
  );
  performance.mark("offload:matches-rendered");
  $("matches-title").scrollIntoView?.({ block: "start" });
}

function matchCard(ctx, task, m) {
  const out = h("div", { class: "single-slot" });
  return h(
    "li",
    { class: "match", "data-service": m.service_id },
    h(
      "div",
      { class: "match-head" },
      h("span", { class: "rank", text: `#${m.rank}` }),
      h("strong", { class: "vendor", text: m.vendor_name }),
      h("span", { class: "score", text: `score ${percent(m.score)}` }),
      h("span", { class: "quote", text: `${money(m.quote)} a month` }),
    ),
    factorBars(m.factors),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          onclick: (event) =>
            guarded(async () => {
              const engagement = await api("POST", `/v1/tasks/${task.id}/engagements`, { service_id: m.service_id });
              event.target.disabled = true;
              event.target.textContent = `Proposed (${engagement.status})`;
              await ctx.refresh();
            }),
        },
        "Propose",
        h("span", { class: "sr", text: ` to ${m.vendor_name}` }),
      ),
    ),
    out,
  );
}

function whyNotForm(taskId, services) {
  // The owner may ask about any service; a vendor about its own, on listed tasks.
  const out = h("div", { class: "single-slot" });
  const form = h(
    "form",
    { class: "why-not", "aria-label": "Why not this service?" },
    h("h3", { text: "Why not a particular service?" }),
    taskId ? null : field("w-task", "Task id", h("input", { id: "w-task", name: "task", required: true, spellcheck: "false", placeholder: "tsk_…" })),
    services
      ? field("w-service", "Your service", h("select", { id: "w-service", name: "service" }, services.map((sv) => h("option", { value: sv.id, text: `${label(sv.task_type)} (${sv.id})` }))))
      : field("w-service", "Service id", h("input", { id: "w-service", name: "service", required: true, spellcheck: "false", placeholder: "svc_…" })),
    h("button", { type: "submit" }, "Explain"),
    out,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const task = taskId || data.get("task").trim();
    guarded(async () => {
      const result = await api("GET", `/v1/tasks/${encodeURIComponent(task)}/matches/${encodeURIComponent(data.get("service").trim())}`);
      out.replaceChildren(singleView(result));
    });
  });
  return form;
}

async function renderOwnerEngagements(ctx) {
  const lists = await Promise.all(ctx.tasks.map((t) => all(`/v1/tasks/${t.id}/engagements`)));
  const engagements = lists.flat().sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  const cancel = (e) =>
    e.status === "proposed" || e.status === "active"
      ? h("button", { type: "button", class: "quiet", onclick: () => guarded(async () => { await api("POST", `/v1/engagements/${e.id}/cancel`); await ctx.refresh(); }) }, "Cancel")
      : null;
  $("engagements-body").replaceChildren(
    engagements.length ? h("ul", { class: "engagements" }, engagements.map((e) => engagementRow(e, cancel(e)))) : h("p", { text: "No proposals yet." }),
  );
}

// ---------------------------------------------------------------- vendor

async function vendorView(vendorId) {
  const vendor = await api("GET", `/v1/vendors/${vendorId}`);
  $("who").textContent = `${vendor.name}, vendor`;
  $("view").replaceChildren(
    h("p", { id: "live", class: "muted", "aria-live": "polite" }),
    section("proposals", "Proposals waiting for you", h("div", { id: "proposals-body" })),
    section("services", "Your services", h("div", { id: "services-body" })),
    section("opportunities", "Opportunities", h("div", { id: "opportunities-body" }, h("p", { class: "muted", text: "Choose “Opportunities” on a service." }))),
    section("why-not", "Why not me?", h("div", { id: "why-not-body" })),
  );
  const ctx = { vendor, services: [] };
  const refreshServices = async () => {
    ctx.services = await all(`/v1/vendors/${vendorId}/services`);
    renderServices(ctx);
  };
  const refreshProposals = async () => renderProposals(ctx, await all(`/v1/vendors/${vendorId}/engagements?status=proposed`));
  ctx.refresh = async () => Promise.all([refreshServices(), refreshProposals()]);
  await ctx.refresh();
  $("why-not-body").replaceChildren(
    h("p", { class: "muted", text: "For a listed task you know of: every blocker, and the smallest change that clears it." }),
    whyNotForm(null, ctx.services),
  );
  state.refreshers.push(async (kinds) => {
    if (kinds.has("engagement") || kinds.has("service")) await ctx.refresh();
  });
}

function renderServices(ctx) {
  $("services-body").replaceChildren(
    ctx.services.length
      ? h(
          "ul",
          { class: "services" },
          ctx.services.map((sv) =>
            h(
              "li",
              { class: "service", "data-service": sv.id },
              h("h3", {}, label(sv.task_type), sv.active ? "" : " (inactive)"),
              h("p", { text: `${money({ amount: sv.pricing.amount, currency: sv.pricing.currency })} ${sv.pricing.model.replace("_", " ")}` }),
              h(
                "p",
                {},
                h("span", { text: `Capacity in use: ${sv.reserved} of ${sv.capacity} units a month (${sv.available} free) ` }),
                h("span", { class: "meter", role: "meter", "aria-valuemin": "0", "aria-valuemax": String(sv.capacity), "aria-valuenow": String(sv.reserved), "aria-label": "capacity in use" }, h("span", { class: "meter-fill", style: { width: `${sv.capacity ? Math.round((100 * sv.reserved) / sv.capacity) : 0}%` } })),
              ),
              h("button", { type: "button", onclick: () => guarded(() => showOpportunities(ctx, sv)) }, "Opportunities", h("span", { class: "sr", text: ` for ${label(sv.task_type)}` })),
            ),
          ),
        )
      : h("p", { text: "No services yet." }),
  );
}

async function showOpportunities(ctx, sv) {
  const o = await api("GET", `/v1/vendors/${ctx.vendor.id}/services/${sv.id}/opportunities`);
  const missed = Object.entries(o.missed || {}).filter(([, n]) => n > 0);
  $("opportunities-title").textContent = `Opportunities for ${label(sv.task_type)}`;
  $("opportunities-body").replaceChildren(
    o.data.length
      ? h(
          "ol",
          { class: "opportunities" },
          o.data.map((item) => {
            const t = item.task; // terms, country and time zone only: never the business
            return h(
              "li",
              { class: "opportunity", "data-task": item.task_id },
              h("strong", { text: `Rank ${item.rank} of ${item.eligible_offers}` }),
              ` · score ${percent(item.score)} · your quote ${money(item.quote)} · `,
              `${t.volume} units a month, budget ${money({ amount: t.budget.min, currency: t.budget.currency })}–${money({ amount: t.budget.max, currency: t.budget.currency })}`,
              ` · ${t.country} (${t.timezone})`,
              h("span", { class: "muted", text: ` ${item.task_id}` }),
            );
          }),
        )
      : h("p", { text: "No listed open task of this type has you among its eligible vendors right now." }),
    h("h3", { text: "Listed tasks that left you out" }),
    missed.length ? h("ul", {}, missed.map(([reason, n]) => h("li", { text: `${n} for ${label(reason)}` }))) : h("p", { text: "None." }),
    h("h3", { text: "If you charged less" }),
    h("ul", { class: "sensitivity" }, (o.price_sensitivity || []).map((p) => h("li", { text: `${p.discount_percent}% lower: ${p.more_tasks} more task${p.more_tasks === 1 ? "" : "s"}` }))),
  );
}

function renderProposals(ctx, proposals) {
  const act = (e, verb) =>
    h(
      "button",
      { type: "button", class: verb === "decline" ? "quiet" : null, onclick: () => guarded(async () => { await api("POST", `/v1/engagements/${e.id}/${verb}`); await ctx.refresh(); }) },
      verb === "accept" ? "Accept" : "Decline",
      h("span", { class: "sr", text: ` ${label(e.task_type)} ${e.id}` }),
    );
  $("proposals-body").replaceChildren(
    proposals.length
      ? h("ul", { class: "engagements" }, proposals.map((e) => engagementRow(e, h("span", { class: "actions" }, act(e, "accept"), act(e, "decline")))))
      : h("p", { text: "Nothing waiting." }),
  );
}

// ---------------------------------------------------------------- start

function start() {
  $("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("key").value.trim();
    guarded(async () => {
      try {
        await signIn(key);
      } catch (error) {
        state.key = null;
        throw error;
      }
    });
  });
  $("sign-out").addEventListener("click", () => signOut());
  const fragment = new URLSearchParams(location.hash.slice(1));
  const linked = fragment.get("key");
  if (linked) {
    fragment.delete("key");
    const rest = fragment.toString();
    history.replaceState(null, "", location.pathname + (rest ? `#${rest}` : ""));
  }
  const key = linked || sessionStorage.getItem(KEY_STORE);
  if (key) guarded(() => signIn(key).catch((error) => { state.key = null; throw error; }));
  else $("key").focus();
}

start();
