import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { type Job, Worker } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { withTenant } from '#tenancy/tenant_context'
import {
  type TenantJobData,
  closeQueues,
  enqueueAfterCommit,
  queue,
  queuePrefix,
  redisConnection,
  tenantProcessor,
} from '#jobs/queues'
import { scopeOf } from '#tests/helpers/tenancy'

/**
 * Tenant jobs on real Redis, under a queue prefix of their own for this run:
 * a job runs in the scope it was enqueued in, only after its transaction
 * commits, and a job without a genuine scope is refused for good.
 */
const MARKER = 'isolation.job_marker'

interface ProbeData extends TenantJobData {
  marker: string
}

interface Outcome {
  state: 'completed' | 'failed'
  result?: any
  error?: Error
  attemptsMade: number
}

test.group('tenant jobs', (group) => {
  const marker = randomUUID()
  const outcomes = new Map<string, Outcome>()
  const ran = new Set<string>()
  let worker: Worker

  async function outcomeOf(jobId: string, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs
    while (!outcomes.has(jobId) && Date.now() < deadline) await sleep(20)
    return outcomes.get(jobId)
  }

  group.setup(async () => {
    const prefix = env.get('REDIS_PREFIX')
    await closeQueues()
    env.set('REDIS_PREFIX', `${prefix}_jobs_${marker}`)
    worker = new Worker(
      'alerts',
      tenantProcessor<ProbeData, unknown>(async (job: Job<ProbeData>) => {
        ran.add(job.id!)
        const { rows } = await db.rawQuery(
          `select current_user as role, current_setting('app.tenant_id') as tenant`
        )
        const markers = await db
          .from('audit_events')
          .where({ action: MARKER, subject_id: job.data.marker })
          .select('tenant_id')
        return { ...rows[0], markerTenants: markers.map((row) => row.tenant_id) }
      }),
      { connection: redisConnection(), prefix: queuePrefix(), concurrency: 4 }
    )
    worker.on('completed', (job, result) =>
      outcomes.set(job.id!, { state: 'completed', result, attemptsMade: job.attemptsMade })
    )
    worker.on('failed', (job, error) => {
      if (job) outcomes.set(job.id!, { state: 'failed', error, attemptsMade: job.attemptsMade })
    })
    await worker.waitUntilReady()

    return async () => {
      await worker.close()
      await queue('alerts').obliterate({ force: true })
      await closeQueues()
      env.set('REDIS_PREFIX', prefix!)
    }
  })

  test('a job enqueued after commit runs in the scope it was enqueued in', async ({ assert }) => {
    const own = await scopeOf('500101')
    const other = await scopeOf('500102')
    await withTenant(other, () =>
      recordAudit(SYSTEM_ACTOR, { action: MARKER, subjectType: 'probe', subjectId: marker })
    )
    const jobId = `probe-committed-${marker}`
    await withTenant(own, async () => {
      await recordAudit(SYSTEM_ACTOR, { action: MARKER, subjectType: 'probe', subjectId: marker })
      enqueueAfterCommit('alerts', 'isolation.probe', { marker }, { jobId })
      // Not pushed before COMMIT: a job running now would not see the marker
      assert.isUndefined(await queue('alerts').getJob(jobId))
    })

    const outcome = await outcomeOf(jobId)
    assert.equal(outcome?.state, 'completed', outcome?.error?.message)
    assert.equal(outcome!.result.role, 'ggzy_tenant')
    assert.equal(Number(outcome!.result.tenant), own.tenantId)
    assert.deepEqual(outcome!.result.markerTenants, [own.tenantId])
  })

  test('a job enqueued in a transaction that rolls back is never enqueued', async ({ assert }) => {
    const jobId = `probe-rolled-back-${marker}`
    const own = await scopeOf('500101')
    await assert.rejects(
      () =>
        withTenant(own, async () => {
          enqueueAfterCommit('alerts', 'isolation.probe', { marker }, { jobId })
          throw new Error('abort')
        }),
      'abort'
    )
    await sleep(300)
    assert.isUndefined(await queue('alerts').getJob(jobId))
    assert.isFalse(ran.has(jobId))
  })

  test('a job without a genuine scope fails as unrecoverable, without running', async ({
    assert,
  }) => {
    const district = await scopeOf('500101')
    const city = await scopeOf('500000', 'city')
    const forged: Record<string, unknown> = {
      'none': undefined,
      'unknown-role': { scope: 'superuser', tenantId: city.tenantId, rootTenantId: city.tenantId },
      'inherited-key': {
        scope: 'constructor',
        tenantId: city.tenantId,
        rootTenantId: city.tenantId,
      },
      'non-numeric': { scope: 'tenant', tenantId: 'abc', rootTenantId: city.tenantId },
      'unknown-tenant': { scope: 'tenant', tenantId: 987654321, rootTenantId: city.tenantId },
      'foreign-root': {
        scope: 'tenant',
        tenantId: district.tenantId,
        rootTenantId: district.tenantId,
      },
      'city-scope-on-district': {
        scope: 'city',
        tenantId: district.tenantId,
        rootTenantId: city.tenantId,
      },
    }
    for (const [name, scope] of Object.entries(forged)) {
      const jobId = `probe-forged-${name}-${marker}`
      await queue('alerts').add('isolation.probe', { marker, scope } as ProbeData, {
        jobId,
        attempts: 3,
      })
      const outcome = await outcomeOf(jobId)
      assert.equal(outcome?.state, 'failed', name)
      assert.equal(
        outcome!.error!.name,
        'UnrecoverableError',
        `${name}: ${outcome!.error!.message}`
      )
      assert.equal(outcome!.attemptsMade, 1, `${name} is not retried`)
      assert.isFalse(ran.has(jobId), `${name} never reached the handler`)
    }
  }).timeout(30_000)
})
