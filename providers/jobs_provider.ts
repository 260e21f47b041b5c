import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Closes the BullMQ queue connections opened to push jobs (after-commit
 * pushes from requests, tests and commands), so the process can end.
 */
export default class JobsProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { closeQueues } = await import('#jobs/queues')
    await closeQueues()
  }
}
