import { router } from './router';

/** The signed-in viewer, as /api/console/me describes them. */
export interface Me {
  name: string;
  roles: string[];
  pages: string[];
  csrf: string | null;
  today: string;
  may: { manageRoster: boolean; publishPolicy: boolean; recordSession: boolean };
}

let me: Me | null = null;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Calls /api/console…; state-changing calls carry the session's CSRF token. A 401 goes to the login page. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (me?.csrf) headers['X-CSRF-Token'] = me.csrf;
  }
  const res = await fetch(`/api/console${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const json = await res.json().catch(() => ({}));
  if (res.status === 401) {
    me = null;
    if (router.currentRoute.value.name !== 'login') await router.push({ name: 'login' });
  }
  if (!res.ok) throw new ApiFailure(res.status, json.message ?? `请求失败（${res.status}）`);
  return json as T;
}

/** Posts a file's bytes as they are; answers the status and the JSON either way (422 carries a list). */
export async function upload<T>(path: string, file: File): Promise<{ status: number; body: T }> {
  const res = await fetch(`/api/console${path}`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      'Content-Type': file.type || 'application/octet-stream',
      ...(me?.csrf ? { 'X-CSRF-Token': me.csrf } : {}),
    },
    credentials: 'same-origin',
    body: file,
  });
  const body = (await res.json().catch(() => ({ message: `上传失败（${res.status}）` }))) as T;
  return { status: res.status, body };
}

/** Who is signed in (cached), or null. */
export async function loadMe(force = false): Promise<Me | null> {
  if (me && !force) return me;
  const res = await fetch('/api/console/me', { credentials: 'same-origin' });
  me = res.ok ? ((await res.json()) as Me) : null;
  return me;
}

export function currentMe(): Me | null {
  return me;
}

/** Posts to /console/auth (sign-in and sign-out take JSON only). */
export async function auth(path: string, body: unknown = {}): Promise<void> {
  const res = await fetch(`/console/auth${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const json = await res.json().catch(() => ({}));
    throw new ApiFailure(res.status, json.message ?? '登录失败');
  }
  me = null;
}

/** A query string of the non-empty values. */
export function queryOf(values: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A random key for one submitted action (a double click or a retry is applied once). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface Options {
  units: { id: string; name: string }[];
  districts: { id: string; name: string }[];
  allUnits: { id: string; name: string }[];
  categories: { id: string; name: string }[];
  labels: Record<'status' | 'tier' | 'kind' | 'method' | 'verdict' | 'event', Record<string, string>>;
}

let options: Promise<Options> | null = null;
export function loadOptions(): Promise<Options> {
  options ??= api<Options>('/options');
  return options;
}
