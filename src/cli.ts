import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase } from './db/client.ts';
import { EnvError, parseEnv } from './env.ts';
import { AppError } from './lib/errors.ts';
import { runPrivacyCommand } from './modules/immersio/privacy/privacy-cli.ts';
import { PLAN_TYPES, type PlanType } from './modules/tenants/plans.ts';
import { provisionTenant } from './modules/tenants/provisioning.ts';
import { findTenant, setTenantPlan } from './modules/tenants/tenant-lookup.ts';
import { DEMO, seedDemo } from './seed/demo.ts';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                         apply pending migrations
  seed                            create the demo tenant (idempotent)
  tenant create --name N --slug S --plan P --owner-email E [--owner-name N] [--owner-password P] [--time-zone Z]
                                  create a tenant and its owner (a password is generated when omitted)
  tenant set-plan --slug S --plan P
                                  change a tenant's plan
  privacy export --tenant S --email E
                                  print as JSON everything the school holds about one student
  privacy erase --tenant S --email E --yes
                                  anonymise that student (refused while they hold seats in
                                  sessions yet to end; see docs/privacy.md)

Plans: ${PLAN_TYPES.join(', ')}. The database comes from DATABASE_URL or DATA_DIR, as for npm start;
with the embedded database, stop the server first (one process owns DATA_DIR).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    slug: { type: 'string' },
    plan: { type: 'string' },
    'owner-email': { type: 'string' },
    'owner-name': { type: 'string' },
    'owner-password': { type: 'string' },
    'time-zone': { type: 'string' },
    tenant: { type: 'string' },
    email: { type: 'string' },
    yes: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function plan(value: string | undefined): PlanType {
  if (!value || !(PLAN_TYPES as readonly string[]).includes(value))
    fail(`--plan must be one of ${PLAN_TYPES.join(', ')}`);
  return value as PlanType;
}

if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(0);
}

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 2 });
try {
  await database.migrate();
  const command = positionals.join(' ');
  if (command === 'migrate') {
    console.log('migrations applied');
  } else if (command === 'seed') {
    const result = await seedDemo(database.db, env);
    console.log(
      result.created
        ? `demo tenant created: ${DEMO.tenant.slug} (owner ${DEMO.owner.email}, teacher ${DEMO.teacher.email})`
        : `demo tenant ${DEMO.tenant.slug} already exists`,
    );
  } else if (command === 'tenant create') {
    if (!values.name || !values.slug || !values['owner-email'])
      fail('--name, --slug and --owner-email are required');
    const password = values['owner-password'] ?? randomBytes(12).toString('base64url');
    const email = values['owner-email'].trim().toLowerCase();
    const { tenant, owner } = await provisionTenant(database.db, {
      name: values.name,
      slug: values.slug,
      plan: plan(values.plan),
      owner: {
        email,
        name: values['owner-name'] ?? email.split('@')[0]!,
        password,
        ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
      },
      ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
    });
    console.log(
      JSON.stringify({
        tenantId: tenant.id,
        slug: tenant.slug,
        plan: tenant.plan,
        ownerId: owner.id,
        ownerEmail: owner.email,
      }),
    );
    if (!values['owner-password']) console.log(`owner password (shown once): ${password}`);
  } else if (command === 'tenant set-plan') {
    if (!values.slug) fail('--slug is required');
    const tenant = await findTenant(database.db, { slug: values.slug });
    if (!tenant) fail(`no tenant with slug ${values.slug}`);
    await setTenantPlan(database.db, tenant.id, plan(values.plan));
    console.log(
      `${values.slug} is now on the ${values.plan} plan (running instances pick it up within a minute)`,
    );
  } else if (command === 'privacy export' || command === 'privacy erase') {
    if (!values.tenant || !values.email) fail('--tenant and --email are required');
    if (command === 'privacy erase' && !values.yes) fail('erasure cannot be undone: add --yes');
    const action = command === 'privacy export' ? 'export' : 'erase';
    const request = { action, tenantSlug: values.tenant, email: values.email } as const;
    const result = await runPrivacyCommand({ db: database.db }, request);
    console.log(JSON.stringify(result, null, 2));
  } else {
    fail(`unknown command: ${command}`);
  }
} catch (error) {
  if (error instanceof AppError) {
    console.error(`${error.code}: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await database.close();
}
