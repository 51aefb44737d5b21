// The business and vendor quickstarts, through the generated types and openapi-fetch,
// against a live server: OFFLOAD_URL and OFFLOAD_ADMIN_KEY say which. Exits non-zero on the
// first step that does not answer as the spec promises. Run: npm run build:ts && npm run check:ts
import { offloadClient, type Schemas } from "./index.js";

const baseUrl = process.env.OFFLOAD_URL ?? "http://127.0.0.1:8000";
const adminKey = process.env.OFFLOAD_ADMIN_KEY;
if (!adminKey) throw new Error("set OFFLOAD_ADMIN_KEY");

function must<T>(step: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    throw new Error(`${step}: ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

const admin = offloadClient(baseUrl, adminKey);
const partnerKey = must(
  "create a partner key",
  await admin.POST("/v1/api-keys", { body: { role: "partner", name: "TypeScript partner" } }),
);
const partner = offloadClient(baseUrl, partnerKey.secret ?? "");

// The vendor side: a profile, a service, and a key of its own.
const vendor = must(
  "create a vendor",
  await partner.POST("/v1/vendors", {
    body: { name: "Typed Books", country: "PH", timezone: "Asia/Manila", languages: ["en"] },
  }),
);
const service = must(
  "create a service",
  await partner.POST("/v1/vendors/{vendor_id}/services", {
    params: { path: { vendor_id: vendor.id } },
    body: {
      task_type: "bookkeeping",
      capacity: 1000,
      pricing: { model: "per_unit", currency: "USD", amount: 100 },
    },
  }),
);
const vendorKey = must(
  "create a vendor key",
  await partner.POST("/v1/api-keys", {
    body: { role: "vendor", name: "Typed Books", vendor_id: vendor.id },
  }),
);

// The business side: a profile, a key, a task, matches, a proposal.
const business = must(
  "create a business",
  await partner.POST("/v1/businesses", {
    body: {
      name: "Typed Bakery",
      country: "US",
      timezone: "America/New_York",
      languages: ["en"],
      currency: "USD",
    },
  }),
);
const businessKey = must(
  "create a business key",
  await partner.POST("/v1/api-keys", {
    body: { role: "business", name: "Typed Bakery", business_id: business.id },
  }),
);
const owner = offloadClient(baseUrl, businessKey.secret ?? "");
const task = must(
  "create a task",
  await owner.POST("/v1/businesses/{business_id}/tasks", {
    params: { path: { business_id: business.id } },
    body: {
      task_type: "bookkeeping",
      title: "Monthly books",
      volume: 400,
      budget: { currency: "USD", min: 30000, max: 50000 },
    },
  }),
);
const matches: Schemas["MatchList"] = must(
  "get matches",
  await owner.GET("/v1/tasks/{task_id}/matches", { params: { path: { task_id: task.id } } }),
);
const match = matches.data.find((m) => m.service_id === service.id);
if (!match) throw new Error(`get matches: our service is not among ${matches.data.length}`);
const proposed = must(
  "propose",
  await owner.POST("/v1/tasks/{task_id}/engagements", {
    params: { path: { task_id: task.id } },
    body: { service_id: match.service_id },
  }),
);

const vendorClient = offloadClient(baseUrl, vendorKey.secret ?? "");
must(
  "accept",
  await vendorClient.POST("/v1/engagements/{engagement_id}/accept", {
    params: { path: { engagement_id: proposed.id } },
  }),
);
const completed = must(
  "complete",
  await owner.POST("/v1/engagements/{engagement_id}/complete", {
    params: { path: { engagement_id: proposed.id } },
    body: { rating: 5, review: "Books closed on time." },
  }),
);
if (completed.status !== "completed" || completed.rating !== 5) {
  throw new Error(`complete: ${JSON.stringify(completed)}`);
}
console.log(
  JSON.stringify({
    engagement: completed.id,
    status: completed.status,
    vendor_country: match.vendor_country,
    score: match.score,
  }),
);
