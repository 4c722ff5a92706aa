// The request a write-API client sends, for the route handlers' tests: a key as Statuspage
// clients send it (OAuth), and a JSON or form-encoded body with its Content-Type.

export interface ApiRequestInit {
  method?: string;
  /** Sent as `Authorization: OAuth <key>`; none when null or empty. */
  key?: string | null;
  json?: unknown;
  form?: string;
  headers?: Record<string, string>;
}

export function apiRequest(url: string, { method = "GET", key, json, form, headers = {} }: ApiRequestInit = {}): Request {
  const sent = new Headers(headers);
  if (key) sent.set("Authorization", `OAuth ${key}`);
  let body: string | undefined;
  if (json !== undefined) {
    sent.set("Content-Type", "application/json");
    body = JSON.stringify(json);
  }
  if (form !== undefined) {
    sent.set("Content-Type", "application/x-www-form-urlencoded");
    body = form;
  }
  return new Request(url, { method, headers: sent, body });
}
