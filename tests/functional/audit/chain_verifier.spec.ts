import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import AuditVerify from '../../../commands/audit_verify.js'
import { checkEvent, verifyAuditChains } from '#audit/chain_verifier'
import { GENESIS_HASH } from '#audit/audit_log'
import { withTenant } from '#tenancy/tenant_context'
import { appendEvent, auditEvents } from '#tests/helpers/audit'
import { tenantOf } from '#tests/helpers/plugins'

/**
 * The verifier and `audit:verify` (ARCHITECTURE.md §4, quality.md B.3): the
 * app role cannot change an event; the owner can, with RLS and the trigger
 * switched off, and the verifier then names that event. Tampered events are
 * put back the same way, so later tests see intact chains again.
 */
async function runVerify(args: string[] = []) {
  ace.ui.switchMode('raw')
  const command = await ace.create(AuditVerify, args)
  await command.exec()
  const logs = command.logger.getLogs().map((log) => log.message)
  return { command, logs }
}

/** What a superuser or the owner could do: bypass RLS and the trigger for one update */
async function tamper(id: number, payload: unknown) {
  await db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery('ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY')
    await trx.rawQuery('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete')
    await trx.rawQuery('UPDATE audit_events SET payload = ?::jsonb WHERE id = ?', [
      JSON.stringify(payload),
      id,
    ])
    await trx.rawQuery('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete')
    await trx.rawQuery('ALTER TABLE audit_events FORCE ROW LEVEL SECURITY')
  })
}

async function tenantScope(code: string) {
  const tenant = await tenantOf(code)
  return { scope: 'tenant' as const, tenantId: tenant.id, rootTenantId: tenant.rootId }
}

test.group('audit chain verifier', () => {
  test('chains written by recordAudit verify intact, across batches', async ({ assert }) => {
    const action = `test.verify.${randomUUID()}`
    for (let i = 0; i < 5; i++) {
      await appendEvent('500113', { action, subjectType: 'probe', subjectId: i, payload: { i } })
    }
    await appendEvent('500114', {
      action,
      subjectType: 'probe',
      payload: { nested: { b: [1, 2.5, 'x'], a: null }, text: '中文' },
    })
    const reports = await verifyAuditChains({ batchSize: 2 })
    assert.lengthOf(reports, 39)
    assert.deepEqual(
      reports.filter((report) => report.broken),
      []
    )
    const byCode = new Map(reports.map((report) => [report.code, report]))
    assert.isAtLeast(byCode.get('500113')!.events, 5)
    assert.isAtLeast(byCode.get('500114')!.events, 1)
  })

  test('an actor IP is hashed in the form the column reads back', async ({ assert }) => {
    const tenant = await tenantScope('500116')
    const { recordAudit } = await import('#audit/audit_log')
    await withTenant(tenant, () =>
      recordAudit(
        { accountId: null, label: 'probe', ip: '::FFFF:10.0.0.1' },
        { action: 'test.ip', subjectType: 'probe' }
      )
    )
    const [report] = await verifyAuditChains({ codes: ['500116'] })
    assert.isNull(report.broken)
  })

  test('audit:verify prints each chain intact and exits 0', async ({ assert }) => {
    await appendEvent('500117', { action: 'test.command', subjectType: 'probe' })
    const { command, logs } = await runVerify()
    assert.equal(command.exitCode ?? 0, 0)
    assert.isTrue(
      logs.some((line) => /500117: intact \([1-9][0-9]* events\)/.test(line)),
      logs.join('\n')
    )
    assert.isTrue(logs.some((line) => line.includes('500000: intact (')))
    assert.isTrue(logs.some((line) => line.includes('39 chains intact')))
  })

  test('the app role cannot update or delete an audit event', async ({ assert }) => {
    await appendEvent('500118', { action: 'test.immutable', subjectType: 'probe' })
    const [event] = await auditEvents({ action: 'test.immutable' })
    for (const scope of [
      await tenantScope('500118'),
      { ...(await tenantScope('500000')), scope: 'city' as const },
    ]) {
      await assert.rejects(
        () =>
          withTenant(scope, () =>
            db.rawQuery(`UPDATE audit_events SET payload = '{"x":1}' WHERE id = ?`, [event.id])
          ),
        /permission denied/
      )
      await assert.rejects(
        () =>
          withTenant(scope, () => db.rawQuery(`DELETE FROM audit_events WHERE id = ?`, [event.id])),
        /permission denied/
      )
    }
    const [after] = await auditEvents({ id: event.id })
    assert.deepEqual(after.payload, event.payload)
  })

  test('an event altered by the owner is named by the verifier and the command', async ({
    assert,
  }) => {
    const action = `test.tamper.${randomUUID()}`
    await appendEvent('500119', { action, subjectType: 'probe', payload: { amount: 100 } })
    await appendEvent('500119', { action, subjectType: 'probe', payload: { amount: 200 } })
    const [first, second] = await auditEvents({ action })
    const tenant = await tenantOf('500119')

    await tamper(first.id, { amount: 1 })
    try {
      const [report] = await verifyAuditChains({ codes: ['500119'] })
      assert.deepInclude(report, { code: '500119', tenantId: tenant.id })
      assert.deepInclude(report.broken!, {
        id: Number(first.id),
        seq: Number(first.seq),
        reason: 'hash_mismatch',
      })
      // The second event still links to the stored hash: only the first is named
      assert.notEqual(report.broken!.id, Number(second.id))

      const { command, logs } = await runVerify()
      assert.equal(command.exitCode, 1)
      assert.isTrue(
        logs.some((line) =>
          line.includes(`500119: broken at seq ${first.seq} (event id ${first.id}): hash_mismatch`)
        ),
        logs.join('\n')
      )
      assert.isTrue(logs.some((line) => line.includes('1 of 39 chains broken')))
    } finally {
      await tamper(first.id, first.payload)
    }
    const [restored] = await verifyAuditChains({ codes: ['500119'] })
    assert.isNull(restored.broken)
  })

  test('a gap in seq and a broken prev_hash link are named', ({ assert }) => {
    const event = {
      id: 7,
      tenant_id: 1,
      seq: 3,
      occurred_at: '2026-01-01T00:00:00.000000Z',
      actor_account_id: null,
      actor_label: 'system',
      action: 'x',
      subject_type: 'y',
      subject_id: null,
      ip: null,
      payload: {},
      prev_hash: GENESIS_HASH,
      hash: 'f'.repeat(64),
    }
    assert.deepEqual(checkEvent(event, { seq: 1, hash: GENESIS_HASH }), {
      id: 7,
      seq: 3,
      reason: 'seq_gap',
      expected: '2',
    })
    assert.deepEqual(checkEvent(event, { seq: 2, hash: 'a'.repeat(64) }), {
      id: 7,
      seq: 3,
      reason: 'prev_hash_mismatch',
      expected: 'a'.repeat(64),
    })
    assert.equal(checkEvent(event, { seq: 2, hash: GENESIS_HASH })!.reason, 'hash_mismatch')
  })
})
