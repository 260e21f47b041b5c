/*
|--------------------------------------------------------------------------
| Job registry
|--------------------------------------------------------------------------
| Registers every job handler with the worker: core modules' and those the
| installed plugins declare in their manifests (loaded lazily per job).
| Plugin timers are named '<plugin-id>.<name>'.
*/
import { registerJob } from '#jobs/worker'
import { registerTimer } from '#jobs/timers'
import { pluginRegistry } from '#plugin_host/plugin_host'
import '#supervision/engine/event_capture'

for (const manifest of pluginRegistry().all()) {
  for (const job of manifest.jobs ?? []) {
    const name = `${manifest.id}.${job.name}`
    const run = async (input: unknown) => {
      const { default: handle } = await job.handler()
      return handle(input)
    }
    if (job.queue === 'timers') registerTimer(name, run)
    else registerJob(job.queue, name, run)
  }
}
