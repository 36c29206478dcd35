/**
 * Databases a test run creates on PostgreSQL are named `ibs_test_<pid of the run>_<suffix>`, so
 * two runs on one server (CI and a developer, two checkouts) never drop each other's databases:
 * a run only removes its own, and leftovers of runs whose process is gone.
 */
export const TEST_DB_PREFIX = 'ibs_test_';

export function runDatabaseName(runPid: number, suffix: string): string {
  return `${TEST_DB_PREFIX}${runPid}_${suffix}`;
}

/** The pid of the run that created a test database, if the name follows the scheme. */
export function runPidOf(name: string): number | undefined {
  const match = /^ibs_test_(\d+)_/.exec(name);
  return match ? Number(match[1]) : undefined;
}

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
    /** The run's migrated template database on PostgreSQL. */
    templateDb: string;
  }
}
