import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { RecordCredit } from '../actions/record_credit.js'
import {
  RECORD_KINDS,
  checksOf,
  creditToday,
  findRecord,
  recordList,
  ruleList,
} from '../support/credit_rows.js'
import { idParam, subjectFilter } from '../support/params.js'
import { creditTransformer } from '../transformers/credit_transformer.js'
import {
  creditRecordValidator,
  penaltyValidator,
  revocationValidator,
} from '../validators/credit.js'

const PAGE_SIZE = 100

/**
 * Credit records as supervisors keep them: the page, the list, recording
 * penalties and other records, revoking a blacklist entry, and the gate's
 * check snapshots of this tenant.
 */
export default class CreditRecordsController {
  async page(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('CreditRecord', {}))
    const { ability } = await loadAccess(ctx)
    const records = await recordList({ subjectCode: subjectFilter(ctx), limit: PAGE_SIZE })
    const rules = await ruleList()
    return ctx.inertia.render('credit/index', {
      today: await creditToday(),
      tenant: { code: ctx.tenant!.code, isCity: ctx.tenant!.isCity },
      subject: subjectFilter(ctx) ?? '',
      records: records.map(creditTransformer.forStaff),
      rules: rules.map(creditTransformer.rule),
      canRecord: ability.can('create', subject('CreditRecord', {})),
      canKeepRules: ability.can('create', subject('CreditRule', { ownerTenantId: ctx.tenant!.id })),
    })
  }

  async index(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('CreditRecord', {}))
    const kind = String(ctx.request.input('kind', ''))
    const records = await recordList({
      subjectCode: subjectFilter(ctx),
      kind: (RECORD_KINDS as readonly string[]).includes(kind) ? kind : undefined,
      limit: PAGE_SIZE,
    })
    return { data: records.map(creditTransformer.forStaff) }
  }

  async store(ctx: HttpContext) {
    await authorize(ctx, 'create', subject('CreditRecord', {}))
    const input = await ctx.request.validateUsing(creditRecordValidator)
    const record = await new RecordCredit(requestActor(ctx)).create(input)
    return ctx.response.created({ data: creditTransformer.forStaff(record) })
  }

  /** An administrative penalty decision (行政处罚决定) */
  async penalty(ctx: HttpContext) {
    await authorize(ctx, 'create', subject('CreditRecord', {}))
    const input = await ctx.request.validateUsing(penaltyValidator)
    const record = await new RecordCredit(requestActor(ctx)).create({ ...input, kind: 'violation' })
    return ctx.response.created({ data: creditTransformer.forStaff(record) })
  }

  async revoke(ctx: HttpContext) {
    await authorize(ctx, 'create', subject('CreditRecord', {}))
    const id = idParam(ctx)
    await findRecord(id)
    const input = await ctx.request.validateUsing(revocationValidator)
    const revocation = await new RecordCredit(requestActor(ctx)).revokeBlacklist(id, input)
    return ctx.response.created({ data: creditTransformer.forStaff(revocation) })
  }

  async checks(ctx: HttpContext) {
    await authorize(ctx, 'read', subject('CreditCheck', {}))
    return { data: await checksOf(subjectFilter(ctx), PAGE_SIZE) }
  }
}
