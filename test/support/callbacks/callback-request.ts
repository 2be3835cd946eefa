/** A platform callback ready to send with fetch: built by the test and console callback builders. */
export interface CallbackRequest {
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

/** The absolute URL of a callback request against a server base such as `http://127.0.0.1:3000`. */
export function callbackUrl(base: string, request: CallbackRequest): string {
  const query = new URLSearchParams(request.query).toString();
  return `${base.replace(/\/+$/, '')}${request.path}${query ? `?${query}` : ''}`;
}

/** Sends a built callback with fetch. */
export function sendCallback(base: string, request: CallbackRequest): Promise<Response> {
  return fetch(callbackUrl(base, request), {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
}
