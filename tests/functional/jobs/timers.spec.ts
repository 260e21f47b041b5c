import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import type { Job } from 'bullmq'
import { setTimeout as sleep } from 'node:timers/promises'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { withTenant, type TenantScope } from '#tenancy/tenant_context'
import { fireTimer, reconcileTimers, scheduleTimer } from '#jobs/timers'
import '#jobs/registry'
import { closeQueues, queue } from '#jobs/queues'
import { tenantOf } from '#tests/helpers/plugins'

/**
 * Timers through the outbox, with a real worker process that is killed
 * (SIGKILL) while timers are due and then started again.
 */
async function inTenant<T>(code: string, fn: () => Promise<T>) {
  const tenant = await tenantOf(code)
  return withTenant({ scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }, fn)
}

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/worker.ts'], {
    cwd: app.makePath(),
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: process.env.GGZY_TEST_WORKER_OUTPUT ? 'inherit' : 'ignore',
  })
}

async function stopWorker(worker: ChildProcess, signal: NodeJS.Signals) {
  // A process ended by a signal keeps exitCode null
  if (worker.exitCode !== null || worker.signalCode !== null) return
  const exited = new Promise((resolve) => worker.once('exit', resolve))
  worker.kill(signal)
  await exited
}

async function handledCount(code: string, keys: string[]) {
  return inTenant(code, async () => {
    const row = await db
      .from('outbox')
      .whereIn('dedupe_key', keys)
      .whereNotNull('handled_at')
      .count('* as n')
      .first()
    return Number(row?.n ?? 0)
  })
}

async function queuedTimersOf(outboxId: number) {
  const jobs = await queue('timers').getJobs(['delayed', 'waiting'])
  return jobs.filter((job) => job.data?.outboxId === outboxId)
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return true
    await sleep(200)
  }
  return false
}

test.group('timers', (group) => {
  group.teardown(() => closeQueues())

  test('a timer set in a transaction that rolls back is never scheduled', async ({ assert }) => {
    const key = `rollback-${Date.now()}`
    const queuedBefore = await queue('timers').getJobCountByTypes('delayed', 'waiting')
    await assert.rejects(() =>
      inTenant('500117', async () => {
        await scheduleTimer({
          name: 'notes-digest.digest',
          key,
          runAt: new Date(),
          payload: { key },
        })
        throw new Error('abort')
      })
    )
    const rows = await inTenant('500117', () => db.from('outbox').where('dedupe_key', key))
    assert.lengthOf(rows, 0)
    assert.equal(await queue('timers').getJobCountByTypes('delayed', 'waiting'), queuedBefore)
  })

  test('the reconciler pushes again a due timer whose push was lost', async ({ assert }) => {
    const key = `lost-${Date.now()}`
    // Committed, but the process died before the job reached Redis
    const outboxId = await inTenant('500117', async () => {
      const tenant = await tenantOf('500117')
      const [row] = await db
        .table('outbox')
        .insert({
          root_tenant_id: tenant.rootId,
          tenant_id: tenant.id,
          queue: 'timers',
          job_name: 'notes-digest.digest',
          dedupe_key: key,
          payload: JSON.stringify({ key }),
          run_at: await clock.now(),
        })
        .returning('id')
      return row.id as number
    })
    const pushedFor = () => queuedTimersOf(outboxId)
    assert.lengthOf(await pushedFor(), 0)
    assert.isAtLeast(await reconcileTimers(), 1)
    assert.isAtLeast(await reconcileTimers(), 1)
    const pushed = await pushedFor()
    assert.lengthOf(pushed, 1, 'a second reconcile does not queue the timer twice')
    await pushed[0].remove()
  })

  test('a redelivered timer runs its handler once', async ({ assert }) => {
    const key = `again-${Date.now()}`
    const tenant = await tenantOf('500117')
    const scope = { scope: 'tenant' as const, tenantId: tenant.id, rootTenantId: tenant.rootId }
    const outboxId = await withTenant(scope, async () =>
      scheduleTimer({
        name: 'notes-digest.digest',
        key,
        runAt: await clock.now(),
        payload: { key },
      })
    )
    const delivery = { data: { outboxId, scope } } as Job<{ outboxId: number; scope: TenantScope }>
    assert.equal(await fireTimer(delivery as any), 'handled')
    assert.equal(await fireTimer(delivery as any), 'skipped')
    const effects = await withTenant(scope, () =>
      db.from('audit_events').where('action', 'notes-digest.digest').where('subject_id', key)
    )
    assert.lengthOf(effects, 1)
    const queued = await queuedTimersOf(outboxId!)
    await Promise.all(queued.map((job) => job.remove()))
  })

  test('a worker killed while timers are due handles each timer exactly once after restart', async ({
    assert,
  }) => {
    const stamp = Date.now()
    let worker = startWorker()
    try {
      // The worker is up once it has fired a probe timer
      const probe = `probe-${stamp}`
      await inTenant('500117', async () =>
        scheduleTimer({
          name: 'notes-digest.digest',
          key: probe,
          runAt: await clock.now(),
          payload: { key: probe },
        })
      )
      assert.isTrue(
        await waitFor(async () => (await handledCount('500117', [probe])) === 1, 60_000)
      )

      // Due one after another over ten seconds, so the kill falls among them
      const keys = Array.from({ length: 20 }, (_, i) => `kill-${stamp}-${i}`)
      await inTenant('500117', async () => {
        const now = await clock.now()
        for (const [i, key] of keys.entries()) {
          await scheduleTimer({
            name: 'notes-digest.digest',
            key,
            runAt: new Date(now.getTime() + 500 + i * 500),
            payload: { key },
          })
        }
      })
      assert.isTrue(await waitFor(async () => (await handledCount('500117', keys)) >= 3, 30_000))
      await stopWorker(worker, 'SIGKILL')
      const atKill = await handledCount('500117', keys)
      assert.isBelow(atKill, keys.length, 'timers were still due when the worker died')

      // Down long enough for every remaining timer to fall due
      await sleep(11_000)
      worker = startWorker()
      const allHandled = await waitFor(
        async () => (await handledCount('500117', keys)) === keys.length,
        60_000
      )
      assert.isTrue(allHandled, 'every timer was handled after the restart')

      const effects = await inTenant('500117', () =>
        db
          .from('audit_events')
          .where('action', 'notes-digest.digest')
          .whereIn('subject_id', keys)
          .select('subject_id')
      )
      assert.sameMembers(
        effects.map((row) => row.subject_id),
        keys,
        'each timer ran its handler exactly once'
      )
    } finally {
      await stopWorker(worker, 'SIGTERM')
    }
  }).timeout(180_000)
})
