export const TEMPLATE_DB = 'ibs_test_template';

/** The maintenance database on the same server, for CREATE/DROP DATABASE. */
export function adminUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    templateKind: 'pglite' | 'postgres';
  }
}
