/** Largest document fetched from another node (actor, JWKS, directory). */
const MAX_DOCUMENT_BYTES = 256 * 1024;

/**
 * GETs a JSON document from another node with a timeout and a size cap, so a slow or hostile
 * peer cannot hold a request or fill memory. Only http(s) URLs.
 */
export async function fetchJson(url: string, timeoutMs = 5_000): Promise<unknown> {
  if (!/^https?:\/\//.test(url)) throw new Error(`not an http(s) URL: ${url}`);
  const response = await fetch(url, {
    headers: { accept: 'application/activity+json, application/json' },
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_DOCUMENT_BYTES) throw new Error(`GET ${url}: document too large`);
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`GET ${url}: document too large`);
  return JSON.parse(text) as unknown;
}
