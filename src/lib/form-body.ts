// HTML forms post `application/x-www-form-urlencoded`. Only the route groups that serve such forms
// accept it, each in its own Fastify scope: `scope.addContentTypeParser(FORM_CONTENT_TYPE,
// FORM_PARSER_OPTIONS, parseFormBody)`. Everywhere else the API answers a form body with 415.

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** A form of a few fields: 16 KiB is plenty, and a larger body is refused before it is read. */
export const FORM_PARSER_OPTIONS = { parseAs: 'string', bodyLimit: 16 * 1024 } as const;

/** The fields as strings (the last of a repeated name wins), in Fastify's parser shape. */
export function parseFormBody(
  _req: unknown,
  body: string | Buffer,
  done: (error: Error | null, fields?: Record<string, string>) => void,
): void {
  done(null, Object.fromEntries(new URLSearchParams(body.toString())));
}
