/**
 * The few calls that are not tRPC procedures: better-auth's endpoints (sign-in sets the session
 * cookie) and REST downloads. Errors carry the spec's `{error, code, issues}` body.
 */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function postJson<T = unknown>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const err = (data ?? {}) as {
      error?: string;
      code?: string;
      issues?: { path: string; message: string }[];
    };
    throw new HttpError(
      err.error ?? `Request failed (${response.status})`,
      response.status,
      err.code ?? 'ERROR',
      err.issues,
    );
  }
  return data as T;
}
