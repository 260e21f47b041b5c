import { Worker, type Processor } from 'bullmq'
import logger from '@adonisjs/core/services/logger'
import { QUEUE_NAMES, type QueueName, queue, queuePrefix, redisConnection } from '#jobs/queues'
import { fireTimer, reconcileTimers } from '#jobs/timers'

/**
 * Job handlers by queue and job name. Core modules and plugins register
 * theirs at import time; the worker routes each job to its handler. Jobs of
 * the `timers` queue all go through the outbox (fireTimer).
 */
const handlers = new Map<string, Processor>()

export function registerJob(
  queueName: Exclude<QueueName, 'timers'>,
  jobName: string,
  processor: Processor
) {
  handlers.set(`${queueName}:${jobName}`, processor)
}

const RECONCILE_JOB = 'timers.reconcile'
const RECONCILE_EVERY_MS = 30_000

function processorFor(name: QueueName): Processor {
  if (name === 'timers') {
    return async (job) => (job.name === RECONCILE_JOB ? reconcileTimers() : fireTimer(job))
  }
  return async (job, token) => {
    const handler = handlers.get(`${name}:${job.name}`)
    if (!handler) throw new Error(`No handler for job ${name}:${job.name}`)
    return handler(job, token)
  }
}

export async function startWorkers(names: readonly QueueName[] = QUEUE_NAMES) {
  await import('#jobs/registry')
  const workers = names.map((name) => {
    // A worker killed mid-job gets its jobs back after stalledInterval
    const worker = new Worker(name, processorFor(name), {
      connection: redisConnection(),
      prefix: queuePrefix(),
      concurrency: 5,
      lockDuration: 10_000,
      stalledInterval: 5_000,
    })
    worker.on('failed', (job, error) =>
      logger.warn({ queue: name, job: job?.name, id: job?.id, err: error.message }, 'job failed')
    )
    return worker
  })
  if (names.includes('timers')) {
    await reconcileTimers()
    await queue('timers').upsertJobScheduler(
      RECONCILE_JOB,
      { every: RECONCILE_EVERY_MS },
      { name: RECONCILE_JOB }
    )
  }
  return workers
}
