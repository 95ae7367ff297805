/**
 * Who may talk to the console. It listens on 127.0.0.1 only; the URL it prints carries a
 * random token. Every API request must carry that token (state-changing ones in a header,
 * which a cross-site form or image cannot set), name this server in its Host header (so a
 * DNS-rebinding page is refused) and, when the browser says where it comes from, come from
 * this origin. No CORS header is ever sent, so other origins cannot read an answer either.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-clusterkit-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface Refusal {
  status: 403 | 415;
  why: string;
}

/** The hosts this server answers to: 127.0.0.1 and localhost on its port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

const origins = (port: number) => new Set([...allowedHosts(port)].map((h) => `http://${h}`));

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Why `req` is refused, or undefined when it may proceed. `api`: it is an /api/ request. */
export function refusal(
  req: IncomingMessage,
  url: URL,
  port: number,
  token: string,
  api: boolean,
): Refusal | undefined {
  if (!allowedHosts(port).has(String(req.headers.host ?? '').toLowerCase()))
    return { status: 403, why: 'the Host header does not name this console' };
  const origin = req.headers.origin;
  if (origin !== undefined && !origins(port).has(origin))
    return { status: 403, why: `requests from ${origin} are not accepted` };
  const safe = SAFE_METHODS.has(req.method ?? '');
  // Pages may be opened from anywhere (a link in a terminal); the API only from the page.
  if (!api) return safe ? undefined : { status: 403, why: 'only GET is served here' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return { status: 403, why: 'cross-site requests are not accepted' };
  // Reads may carry the token in the query (EventSource cannot set headers); changes may not.
  const header = req.headers[TOKEN_HEADER];
  const given = typeof header === 'string' ? header : safe ? url.searchParams.get('token') : null;
  if (!given || !sameSecret(given, token))
    return { status: 403, why: 'missing or wrong console token; open the URL clusterkit printed' };
  if (!safe && !/^application\/json\b/i.test(String(req.headers['content-type'] ?? '')))
    return { status: 415, why: 'send the request body as application/json' };
  return undefined;
}

/** Headers on every answer: no framing, no sniffing, no referrer, scripts only from here. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
