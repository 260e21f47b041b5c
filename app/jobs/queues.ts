import { Queue, type Job, UnrecoverableError } from 'bullmq'
import env from '#start/env'
import { redisSettings } from '#core/database_settings'
import {
  afterCommit,
  assertScope,
  currentScopeOrFail,
  withTenant,
  type TenantScope,
} from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'

/**
 * BullMQ queues of ARCHITECTURE.md §9. The prefix is hash-tagged so the
 * same keys work on Redis Cluster (datalayer.md §3).
 */
export const QUEUE_NAMES = ['timers', 'disclosure', 'alerts', 'notifications', 'exchange'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

export function redisConnection() {
  const settings = redisSettings(env)
  return {
    host: settings.host,
    port: settings.port,
    password: settings.password,
    db: settings.db,
    maxRetriesPerRequest: null,
  }
}

export function queuePrefix() {
  return `{${redisSettings(env).prefix}}`
}

const queues = new Map<QueueName, Queue>()

export function queue(name: QueueName) {
  let existing = queues.get(name)
  if (!existing) {
    existing = new Queue(name, { connection: redisConnection(), prefix: queuePrefix() })
    queues.set(name, existing)
  }
  return existing
}

export async function closeQueues() {
  await Promise.all([...queues.values()].map((q) => q.close()))
  queues.clear()
}

/** Every tenant job carries the scope it was enqueued in, never one from input */
export interface TenantJobData {
  scope: TenantScope
}

/**
 * Enqueues after the current transaction commits (a job enqueued inside it
 * could run before COMMIT and see nothing), stamped with the current scope.
 */
export function enqueueAfterCommit<T extends object>(
  name: QueueName,
  jobName: string,
  data: T,
  options: { jobId?: string; delay?: number } = {}
) {
  const scope = currentScopeOrFail()
  afterCommit(() => queue(name).add(jobName, { ...data, scope }, options))
}

/**
 * A job's scope is data read back from Redis: it must be well formed and name
 * a tenant that exists under that root, with the city and global scopes only
 * at the city. Anything else is refused for good, before the handler runs.
 */
function wellFormed(scope: TenantScope | undefined): scope is TenantScope {
  try {
    assertScope(scope!)
    return scope!.tenantId !== null
  } catch {
    return false
  }
}

async function genuine(scope: TenantScope) {
  const tenant = await tenantDirectory.findById(scope.tenantId!)
  return (
    tenant !== undefined &&
    tenant.rootId === scope.rootTenantId &&
    (scope.scope === 'tenant' || tenant.isCity)
  )
}

/** Wraps a processor so it runs inside the job's tenant-scoped transaction. */
export function tenantProcessor<D extends TenantJobData, R>(
  handler: (job: Job<D, R>) => Promise<R>
) {
  return async (job: Job<D, R>) => {
    const scope = job.data?.scope
    if (!wellFormed(scope)) throw new UnrecoverableError('job without a valid tenant scope')
    return withTenant(scope, async () => {
      if (!(await genuine(scope))) throw new UnrecoverableError('job scope names no such tenant')
      return handler(job)
    })
  }
}
