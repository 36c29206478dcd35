export function inviteEmail(input: {
  to: string;
  inviteeName: string | null;
  tenantName: string;
  inviterName: string;
  role: 'ADMIN' | 'MEMBER';
  link: string;
  expiresAt: Date;
}) {
  const greeting = input.inviteeName ? `Hello ${input.inviteeName},` : 'Hello,';
  const roleText = input.role === 'ADMIN' ? 'an administrator' : 'a teacher';
  const text = [
    greeting,
    '',
    `${input.inviterName} has invited you to join ${input.tenantName} on Immersio Booking as ${roleText}.`,
    '',
    `Accept the invitation: ${input.link}`,
    '',
    `The link works once and expires on ${input.expiresAt.toUTCString()}.`,
    "If you weren't expecting this, you can ignore this e-mail.",
  ].join('\n');
  return { to: input.to, subject: `You're invited to join ${input.tenantName}`, text };
}
