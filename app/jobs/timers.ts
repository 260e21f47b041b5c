import type { Job } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { PLATFORM_NOW_SQL } from '#core/clock'
import {
  afterCommit,
  currentScopeOrFail,
  UNBOUND_GLOBAL_SCOPE,
  withTenant,
  type TenantScope,
} from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { queue, tenantProcessor, type TenantJobData } from '#jobs/queues'

/**
 * Timers (deadlines, period ends) through the outbox: scheduled in the
 * transaction of the change, delivered by BullMQ as delayed jobs, found
 * again by the reconciler after downtime, and applied exactly once.
 */
export type TimerHandler = (payload: Record<string, unknown>) => Promise<unknown>

const timerHandlers = new Map<string, TimerHandler>()

export function registerTimer(name: string, handler: TimerHandler) {
  timerHandlers.set(name, handler)
}

interface TimerJobData extends TenantJobData {
  outboxId: number
}

interface OutboxRow {
  id: number
  job_name: string
  run_at: Date
}

function jobIdOf(scope: TenantScope, row: OutboxRow) {
  // BullMQ ids cannot contain ':'; the run time makes a rescheduled timer a new job
  return `timer-${scope.tenantId}-${row.id}-${new Date(row.run_at).getTime()}`
}

async function enqueue(scope: TenantScope, row: OutboxRow, now: Date) {
  await queue('timers').add(row.job_name, { outboxId: row.id, scope } satisfies TimerJobData, {
    jobId: jobIdOf(scope, row),
    delay: Math.max(0, new Date(row.run_at).getTime() - now.getTime()),
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: true,
  })
}

/**
 * Schedules (or moves) the timer `key` of the current tenant. The job is
 * pushed only after the transaction commits; if that push is lost, the
 * reconciler pushes it again.
 */
export async function scheduleTimer(spec: {
  name: string
  key: string
  runAt: Date
  payload?: Record<string, unknown>
}) {
  const scope = currentScopeOrFail()
  const { rows } = await db.rawQuery(
    `insert into outbox (root_tenant_id, tenant_id, queue, job_name, dedupe_key, payload, run_at)
     values (?, ?, 'timers', ?, ?, ?, ?)
     on conflict (root_tenant_id, tenant_id, dedupe_key)
       do update set run_at = excluded.run_at, payload = excluded.payload, job_name = excluded.job_name
       where outbox.handled_at is null
     returning id, job_name, run_at, ${PLATFORM_NOW_SQL} as now`,
    [
      scope.rootTenantId,
      scope.tenantId,
      spec.name,
      spec.key,
      JSON.stringify(spec.payload ?? {}),
      spec.runAt,
    ]
  )
  const row = rows[0] as (OutboxRow & { now: Date }) | undefined
  if (row) {
    // The change is committed: a lost push is the reconciler's to repair, not the caller's error
    afterCommit(() =>
      enqueue(scope, row, new Date(row.now)).catch((error) =>
        logger.warn(
          { outboxId: row.id, err: error.message },
          'timer push failed; reconciler will retry'
        )
      )
    )
  }
  return row?.id ?? null
}

/**
 * The processor of the timers queue: locks the outbox row, skips it when it
 * was handled already (a redelivery), runs the handler and marks the row in
 * the same transaction.
 */
export const fireTimer = tenantProcessor<TimerJobData, string>(async (job: Job<TimerJobData>) => {
  const scope = currentScopeOrFail()
  const { rows } = await db.rawQuery(
    `select id, job_name, payload, run_at, handled_at, ${PLATFORM_NOW_SQL} as now
     from outbox where tenant_id = ? and id = ? for update`,
    [scope.tenantId, job.data.outboxId]
  )
  const row = rows[0]
  if (!row || row.handled_at) return 'skipped'
  if (new Date(row.run_at) > new Date(row.now)) {
    // Delivered before its (possibly moved) time: the reconciler brings it back
    return 'early'
  }
  const handler = timerHandlers.get(row.job_name)
  if (!handler) throw new Error(`No timer handler "${row.job_name}"`)
  await handler(row.payload)
  await db.rawQuery(`update outbox set handled_at = now() where tenant_id = ? and id = ?`, [
    scope.tenantId,
    row.id,
  ])
  return 'handled'
})

/**
 * Finds every due or soon-due timer that has not been handled, in every
 * tenant, and pushes it again (a job still queued under the same id is not
 * duplicated). Runs when the worker starts and then periodically.
 */
export async function reconcileTimers(horizonSeconds = 60) {
  const tenants = await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.all())
  let pushed = 0
  for (const tenant of tenants) {
    const scope: TenantScope = { scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }
    await withTenant(scope, async () => {
      const { rows } = await db.rawQuery(
        `select id, job_name, run_at, ${PLATFORM_NOW_SQL} as now from outbox
         where root_tenant_id = ? and tenant_id = ? and handled_at is null
           and run_at <= ${PLATFORM_NOW_SQL} + make_interval(secs => ?)`,
        [tenant.rootId, tenant.id, horizonSeconds]
      )
      for (const row of rows) {
        afterCommit(() => enqueue(scope, row, new Date(row.now)))
        pushed++
      }
    })
  }
  if (pushed) logger.info({ pushed }, 'timers reconciled')
  return pushed
}
