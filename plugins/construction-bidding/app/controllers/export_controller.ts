import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { dataSpecExport } from '../export/data_spec.js'

/** A tender's data in the national data-spec sets, as a page and as JSON */
export default class ExportController {
  async json(ctx: HttpContext) {
    return { data: await this.exportOf(ctx) }
  }

  async page(ctx: HttpContext) {
    return ctx.inertia.render('construction-bidding/export', {
      tradeId: Number(ctx.params.tradeId),
      sets: await this.exportOf(ctx),
    })
  }

  private async exportOf(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('ConstructionTender', { tenantId: ctx.tenant!.id }))
    return dataSpecExport(Number(ctx.params.tradeId), ctx.tenant!.code)
  }
}
