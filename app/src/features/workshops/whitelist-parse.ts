import { updateWhitelistInput } from '../../../../src/modules/workshops/procedures/update-whitelist.schema.ts';
import type { AppMessageKey, MessageValues } from '../../lib/i18n/i18n.tsx';

// Reading pasted emails or an uploaded CSV into whitelist entries, checked with the procedure's
// own entry schema before anything is sent. papaparse is loaded only when a list is read.

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const entrySchema = updateWhitelistInput.shape.emails.element;

export interface WhitelistEntry {
  email: string;
  name?: string | undefined;
  immersioStudentId?: string | undefined;
}

/** A problem in words, as a message of the catalogues for the screen to show in its language. */
export interface ParseText {
  key: AppMessageKey;
  values?: MessageValues;
}

/** `id`: the row's position in the list (a line of several addresses gives several rows). */
export type ParsedRow = { id: number; line: number; raw: string } & (
  | { status: 'valid'; entry: WhitelistEntry }
  | { status: 'invalid'; reason: ParseText }
  | { status: 'duplicate'; firstLine: number }
);

export interface ParsedList {
  rows: ParsedRow[];
  valid: WhitelistEntry[];
  invalidCount: number;
  duplicateCount: number;
  /** Set when the list cannot be used at all (too many rows). */
  error?: ParseText;
}

const HEADER_NAMES: Record<string, keyof WhitelistEntry> = {
  email: 'email',
  'e-mail': 'email',
  'email address': 'email',
  name: 'name',
  'full name': 'name',
  immersiostudentid: 'immersioStudentId',
  immersio_student_id: 'immersioStudentId',
  'immersio student id': 'immersioStudentId',
  student_id: 'immersioStudentId',
};

/**
 * Rows of `email[,name[,immersioStudentId]]`, or any columns under a header row naming them
 * ("email", "name", "immersio_student_id"). A pasted line of several addresses
 * ("a@x.test, b@y.test") gives one entry each. Emails compare trimmed and lower-cased, as the
 * server stores them: a repeat is a duplicate of its first line.
 */
export async function parseWhitelist(text: string): Promise<ParsedList> {
  const { default: Papa } = await import('papaparse');
  const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const firstRow = (data[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const hasHeader = firstRow.some((cell) => HEADER_NAMES[cell] === 'email');
  const columns = hasHeader
    ? firstRow.map((cell) => HEADER_NAMES[cell])
    : ['email', 'name', 'immersioStudentId'];
  const body = hasHeader ? data.slice(1) : data;

  const candidates: Array<{ line: number; raw: string; entry: Record<string, string | undefined> }> = [];
  body.forEach((cells, index) => {
    const line = index + (hasHeader ? 2 : 1);
    const raw = cells.join(', ');
    const filled = cells.map((c) => c.trim()).filter(Boolean);
    if (!hasHeader && filled.length > 1 && filled.every((c) => c.includes('@'))) {
      for (const email of filled) candidates.push({ line, raw: email, entry: { email } });
      return;
    }
    const entry: Record<string, string | undefined> = {};
    cells.forEach((cell, i) => {
      const key = columns[i];
      if (key && cell.trim()) entry[key] = cell.trim();
    });
    candidates.push({ line, raw, entry });
  });

  if (candidates.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      valid: [],
      invalidCount: 0,
      duplicateCount: 0,
      error: {
        key: 'app.workshops.whitelist.parse.tooMany',
        values: { count: candidates.length, max: MAX_IMPORT_ROWS },
      },
    };
  }

  const seen = new Map<string, number>();
  const rows: ParsedRow[] = [];
  const valid: WhitelistEntry[] = [];
  for (const { line, raw, entry } of candidates) {
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === 'email' || !entry.email ? 'email' : String(issue?.path[0] ?? 'row');
      const reason: ParseText = !entry.email
        ? { key: 'app.workshops.whitelist.parse.noEmail' }
        : field === 'email'
          ? { key: 'app.workshops.whitelist.parse.badEmail' }
          : {
              key: 'app.workshops.whitelist.parse.fieldIssue',
              values: { field, message: issue?.message ?? '' },
            };
      rows.push({ id: rows.length, line, raw, status: 'invalid', reason });
      continue;
    }
    const key = parsed.data.email.trim().toLowerCase();
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      rows.push({ id: rows.length, line, raw, status: 'duplicate', firstLine });
      continue;
    }
    seen.set(key, line);
    const clean: WhitelistEntry = { email: key };
    if (parsed.data.name) clean.name = parsed.data.name;
    if (parsed.data.immersioStudentId) clean.immersioStudentId = parsed.data.immersioStudentId;
    rows.push({ id: rows.length, line, raw, status: 'valid', entry: clean });
    valid.push(clean);
  }
  return {
    rows,
    valid,
    invalidCount: rows.filter((r) => r.status === 'invalid').length,
    duplicateCount: rows.filter((r) => r.status === 'duplicate').length,
  };
}
