import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { recordAudit } from '#audit/audit_log'
import { requestActor } from '#audit/request_actor'
import { platformCode } from '#trading/projects/project_code'
import { ImportCredit } from '../actions/import_credit.js'
import { type CreditRecordRow, recordList } from '../support/credit_rows.js'
import { toCsv } from '../support/csv.js'
import { SPEC_COLUMNS, specRowOf } from '../support/exchange.js'
import { importValidator } from '../validators/credit.js'
import { subjectFilter } from '../support/params.js'

/** One export holds at most this many records; the national hub takes batches */
const EXPORT_LIMIT = 10_000

/**
 * Exchange in the national data spec §17 shape: export one entity's records
 * or all of them as JSON or CSV, import a file of them.
 */
export default class CreditExchangeController {
  async export(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('CreditRecord', {}))
    const format = ctx.request.input('format') === 'csv' ? 'csv' : 'json'
    const records = await recordList({ subjectCode: subjectFilter(ctx), limit: EXPORT_LIMIT })
    const documents = new Map(records.map((record) => [record.id, record.sourceDocument]))
    const context = {
      platformCode: platformCode(ctx.tenant!.code),
      timestamp: new Date().toISOString(),
    }
    const rows = records.map((record: CreditRecordRow) =>
      specRowOf(record, {
        ...context,
        revokesDocument: record.revokesRecordId ? documents.get(record.revokesRecordId) : undefined,
      })
    )
    // The file carries ID numbers of natural persons: who took which file is kept
    await recordAudit(requestActor(ctx), {
      action: 'credit.export',
      subjectType: 'credit_export',
      payload: { format, bySubject: subjectFilter(ctx) !== undefined, records: rows.length },
    })
    const name = `credit-${subjectFilter(ctx) ?? 'all'}`
    if (format === 'csv') {
      ctx.response.header('content-type', 'text/csv; charset=utf-8')
      ctx.response.header('content-disposition', `attachment; filename="${name}.csv"`)
      // The byte-order mark lets spreadsheet programs read the Chinese text as UTF-8
      return '\uFEFF' + toCsv(SPEC_COLUMNS, rows)
    }
    ctx.response.header('content-disposition', `attachment; filename="${name}.json"`)
    return {
      platformCode: context.platformCode,
      dataTimestamp: context.timestamp,
      records: rows,
    }
  }

  async import(ctx: HttpContext) {
    await authorize(ctx, 'create', subject('CreditRecord', {}))
    const { format, content } = await ctx.request.validateUsing(importValidator)
    const result = await new ImportCredit(requestActor(ctx), ctx.i18n).handle(format, content)
    return { data: result }
  }
}
