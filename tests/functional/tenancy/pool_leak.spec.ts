import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { type TenantScope, withTenant } from '#tenancy/tenant_context'
import { SCOPE_ROLES } from '#tenancy/scopes'
import { scopeOf } from '#tests/helpers/tenancy'
import { createAccount } from '#tests/helpers/accounts'
import type Account from '#identity/models/account'

/**
 * Many tenant contexts interleaved over few pooled connections never see one
 * another's setting or rows, errors included, and leave every pooled
 * connection as the bare login role with no tenant (datalayer.md §1.3 D).
 */
const CODES = ['500101', '500102', '500103', '500104', '500105']
const MARKER = 'isolation.pool_marker'
const SMALL_POOL = 'isolation_small_pool'
const SMALL_POOL_MAX = 3

const jitter = () => sleep(Math.floor(Math.random() * 4))

/** Holds `size` connections at once, so every pooled connection answers */
async function pooledSessions(connection: string, size: number) {
  const results = await Promise.all(
    Array.from({ length: size }, () =>
      db.connection(connection).rawQuery(
        `select pg_backend_pid() as pid, current_user as role,
           coalesce(current_setting('app.tenant_id', true), '') as tenant, pg_sleep(0.05)`
      )
    )
  )
  return results.map((result) => result.rows[0])
}

test.group('pool leak', (group) => {
  const scopes = new Map<string, TenantScope>()
  const run = randomUUID()

  group.setup(async () => {
    for (const code of CODES) {
      const scope = await scopeOf(code)
      scopes.set(code, scope)
      await withTenant(scope, () =>
        recordAudit(SYSTEM_ACTOR, { action: MARKER, subjectType: 'probe', subjectId: run })
      )
    }
    const app = db.manager.get('app')!.config
    db.manager.add(SMALL_POOL, { ...app, pool: { min: 0, max: SMALL_POOL_MAX } } as typeof app)
    return () => db.manager.close(SMALL_POOL, true)
  })

  test('400 interleaved tenant contexts over a pool of 3 see only their own tenant', async ({
    assert,
  }) => {
    const probe = async (i: number) => {
      const code = CODES[i % CODES.length]
      const scope = scopes.get(code)!
      const failing = i % 10 === 9
      try {
        return await withTenant(
          scope,
          async () => {
            const client = db.connection(SMALL_POOL)
            await jitter()
            const { rows } = await client.rawQuery(
              `select pg_backend_pid() as pid, current_user as role,
                 current_setting('app.tenant_id') as tenant`
            )
            await jitter()
            const markers = await client
              .from('audit_events')
              .where({ action: MARKER, subject_id: run })
              .select('tenant_id')
            await jitter()
            if (failing) await client.rawQuery('select 1 / 0')
            return { code, expected: scope.tenantId, ...rows[0], markers, failed: false }
          },
          { connection: SMALL_POOL }
        )
      } catch (error: any) {
        if (!failing || error.code !== '22012') throw error
        return { code, expected: scope.tenantId, failed: true }
      } finally {
        // A stray query between contexts runs bare on whatever connection it gets
        const stray = await db
          .connection(SMALL_POOL)
          .rawQuery(`select current_user as role, current_setting('app.tenant_id', true) as tenant`)
        assert.equal(stray.rows[0].role, 'ggzy_app')
        assert.include(['', null], stray.rows[0].tenant)
      }
    }

    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => probe(i)))
    const answered = results.filter((result: any) => !result.failed) as any[]
    assert.lengthOf(answered, 360)
    assert.lengthOf(
      results.filter((result) => result.failed),
      40
    )
    const wrong = answered.filter(
      (result) =>
        result.role !== SCOPE_ROLES.tenant ||
        Number(result.tenant) !== result.expected ||
        result.markers.length !== 1 ||
        result.markers[0].tenant_id !== result.expected
    )
    assert.deepEqual(wrong, [])
    const pids = new Set(answered.map((result) => result.pid))
    assert.isAtMost(pids.size, SMALL_POOL_MAX)
    assert.isAbove(pids.size, 1, 'the contexts really shared several connections')

    for (const session of await pooledSessions(SMALL_POOL, SMALL_POOL_MAX)) {
      assert.equal(session.role, 'ggzy_app')
      assert.equal(session.tenant, '')
    }
  }).timeout(60_000)

  test('200 concurrent requests alternating tenants each answer for their own tenant', async ({
    client,
    assert,
  }) => {
    const auditors = new Map<string, Account>()
    for (const code of CODES) auditors.set(code, await createAccount([{ code, role: 'auditor' }]))

    const responses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const code = CODES[i % CODES.length]
        const ping = i % 2 === 0
        const response = ping
          ? await client.get(`/api/v1/t/${code}/ping`).header('accept', 'application/json')
          : await client
              .get(`/api/v1/t/${code}/audit?action=${MARKER}`)
              .loginAs(auditors.get(code)!)
        return { code, ping, status: response.status(), body: response.body() }
      })
    )
    const wrong = responses.filter(({ code, ping, status, body }) => {
      if (status !== 200) return true
      if (ping) return body.tenant !== code || body.tenantId !== scopes.get(code)!.tenantId
      const events = body.data as Array<{ tenantCode: string; subjectId: string }>
      return (
        events.some((event) => event.tenantCode !== code) ||
        !events.some((event) => event.subjectId === run)
      )
    })
    assert.deepEqual(wrong, [])

    const poolMax = Number(db.manager.get('app')!.config.pool?.max ?? 10)
    for (const session of await pooledSessions('app', poolMax)) {
      assert.equal(session.role, 'ggzy_app')
      assert.equal(session.tenant, '')
    }
  }).timeout(60_000)
})
