// The Offload API client for TypeScript: openapi-fetch over the types openapi-typescript
// generates from openapi/openapi.json (src/schema.ts; regenerate with clients/generate).
import createClient, { type Middleware } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };
export type Schemas = components["schemas"];

/** A client for one API key: every request carries `Authorization: Bearer <key>`. */
export function offloadClient(baseUrl: string, apiKey?: string) {
  const client = createClient<paths>({ baseUrl });
  if (apiKey) {
    const auth: Middleware = {
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${apiKey}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}
