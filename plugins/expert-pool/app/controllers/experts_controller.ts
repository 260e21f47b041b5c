import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { RuleViolation } from '#core/rule_violation'
import { ImportPool } from '../actions/import_pool.js'
import { MaintainExperts } from '../actions/maintain_experts.js'
import { expertMessages } from '../support/messages.js'
import { expertsQuery, findExpert, serializeExpert } from '../support/expert_rows.js'
import {
  blacklistValidator,
  expertAccountValidator,
  expertValidator,
  retireValidator,
  suspendValidator,
} from '../validators/expert.js'

const STATUSES = new Set(['active', 'suspended', 'blacklisted', 'retired'])
const PAGE_SIZE = 50

/**
 * The maintenance side of the pool: only `expert_admin` (ability
 * `manage Expert`), in the city tenant the plugin is enabled for.
 */
export default class ExpertsController {
  async page(ctx: HttpContext) {
    await this.authorize(ctx, 'read')
    return ctx.inertia.render('expert-pool/index', await this.listOf(ctx))
  }

  async index(ctx: HttpContext) {
    await this.authorize(ctx, 'read')
    return this.listOf(ctx)
  }

  async show(ctx: HttpContext) {
    await this.authorize(ctx, 'read')
    return { data: serializeExpert(await findExpert(this.idOf(ctx))) }
  }

  async store(ctx: HttpContext) {
    await this.authorize(ctx, 'create')
    const input = await expertValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    const row = await new MaintainExperts(requestActor(ctx)).create(input)
    return ctx.response.created({ data: serializeExpert(row) })
  }

  async update(ctx: HttpContext) {
    await this.authorize(ctx, 'update')
    const id = this.idOf(ctx)
    await findExpert(id)
    const input = await expertValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    return { data: serializeExpert(await new MaintainExperts(requestActor(ctx)).update(id, input)) }
  }

  async suspend(ctx: HttpContext) {
    await this.authorize(ctx, 'update')
    const { until, reason } = await suspendValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    const row = await new MaintainExperts(requestActor(ctx)).suspend(
      this.idOf(ctx),
      until,
      reason ?? null
    )
    return { data: serializeExpert(row) }
  }

  async blacklist(ctx: HttpContext) {
    await this.authorize(ctx, 'update')
    const { reason, until } = await blacklistValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    const row = await new MaintainExperts(requestActor(ctx)).blacklist(
      this.idOf(ctx),
      reason,
      until ?? null
    )
    return { data: serializeExpert(row) }
  }

  async reinstate(ctx: HttpContext) {
    await this.authorize(ctx, 'update')
    const row = await new MaintainExperts(requestActor(ctx)).reinstate(this.idOf(ctx))
    return { data: serializeExpert(row) }
  }

  async retire(ctx: HttpContext) {
    await this.authorize(ctx, 'update')
    const { reason } = await retireValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    const row = await new MaintainExperts(requestActor(ctx)).retire(this.idOf(ctx), reason ?? null)
    return { data: serializeExpert(row) }
  }

  async linkAccount(ctx: HttpContext) {
    await this.authorize(ctx, 'update')
    const { accountId } = await expertAccountValidator.validate(ctx.request.all(), {
      messagesProvider: expertMessages(ctx),
    })
    const row = await new MaintainExperts(requestActor(ctx)).linkAccount(this.idOf(ctx), accountId)
    return { data: serializeExpert(row) }
  }

  async importExperts(ctx: HttpContext) {
    await this.authorize(ctx, 'create')
    const text = await this.uploadedCsv(ctx)
    return { data: await this.importer(ctx).experts(text) }
  }

  async importSpecialties(ctx: HttpContext) {
    await this.authorize(ctx, 'create')
    const text = await this.uploadedCsv(ctx)
    return { data: await this.importer(ctx).specialties(text) }
  }

  private importer(ctx: HttpContext) {
    return new ImportPool(requestActor(ctx), expertMessages(ctx), (key) => ctx.i18n.t(key))
  }

  private async uploadedCsv(ctx: HttpContext) {
    const file = ctx.request.file('file', { size: '5mb', extnames: ['csv', 'txt'] })
    if (!file || !file.isValid || !file.tmpPath) {
      throw new RuleViolation('file', 'expert_pool.import.bad_file')
    }
    return readFile(file.tmpPath, 'utf8')
  }

  /**
   * The pool is kept at the city alone: the plugin is enabled in districts
   * for their draws, and an expert admin of a district maintains nothing.
   */
  private async authorize(ctx: HttpContext, action: 'read' | 'create' | 'update') {
    await authorize(ctx, action, 'Expert')
    if (!ctx.tenant?.isCity) throw new ForbiddenException()
  }

  private idOf(ctx: HttpContext) {
    const id = Number(ctx.params.id)
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw Object.assign(new Error('Expert not found'), { code: 'E_ROW_NOT_FOUND' })
    }
    return id
  }

  private async listOf(ctx: HttpContext) {
    const status = String(ctx.request.input('status', ''))
    const specialty = String(ctx.request.input('specialty', '')).trim().toUpperCase()
    const query = expertsQuery().orderBy('id', 'desc').limit(PAGE_SIZE)
    if (STATUSES.has(status)) query.where('status', status)
    if (/^[A-Z][0-9]{6}$/.test(specialty)) query.whereRaw('? = any(specialty_codes)', [specialty])
    const rows = await query
    return {
      data: rows.map(serializeExpert),
      filters: { status: STATUSES.has(status) ? status : '', specialty },
    }
  }
}
