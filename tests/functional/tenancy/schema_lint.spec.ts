import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { lintCitus, lintRls } from '#tenancy/schema_lint'

/**
 * The catalogue lints pass on the migrated schema and are shown to fail on
 * bad objects, created as the owner in a transaction that is rolled back.
 */
async function inRolledBackOwnerTransaction<T>(fn: (trx: TransactionClientContract) => Promise<T>) {
  const trx = await db.connection('owner').transaction()
  try {
    return await fn(trx)
  } finally {
    await trx.rollback()
  }
}

function objectsOf(findings: Array<{ rule: string; object: string }>, rule: string) {
  return findings.filter((finding) => finding.rule === rule).map((finding) => finding.object)
}

test.group('schema lint: RLS', () => {
  test('passes on the migrated schema', async ({ assert }) => {
    assert.deepEqual(await lintRls(db.connection('owner')), [])
  })

  test('fails on a tenant table without RLS, a leaky policy, an owner-rights view and a definer', async ({
    assert,
  }) => {
    const findings = await inRolledBackOwnerTransaction(async (trx) => {
      await trx.rawQuery(`create table lint_probe_open (
        root_tenant_id bigint not null, tenant_id bigint not null, id bigint,
        primary key (root_tenant_id, id))`)
      await trx.rawQuery(`create table lint_probe_leaky (
        root_tenant_id bigint not null, tenant_id bigint not null, id bigint,
        primary key (root_tenant_id, id))`)
      await trx.rawQuery(`alter table lint_probe_leaky enable row level security`)
      await trx.rawQuery(`create policy lint_probe_any on lint_probe_leaky for all to ggzy_tenant
        using (tenant_id = app.current_tenant() or tenant_id = any ('{1,2}'::bigint[]))
        with check (tenant_id = app.current_tenant())`)
      await trx.rawQuery(`create policy lint_probe_read on lint_probe_leaky for select to ggzy_city
        using (root_tenant_id = app.current_tenant())`)
      await trx.rawQuery(`create view lint_probe_view as select * from lint_probe_leaky`)
      await trx.rawQuery(`create function app.lint_probe_definer() returns bigint
        language sql security definer as 'select count(*) from lint_probe_leaky'`)
      return lintRls(trx)
    })

    assert.includeMembers(objectsOf(findings, 'rls-enabled'), ['lint_probe_open'])
    assert.includeMembers(objectsOf(findings, 'rls-forced'), [
      'lint_probe_open',
      'lint_probe_leaky',
    ])
    const missing = findings.filter((f) => f.rule === 'policy-missing')
    assert.lengthOf(
      missing.filter((f) => f.object === 'lint_probe_open'),
      8,
      'two scope roles × four commands'
    )
    assert.sameMembers(
      missing.filter((f) => f.object === 'lint_probe_leaky').map((f) => f.message),
      [
        'no INSERT policy for ggzy_city with WITH CHECK',
        'no UPDATE policy for ggzy_city with USING and WITH CHECK',
        'no DELETE policy for ggzy_city with USING',
      ]
    )
    assert.deepEqual(objectsOf(findings, 'policy-not-equality'), [
      'lint_probe_leaky.lint_probe_any',
    ])
    assert.deepEqual(objectsOf(findings, 'view-not-invoker'), ['public.lint_probe_view'])
    assert.deepEqual(objectsOf(findings, 'security-definer'), ['app.lint_probe_definer()'])
    assert.isTrue(
      findings.every((f) => f.object.includes('lint_probe')),
      'nothing else is flagged'
    )
  })

  test('a security_invoker view over a tenant table passes', async ({ assert }) => {
    const findings = await inRolledBackOwnerTransaction(async (trx) => {
      await trx.rawQuery(
        `create view lint_probe_invoker with (security_invoker = true) as select * from audit_events`
      )
      return lintRls(trx)
    })
    assert.deepEqual(findings, [])
  })
})

test.group('schema lint: Citus', () => {
  test('passes on the migrated schema', async ({ assert }) => {
    assert.deepEqual(await lintCitus(db.connection('owner')), [])
  })

  test('fails with all five rules on a bad fixture', async ({ assert }) => {
    const findings = await inRolledBackOwnerTransaction(async (trx) => {
      // R3: the primary key leaves the root out
      await trx.rawQuery(`create table lint_probe_parent (
        root_tenant_id bigint not null, tenant_id bigint not null, id bigint primary key)`)
      // R2: nullable root; R4: references the parent on `id` alone
      await trx.rawQuery(`create table lint_probe_child (
        root_tenant_id bigint, tenant_id bigint not null, id bigint,
        parent_id bigint references lint_probe_parent (id),
        unique (root_tenant_id, id))`)
      // R1: no root and not declared global; R5: a global-style table pointing at a tenant table
      await trx.rawQuery(`create table lint_probe_orphan (
        id bigint primary key, parent_id bigint references lint_probe_parent (id))`)
      return lintCitus(trx)
    })

    assert.deepEqual(objectsOf(findings, 'R1'), ['lint_probe_orphan'])
    assert.deepEqual(objectsOf(findings, 'R2'), ['lint_probe_child'])
    assert.deepEqual(objectsOf(findings, 'R3'), ['lint_probe_parent_pkey'])
    assert.deepEqual(objectsOf(findings, 'R4'), ['lint_probe_child_parent_id_fkey'])
    assert.deepEqual(objectsOf(findings, 'R5'), ['lint_probe_orphan_parent_id_fkey'])
    assert.lengthOf(findings, 5)
  })

  test('a declared global table may exist without the root column', async ({ assert }) => {
    const findings = await inRolledBackOwnerTransaction(async (trx) => {
      await trx.rawQuery(`create table lint_probe_reference (id bigint primary key)`)
      return lintCitus(trx, { globalTables: ['lint_probe_reference'] })
    })
    assert.notInclude(objectsOf(findings, 'R1'), 'lint_probe_reference')
  })
})
