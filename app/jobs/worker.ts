import { Worker, type Processor } from 'bullmq'
import logger from '@adonisjs/core/services/logger'
import { QUEUE_NAMES, type QueueName, queuePrefix, redisConnection } from '#jobs/queues'

/**
 * Job handlers by queue and job name. Core modules and plugins register
 * theirs at import time; the worker routes each job to its handler.
 */
const handlers = new Map<string, Processor>()

export function registerJob(queueName: QueueName, jobName: string, processor: Processor) {
  handlers.set(`${queueName}:${jobName}`, processor)
}

export async function startWorkers(names: readonly QueueName[] = QUEUE_NAMES) {
  await import('#jobs/registry')
  return names.map((name) => {
    const worker = new Worker(
      name,
      async (job, token) => {
        const handler = handlers.get(`${name}:${job.name}`)
        if (!handler) throw new Error(`No handler for job ${name}:${job.name}`)
        return handler(job, token)
      },
      { connection: redisConnection(), prefix: queuePrefix(), concurrency: 5 }
    )
    worker.on('failed', (job, error) =>
      logger.warn({ queue: name, job: job?.name, id: job?.id, err: error.message }, 'job failed')
    )
    return worker
  })
}
