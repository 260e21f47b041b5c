import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Walks each tenant's audit chain and names the first broken event
 * (ARCHITECTURE.md §4). Exits with 1 when any chain is broken, so a
 * scheduler or CI can alert on it.
 */
export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description =
    'Verify the hash chain of every tenant audit log and name the first broken event'
  static options: CommandOptions = { startApp: true }

  @flags.array({ description: 'Only these tenant codes (repeatable)', alias: 't' })
  declare tenant?: string[]

  @flags.number({ description: 'Events read per batch' })
  declare batchSize?: number

  async run() {
    const { verifyAuditChains } = await import('#audit/chain_verifier')
    const reports = await verifyAuditChains({ codes: this.tenant, batchSize: this.batchSize })
    for (const report of reports) {
      if (report.broken) {
        const { seq, id, reason, expected } = report.broken
        this.logger.error(
          `${report.code}: broken at seq ${seq} (event id ${id}): ${reason}, expected ${expected}`
        )
      } else {
        this.logger.info(`${report.code}: intact (${report.events} events)`)
      }
    }
    const broken = reports.filter((report) => report.broken)
    if (broken.length) {
      this.logger.error(`${broken.length} of ${reports.length} chains broken`)
      this.exitCode = 1
    } else {
      this.logger.success(`${reports.length} chains intact`)
    }
  }
}
