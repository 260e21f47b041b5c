/*
|--------------------------------------------------------------------------
| BullMQ worker entrypoint
|--------------------------------------------------------------------------
| Boots the application without the HTTP server and runs the queue workers.
*/
import 'reflect-metadata'
import { Ignitor, prettyPrintError } from '@adonisjs/core'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

const app = new Ignitor(APP_ROOT, { importer: IMPORTER }).createApp('console')
app.booting(async () => {
  await import('#start/env')
})
try {
  await app.init()
  await app.boot()
  await app.start(async () => {
    const { startWorkers } = await import('#jobs/worker')
    const { closeQueues } = await import('#jobs/queues')
    const workers = await startWorkers()
    const stop = async () => {
      // Active jobs finish first; a job stuck past the grace period is redelivered after the lock expires
      setTimeout(() => process.exit(1), 15_000).unref()
      await Promise.all(workers.map((worker) => worker.close()))
      await closeQueues()
      await app.terminate()
    }
    process.on('SIGTERM', stop)
    process.on('SIGINT', stop)
  })
} catch (error) {
  process.exitCode = 1
  prettyPrintError(error)
}
