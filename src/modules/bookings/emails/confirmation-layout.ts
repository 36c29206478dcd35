import { escapeHtml } from '../../../lib/html.ts';
import type { Translator } from '../../../lib/i18n/translator.ts';
import { singleLine } from '../../../lib/single-line.ts';
import {
  button,
  type Detail,
  detailsHtml,
  detailsText,
  emailLayout,
  H2_STYLE,
  listSection,
  MUTED,
  multilineHtml,
  para,
} from './email-html.ts';
import { ENGLISH_TR, greetingIn } from './email-language.ts';
import { multiLine } from './email-sanitize.ts';

// The one layout of the student's confirmations (a booking, a series, an enrolment) and reminders:
// greeting, intro, details, the school's own note, the sections that differ, the invite note and
// the sign-off, as plain text and as HTML from the same parts.

/** A headed list: `text` lines for the plain part, `html` items (HTML already) for the other. */
export interface ListPart {
  kind: 'list';
  heading: string;
  text: string[];
  html: string[];
  numbered?: boolean;
}

/** A link: `Label: url` in the plain part, a button in the HTML. */
export interface LinkPart {
  kind: 'link';
  textLabel: string;
  buttonLabel: string;
  url: string;
}

/** What every such e-mail's input has: the school, the student, and the school's own text. */
export interface LayoutSource {
  tenant: { name: string };
  booking: { attendee: { name: string } };
  /** The school's own text (issue 17): null or absent when none, or the plan does not send it. */
  schoolMessage?: string | null | undefined;
}

export interface ConfirmationParts {
  /** The HTML heading (and title). */
  heading: string;
  /** One sentence, plain text. */
  intro: string;
  details: Detail[];
  sections: Array<ListPart | LinkPart>;
  inviteNote: string;
  /** The reader's language (issue 18): the greeting, the note's heading and the sign-off; English when absent. */
  tr?: Translator | undefined;
}

export function confirmationLayout(
  from: LayoutSource,
  parts: ConfirmationParts,
): { text: string; html: string } {
  const tr = parts.tr ?? ENGLISH_TR;
  const tenantName = singleLine(from.tenant.name);
  const greeting = greetingIn(tr, from.booking.attendee.name);
  const note = schoolNote(tr, tenantName, from.schoolMessage ?? null);
  const blocks: string[][] = [
    [greeting],
    [parts.intro],
    detailsText(parts.details),
    ...(note ? [[note.heading, ...note.lines.map((line) => (line ? `  ${line}` : ''))]] : []),
    ...parts.sections.map(sectionText),
    [parts.inviteNote],
    [`${tr.t('email.signOff')}\n${tenantName}`],
  ];
  const html = emailLayout(
    parts.heading,
    [
      para(greeting),
      para(parts.intro),
      detailsHtml(parts.details),
      note ? noteHtml(note.heading, note.lines.join('\n')) : '',
      ...parts.sections.map(sectionHtml),
      para(parts.inviteNote, MUTED),
    ].join(''),
    tr.locale,
  );
  return { text: blocks.map((lines) => lines.join('\n')).join('\n\n'), html };
}

/** The numbered list of sessions, each as plain text and as HTML. */
export function sessionsPart(
  items: Array<{ text: string; html: string }>,
  tr: Translator = ENGLISH_TR,
): ListPart {
  const text = items.map((item) => item.text);
  return {
    kind: 'list',
    heading: tr.t('email.sessions'),
    numbered: true,
    text,
    html: items.map((item) => item.html),
  };
}

/** Policy lines as a list part: `- line` in text, escaped items in HTML. */
export function policyPart(heading: string, lines: string[]): ListPart {
  return { kind: 'list', heading, text: lines.map((line) => `- ${line}`), html: lines.map(escapeHtml) };
}

function schoolNote(tr: Translator, tenantName: string, message: string | null) {
  const text = message === null ? '' : multiLine(message);
  if (!text) return null;
  return { heading: tr.t('email.schoolNote', { school: tenantName }), lines: text.split('\n') };
}

function noteHtml(heading: string, text: string): string {
  return (
    `<h2 style="${H2_STYLE}">${escapeHtml(heading)}</h2>` +
    `<div style="margin:0 0 16px;padding:12px 16px;background:#f6f7f9;border-left:4px solid #0b5cd5">${multilineHtml(text)}</div>`
  );
}

function sectionText(part: ListPart | LinkPart): string[] {
  if (part.kind === 'link') return [`${part.textLabel}: ${singleLine(part.url)}`];
  return [part.heading, ...(part.numbered ? part.text.map((line, i) => `${i + 1}. ${line}`) : part.text)];
}

function sectionHtml(part: ListPart | LinkPart): string {
  if (part.kind === 'link') return button(singleLine(part.url), part.buttonLabel);
  return listSection(part.heading, part.html, part.numbered ? 'ol' : 'ul');
}
