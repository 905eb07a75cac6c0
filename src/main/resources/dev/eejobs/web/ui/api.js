// The jobs API as the dashboard calls it. Every state-changing call carries X-Jobs-Request, which
// the server demands of browsers (cross-site request forgery guard). Reads of something the server
// does not offer (an older module without that endpoint) resolve to undefined, so views degrade.

const base = document.querySelector('meta[name="eejobs-api"]').content.replace(/\/$/, '');

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') headers['X-Jobs-Request'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // against the origin, never the page's URL: one opened as http://user:pass@host/ must not pass its credentials on
  const response = await fetch(new URL(base + path, location.origin), {method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await response.text();
  let data;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = undefined; }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export function get(path) {
  return call('GET', path);
}

/** Like get, but a 404/405 (the server has no such endpoint) resolves to undefined. */
export async function optional(path) {
  try {
    return await call('GET', path);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return undefined;
    throw e;
  }
}

export function post(path, body) {
  return call('POST', path, body);
}

export function del(path) {
  return call('DELETE', path);
}

/** Query string of the non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;
