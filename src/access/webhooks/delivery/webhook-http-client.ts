// One delivery attempt over HTTP(S): POST the body to the URL, connecting only to the checked
// addresses, with a hard timeout, no redirects followed and the response body discarded.
import { LookupAddress } from 'dns';
import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';
import { pinnedLookup } from '../webhook-target';

export interface PostOutcome {
  /** HTTP status, or null when no response came (connection error, timeout). */
  httpStatus: number | null;
  /** Why there was no response, or null. */
  error: string | null;
}

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** Addresses resolveTarget checked; the connection goes to one of these only. */
  addresses: readonly LookupAddress[];
}

export function postJson(url: URL, body: string, options: PostOptions): Promise<PostOutcome> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...options.headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(options.addresses),
        signal: AbortSignal.timeout(options.timeoutMs),
        // A fresh connection per attempt: nothing pooled outlives the delivery or skips the check.
        agent: false,
      },
      (response) => {
        // Only the status matters; the body is drained (bounded by the same timeout) and dropped.
        response.resume();
        response.on('end', () => resolve({ httpStatus: response.statusCode ?? null, error: null }));
        response.on('error', () => resolve({ httpStatus: response.statusCode ?? null, error: null }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.name === 'AbortError' || error.name === 'TimeoutError' ? `timed out after ${options.timeoutMs} ms` : (error.code ?? error.message);
      resolve({ httpStatus: null, error: reason });
    });
    request.end(body);
  });
}
