import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type IViolation } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import { afterAll, describe, expect, it } from 'vitest';

// The rules in .dependency-cruiser.cjs, tried on small trees of files: each kind of violation
// the lint step must catch, and the shapes it must let through.

const root = await mkdtemp(join(tmpdir(), 'depcruise-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const config = await extractDepcruiseConfig(join(import.meta.dirname, '../../.dependency-cruiser.cjs'));

let tree = 0;
async function violations(files: Record<string, string>): Promise<string[]> {
  const base = join(root, String(tree++));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(base, path)), { recursive: true });
    await writeFile(join(base, path), text);
  }
  const { tsConfig: _, ...options } = config.options ?? {};
  const result = await cruise(['src'], { ...options, ruleSet: config, baseDir: base, validate: true });
  if (typeof result.output === 'string') throw new Error(result.output);
  return (result.output.summary.violations as IViolation[]).map((v) => `${v.rule.name} ${v.from} → ${v.to}`);
}

const imp = (path: string) => `import { x } from '${path}';\nexport const y = x;\n`;
const exp = 'export const x = 1;\n';

describe('dependency rules', () => {
  it('refuse a domain importing one above it', async () => {
    expect(
      await violations({
        'src/modules/workshops/a.service.ts': imp('../bookings/b.ts'),
        'src/modules/bookings/b.ts': exp,
      }),
    ).toEqual([
      expect.stringMatching(
        /^layer-\d+ src\/modules\/workshops\/a\.service\.ts → src\/modules\/bookings\/b\.ts$/,
      ),
    ]);
  });

  it('let a domain use one below it, and routes use the kit and the container', async () => {
    expect(
      await violations({
        'src/modules/bookings/a.ts': imp('../workshops/b.ts'),
        'src/modules/workshops/b.ts': exp,
        'src/modules/workshops/w.routes.ts': `import type { Container } from '../../container.ts';\nimport { x } from '../../http/k.ts';\nexport const f = (c: Container) => [c, x];\n`,
        'src/http/k.ts': exp,
        'src/container.ts': 'export type Container = { a: 1 };\n',
      }),
    ).toEqual([]);
  });

  it('refuse a cycle, also through types', async () => {
    const found = await violations({
      'src/modules/tenants/a.ts': "import type { B } from './b.ts';\nexport type A = B | 1;\n",
      'src/modules/tenants/b.ts': "import type { A } from './a.ts';\nexport type B = A | 2;\n",
    });
    expect(found).toEqual([expect.stringMatching(/^no-circular src\/modules\/tenants\/[ab]\.ts/)]);
  });

  it("refuse another domain's repo, and a repo in a page or a procedure", async () => {
    const found = await violations({
      'src/modules/bookings/a.ts': imp('../workshops/w.repo.ts'),
      'src/modules/workshops/w.repo.ts': exp,
      'src/modules/workshops/procedures/p.ts': imp('../w.repo.ts'),
      'src/modules/web/page.ts': imp('./site.repo.ts'),
      'src/modules/web/site.repo.ts': exp,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'repo-inside-its-domain src/modules/bookings/a.ts → src/modules/workshops/w.repo.ts',
        'pages-never-call-repos src/modules/workshops/procedures/p.ts → src/modules/workshops/w.repo.ts',
        'pages-never-call-repos src/modules/web/page.ts → src/modules/web/site.repo.ts',
      ]),
    );
  });

  it('refuse the container or the transport kit in a service', async () => {
    const found = await violations({
      'src/modules/tenants/t.service.ts': `import type { Container } from '../../container.ts';\n${imp('../../trpc/init.ts')}export type C = Container;\n`,
      'src/trpc/init.ts': exp,
      'src/container.ts': 'export type Container = { a: 1 };\n',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'container-only-at-the-edge src/modules/tenants/t.service.ts → src/container.ts',
        'core-without-transport src/modules/tenants/t.service.ts → src/trpc/init.ts',
      ]),
    );
  });
});
