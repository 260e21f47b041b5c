import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { tenantTables } from '#tenancy/schema_lint'
import { inScope, scopeOf, sqlState } from '#tests/helpers/tenancy'
import { type Row, columnsOf, createTenantRow, primaryKeyOf } from '#tests/helpers/tenant_rows'

/**
 * The two-tenant negative matrix (ARCHITECTURE.md §2) over every tenant table
 * the catalogue knows, so tables added later are covered without editing
 * this file. Tenant 500101 goes after rows of 500102 as the app role; every
 * write runs in a savepoint so the context carries on after a refusal.
 */
const OWN = '500101'
const VICTIM = '500102'
const CITY = '500000'
const INSUFFICIENT_PRIVILEGE = '42501'

async function discoveredTables() {
  const tables = await tenantTables(db.connection('owner'))
  return tables.map((table) => table.name)
}

function keyOf(row: Row, key: string[]) {
  return Object.fromEntries(key.map((column) => [column, row[column]]))
}

function whereSql(key: string[]) {
  return key.map(() => '?? = ?').join(' and ')
}

function whereBindings(row: Row, key: string[]) {
  return key.flatMap((column) => [column, row[column]])
}

/** A write in a savepoint: rows affected, or the SQLSTATE that refused it */
async function write(sql: string, bindings: RawQueryBindings) {
  try {
    const result = await db.transaction((savepoint) => savepoint.rawQuery(sql, bindings))
    return { rowCount: result.rowCount as number, code: undefined }
  } catch (error: any) {
    return { rowCount: 0, code: error.code as string }
  }
}

/**
 * The row as an INSERT would carry it again: identity and generated columns
 * left out, json sent as JSON (pg would send a JS array as a PostgreSQL array)
 */
async function insertableCopy(table: string, row: Row) {
  const columns = await columnsOf(table)
  return Object.fromEntries(
    columns
      .filter((c) => !c.identity && !c.generated)
      .map((c) => {
        const value = row[c.name]
        const json = (c.type === 'jsonb' || c.type === 'json') && value !== null
        return [c.name, json ? JSON.stringify(value) : value]
      })
  )
}

function insertSql(table: string, values: Row) {
  const columns = Object.keys(values)
  return {
    sql: `insert into ?? (${columns.map(() => '??').join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    bindings: [table, ...columns, ...columns.map((column) => values[column])],
  }
}

test.group('tenant isolation matrix', (group) => {
  const victims = new Map<string, Row>()
  let victimTenantId: number

  group.setup(async () => {
    const victim = await scopeOf(VICTIM)
    victimTenantId = victim.tenantId!
  })

  async function victimRow(table: string) {
    let row = victims.get(table)
    if (!row) {
      row = await inScope(VICTIM, () => createTenantRow(table))
      victims.set(table, row)
    }
    return row
  }

  test('the catalogue lists the tenant tables', async ({ assert }) => {
    const tables = await discoveredTables()
    assert.includeMembers(tables, ['audit_events', 'trades', 'trade_transitions', 'tenant_plugins'])
    assert.notInclude(tables, 'staff_memberships')
  })

  test('{$self}: tenant 500101 cannot see or change rows of 500102')
    .with(discoveredTables)
    .run(async ({ assert }, table: string) => {
      const victim = await victimRow(table)
      const key = await primaryKeyOf(table)
      assert.equal(victim.tenant_id, victimTenantId)

      await inScope(OWN, async () => {
        const own = await createTenantRow(table)
        const { tenantId: ownTenantId } = await scopeOf(OWN)

        const byKey = await db.from(table).where(keyOf(victim, key))
        assert.lengthOf(byKey, 0, 'select by key')
        const listed = await db.from(table).where('tenant_id', victimTenantId)
        assert.lengthOf(listed, 0, 'select by tenant')
        const all = await db.from(table).select('tenant_id')
        assert.isTrue(all.length > 0)
        assert.isTrue(
          all.every((row) => row.tenant_id === ownTenantId),
          'a list shows only own rows'
        )

        const copy = insertSql(table, await insertableCopy(table, victim))
        const inserted = await write(copy.sql, copy.bindings)
        assert.equal(inserted.code, INSUFFICIENT_PRIVILEGE, 'insert for 500102')

        const updated = await write(`update ?? set ?? = ?? where ${whereSql(key)}`, [
          table,
          'tenant_id',
          'tenant_id',
          ...whereBindings(victim, key),
        ])
        assert.isTrue(updated.code === INSUFFICIENT_PRIVILEGE || updated.rowCount === 0, 'update')

        const deleted = await write(`delete from ?? where ${whereSql(key)}`, [
          table,
          ...whereBindings(victim, key),
        ])
        assert.isTrue(deleted.code === INSUFFICIENT_PRIVILEGE || deleted.rowCount === 0, 'delete')

        const handedOver = await write(`update ?? set ?? = ? where ${whereSql(key)}`, [
          table,
          'tenant_id',
          victimTenantId,
          ...whereBindings(own, key),
        ])
        assert.equal(handedOver.code, INSUFFICIENT_PRIVILEGE, 'own row moved to 500102')

        const ownStill = await db.from(table).where(keyOf(own, key))
        assert.lengthOf(ownStill, 1, 'the context carried on after each refusal')
      })

      const intact = await inScope(VICTIM, () => db.from(table).where(keyOf(victim, key)))
      assert.lengthOf(intact, 1)
      assert.equal(intact[0].tenant_id, victimTenantId)
    })

  test('{$self}: the city reads rows of 500102 but cannot write them')
    .with(discoveredTables)
    .run(async ({ assert }, table: string) => {
      const victim = await victimRow(table)
      const key = await primaryKeyOf(table)

      await inScope(
        CITY,
        async () => {
          const byKey = await db.from(table).where(keyOf(victim, key))
          assert.lengthOf(byKey, 1, 'the city reads its districts')

          const copy = insertSql(table, await insertableCopy(table, victim))
          const inserted = await write(copy.sql, copy.bindings)
          assert.equal(inserted.code, INSUFFICIENT_PRIVILEGE, 'insert for 500102')

          const updated = await write(`update ?? set ?? = ?? where ${whereSql(key)}`, [
            table,
            'tenant_id',
            'tenant_id',
            ...whereBindings(victim, key),
          ])
          assert.isTrue(updated.code === INSUFFICIENT_PRIVILEGE || updated.rowCount === 0, 'update')

          const deleted = await write(`delete from ?? where ${whereSql(key)}`, [
            table,
            ...whereBindings(victim, key),
          ])
          assert.isTrue(deleted.code === INSUFFICIENT_PRIVILEGE || deleted.rowCount === 0, 'delete')
        },
        'city'
      )
    })

  test('{$self}: without a tenant context the app role is refused')
    .with(discoveredTables)
    .run(async ({ assert }, table: string) => {
      assert.equal(await sqlState(() => db.from(table).select('tenant_id').limit(1)), '42501')
    })
})
