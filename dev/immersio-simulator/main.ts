/**
 * Runs the Immersio simulator standalone: `npm run dev:immersio` (or `node dev/immersio-simulator/main.ts`).
 *
 *   IMMERSIO_SIMULATOR_PORT   default 4010
 *   IMMERSIO_SIMULATOR_HOST   default 127.0.0.1
 *   IMMERSIO_WEBHOOK_URL      default http://localhost:3000/api/v1/webhooks/immersio ('' disables webhooks)
 *   IMMERSIO_WEBHOOK_SECRET   default whsec_immersio_demo_secret (the first of a comma-separated list)
 *   IMMERSIO_SSO_SECRET       when set, the sign-in page issues HS256 tokens instead of RS256
 *   IMMERSIO_SSO_AUDIENCE     default immersio-booking
 *   IMMERSIO_SSO_ISSUER       default the simulator's URL
 */
import { startImmersioSimulator } from './simulator.ts';

const port = Number(process.env.IMMERSIO_SIMULATOR_PORT ?? 4010);
const host = process.env.IMMERSIO_SIMULATOR_HOST ?? '127.0.0.1';
const webhookUrl = process.env.IMMERSIO_WEBHOOK_URL ?? 'http://localhost:3000/api/v1/webhooks/immersio';
const webhookSecret =
  (process.env.IMMERSIO_WEBHOOK_SECRET ?? '').split(',')[0]?.trim() || 'whsec_immersio_demo_secret';
const ssoSecret = process.env.IMMERSIO_SSO_SECRET || undefined;
const audience = process.env.IMMERSIO_SSO_AUDIENCE || 'immersio-booking';
const issuer = process.env.IMMERSIO_SSO_ISSUER || undefined;

const sim = await startImmersioSimulator({
  port,
  host,
  audience,
  issuer,
  ssoSecret,
  onRequest: (r) => {
    const org = r.orgId ? ` [${r.orgId}]` : '';
    console.log(`${r.method} ${r.path}${org} -> ${r.status}${r.injected ? ' (injected)' : ''}`);
  },
  onWebhook: (d) => {
    console.log(`webhook ${d.event} ${d.webhookId} -> ${d.status ?? d.error}`);
  },
});

// Seed without sending webhooks (the booking service may not be running yet).
const quiet = { webhook: false };
const ORG = 'org_demo';
sim.addOrg({ id: ORG, name: 'Language Academy', apiKey: 'imm_test_demo_key' });
sim.addUser(ORG, {
  sub: 'user_admin_demo',
  email: 'admin@language-academy.test',
  name: 'Alice Admin',
  role: 'admin',
});
sim.addUser(ORG, {
  sub: 'user_teacher_demo',
  email: 'teacher@language-academy.test',
  name: 'Tom Teacher',
  role: 'teacher',
});
const courses = [
  {
    id: 'course_business_en_1',
    name: 'Business English Level 1',
    description: 'Meetings, e-mails and calls.',
  },
  {
    id: 'course_business_en_2',
    name: 'Business English Level 2',
    description: 'Negotiation and presentations.',
  },
  { id: 'course_spanish_a1', name: 'Spanish for Beginners', description: null },
  { id: 'course_french_conv', name: 'French Conversation', description: 'Weekly speaking practice.' },
];
for (const course of courses) sim.addCourse(ORG, course, quiet);
sim.updateCourse(ORG, 'course_french_conv', { status: 'archived' }, quiet);
const students = [
  { id: 'student_001', email: 'emma.schmidt@example.com', name: 'Emma Schmidt' },
  { id: 'student_002', email: 'liam.martin@example.com', name: 'Liam Martin' },
  { id: 'student_003', email: 'sofia.rossi@example.com', name: 'Sofia Rossi' },
  { id: 'student_004', email: 'noah.dubois@example.com', name: 'Noah Dubois' },
  { id: 'student_005', email: 'mia.novak@example.com', name: 'Mia Novak' },
];
for (const s of students.slice(0, 4)) sim.enroll(ORG, 'course_business_en_1', s, quiet);
for (const s of students.slice(2)) sim.enroll(ORG, 'course_business_en_2', s, quiet);
for (const s of students.slice(3)) sim.enroll(ORG, 'course_spanish_a1', s, quiet);

if (webhookUrl !== '') sim.setWebhookTarget({ url: webhookUrl, secret: webhookSecret });

console.log(`Immersio simulator listening on ${sim.url}`);
console.log(`  organisation:  ${ORG} "Language Academy"`);
console.log(`  API key:       imm_test_demo_key`);
console.log(`  webhooks:      ${webhookUrl === '' ? '(disabled)' : webhookUrl} signed with ${webhookSecret}`);
console.log(`  SSO:           ${sim.authorizeUrl} (client_id=${audience})`);
console.log(
  `                 ${ssoSecret ? 'HS256 with IMMERSIO_SSO_SECRET' : `RS256, JWKS ${sim.jwksUrl}`}`,
);
console.log('  booking service env:');
console.log(`    IMMERSIO_API_URL=${sim.url}`);
console.log(`    IMMERSIO_WEBHOOK_SECRET=${webhookSecret}`);
console.log(`    IMMERSIO_SSO_AUTHORIZE_URL=${sim.authorizeUrl}`);
if (!ssoSecret) console.log(`    IMMERSIO_SSO_JWKS_URL=${sim.jwksUrl}`);
console.log(`    IMMERSIO_SSO_ISSUER=${sim.issuer}`);
console.log(`    IMMERSIO_SSO_AUDIENCE=${audience}`);
console.log(`  control API (sends webhooks): curl -X POST ${sim.url}/_simulator/orgs/${ORG}/courses \\`);
console.log(`    -H 'content-type: application/json' -d '{"name":"German A2"}'   (see README.md)`);

const shutdown = () => {
  void sim.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
