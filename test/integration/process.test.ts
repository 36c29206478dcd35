import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trpcClient } from '../support/app.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
const CLI = path.resolve(import.meta.dirname, '../../src/cli.ts');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function run(env: Record<string, string>, script = MAIN, args: string[] = []) {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...inherited, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('the service process', () => {
  it('refuses to start on a bad variable, naming it', async () => {
    const bad = run({ PORT: 'eighty' });
    expect(await bad.exited).toBe(1);
    expect(bad.output().stderr).toMatch(/PORT/);
    const prod = run({ NODE_ENV: 'production', APP_SECRET: '' });
    expect(await prod.exited).toBe(1);
    expect(prod.output().stderr).toMatch(/APP_SECRET: is required when NODE_ENV=production/);
  });

  it('starts on an empty embedded database with the demo tenant, then stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-main-'));
    dirs.push(dataDir);
    const service = run({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    let address: string | undefined;
    for (let i = 0; i < 600 && !address; i++) {
      const match = /"address":"(http:\/\/[^"]+)"/.exec(service.output().stdout);
      address = match?.[1];
      if (!address) {
        if (service.child.exitCode !== null) throw new Error(`exited early: ${service.output().stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    expect(address).toBeDefined();
    const signIn = await fetch(`${address}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@language-academy.test', password: 'demo-admin-password' }),
    });
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const tenant = await trpcClient(address!, token).immersio.tenant.get.query({});
    expect(tenant).toMatchObject({
      slug: 'language-academy',
      name: 'Language Academy',
      plan: { type: 'growth' },
    });
    const landing = await fetch(`${address}/api/v1/public/landing/language-academy`);
    expect(landing.status).toBe(200);
    const { workshops } = (await landing.json()) as { workshops: Array<{ nextOccurrence: string | null }> };
    // Twenty planned classes and the slot-booked tutoring (its next occurrence: its first free slot).
    expect(workshops).toHaveLength(21);
    expect(workshops.every((w) => w.nextOccurrence !== null)).toBe(true);
    const slots = await fetch(
      `${address}/api/v1/public/workshops/private-spanish-tutoring/slots?tenantSlug=language-academy`,
    );
    const { days } = (await slots.json()) as { days: Array<{ slots: unknown[] }> };
    expect(days.some((day) => day.slots.length > 0)).toBe(true);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.output().stdout).toMatch(/stopped cleanly/);
  }, 60_000);
});

describe('the operator CLI', () => {
  it('creates a tenant with its owner, changes its plan, and refuses bad input', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ibs-cli-'));
    dirs.push(dataDir);
    const cli = (...args: string[]) => run({ DATA_DIR: dataDir }, CLI, args);

    const created = cli(
      'tenant',
      'create',
      '--name',
      'My School',
      '--slug',
      'my-school',
      '--plan',
      'starter',
      '--owner-email',
      'Me@Example.test',
    );
    expect(await created.exited).toBe(0);
    const out = created.output().stdout;
    expect(JSON.parse(out.split('\n')[0]!)).toMatchObject({
      slug: 'my-school',
      plan: 'starter',
      ownerEmail: 'me@example.test',
    });
    expect(out).toMatch(/owner password \(shown once\): \S{12,}/);

    const duplicate = cli(
      'tenant',
      'create',
      '--name',
      'Again',
      '--slug',
      'my-school',
      '--plan',
      'lite',
      '--owner-email',
      'x@example.test',
    );
    expect(await duplicate.exited).toBe(1);
    expect(duplicate.output().stderr).toMatch(/CONFLICT: A tenant with slug my-school already exists/);

    const badPlan = cli('tenant', 'set-plan', '--slug', 'my-school', '--plan', 'platinum');
    expect(await badPlan.exited).toBe(2);
    expect(badPlan.output().stderr).toMatch(/--plan must be one of lite, starter, growth, pro, enterprise/);

    const upgraded = cli('tenant', 'set-plan', '--slug', 'my-school', '--plan', 'pro');
    expect(await upgraded.exited).toBe(0);
    expect(upgraded.output().stdout).toMatch(/my-school is now on the pro plan/);
  }, 120_000);
});
