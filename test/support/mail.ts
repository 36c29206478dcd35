import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestApp } from './app.ts';
import { waitFor } from './bookings.ts';

// The e-mails the test app actually sent. Without SMTP_URL the mailer writes each message as an
// .eml file under DATA_DIR/mail; this reads them back with a small MIME reader (multipart,
// base64, quoted-printable, encoded-word headers), enough for what the service sends.

export interface SentAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface SentMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  /** The text/html body, when there is one. */
  html: string;
  attachments: SentAttachment[];
  /** The message's own headers, names in lower case (`content-language`…), encoded words decoded. */
  headers: Record<string, string>;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end < 0 ? normalised : normalised.slice(0, end);
  const body = end < 0 ? '' : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of head.split('\n')) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
    } else {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      headers.set(last, line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

function param(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const match = new RegExp(`(?:^|;)\\s*${name}\\*?=("([^"]*)"|[^;\\s]+)`, 'i').exec(header);
  if (!match) return undefined;
  return decodeWords(match[2] ?? match[1]!);
}

function decodeQuotedPrintable(value: string): Buffer {
  const soft = value.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_all, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8');
  return part.body;
}

/** Every leaf part of a (possibly nested) multipart message. */
function leaves(part: Part): Part[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = param(type, 'boundary');
  if (!/^multipart\//i.test(type) || !boundary) return [part];
  const sections = part.body.split(
    new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?\\s*$`, 'm'),
  );
  // The preamble before the first boundary and the epilogue after the last are not parts.
  return sections
    .slice(1, -1)
    .map((section) => splitPart(section.replace(/^\n/, '')))
    .flatMap(leaves);
}

export function parseMail(raw: string, file = ''): SentMail {
  const message = splitPart(raw);
  const parts = leaves(message);
  const attachments: SentAttachment[] = [];
  let text = '';
  let html = '';
  for (const part of parts) {
    const type = part.headers.get('content-type') ?? 'text/plain';
    const filename =
      param(part.headers.get('content-disposition'), 'filename') ?? param(type, 'name') ?? undefined;
    if (filename) {
      attachments.push({ filename, contentType: type, content: decodeBody(part) });
    } else if (/^text\/plain/i.test(type) && !text) {
      text = decodeBody(part);
    } else if (/^text\/html/i.test(type) && !html) {
      html = decodeBody(part);
    }
  }
  return {
    file,
    to: decodeWords(message.headers.get('to') ?? ''),
    subject: decodeWords(message.headers.get('subject') ?? ''),
    text,
    html,
    attachments,
    headers: Object.fromEntries([...message.headers].map(([name, value]) => [name, decodeWords(value)])),
  };
}

/** Every e-mail the app has sent so far, oldest first, optionally only those to `to`. */
export async function sentMail(app: TestApp, to?: string): Promise<SentMail[]> {
  const dir = path.join(app.dataDir, 'mail');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  const mails = await Promise.all(
    files.map(async (f) => parseMail(await readFile(path.join(dir, f), 'utf8'), f)),
  );
  return to === undefined ? mails : mails.filter((m) => m.to.includes(to));
}

/** Waits until the app has sent e-mails to `to` whose subject starts with `subjectPrefix`; returns them. */
export function mailsTo(app: TestApp, to: string, subjectPrefix: string, timeoutMs = 10_000) {
  return waitFor(
    async () => {
      const found = (await sentMail(app, to)).filter((m) => m.subject.startsWith(subjectPrefix));
      return found.length > 0 && found;
    },
    { timeoutMs, what: `an e-mail "${subjectPrefix}…" to ${to}` },
  );
}
