/**
 * Talking to the console server: the token from the page's URL goes with every request (in a
 * header for changes, in the query for the event stream, which cannot set headers).
 */
const token = new URLSearchParams(location.search).get('token') ?? '';

export const TOKEN_HEADER = 'X-Clusterkit-Token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(String(body.error ?? res.statusText), res.status, body);
  return body as T;
}

export async function getJson<T>(path: string): Promise<T> {
  return answer<T>(await fetch(path, { headers: { [TOKEN_HEADER]: token } }));
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(path, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export const resourcePath = (name: string, rest = '') =>
  `/api/resources/${encodeURIComponent(name)}${rest}`;

export function streamUrl(view: string, resource?: string): string {
  const q = new URLSearchParams({ token, view });
  if (resource !== undefined) q.set('resource', resource);
  return `/api/stream?${q}`;
}
