/*
|--------------------------------------------------------------------------
| Job registry
|--------------------------------------------------------------------------
| Registers every job handler with the worker: core modules' and those the
| installed plugins declare in their manifests (loaded lazily per job).
*/
import { registerJob } from '#jobs/worker'
import { pluginRegistry } from '#plugin_host/plugin_host'

for (const manifest of pluginRegistry().all()) {
  for (const job of manifest.jobs ?? []) {
    registerJob(job.queue, `${manifest.id}.${job.name}`, async (bullJob) => {
      const { default: handle } = await job.handler()
      return handle(bullJob)
    })
  }
}
