import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize } from '#access/access_context'
import { wantsJson } from '#core/api_errors'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { auditEventById, auditEventPage } from '#audit/queries/audit_events'
import { auditEventTransformer } from '#audit/transformers/audit_event_transformer'
import { auditFiltersValidator } from '#audit/validators/audit_filters'

/**
 * The audit log for auditors and city admins, under /t/:code/audit (pages)
 * and /api/v1/t/:code/audit. At the city, city-wide roles read every
 * district's events; elsewhere only the tenant's own.
 */
function authorizeRead(ctx: HttpContext) {
  return authorize(ctx, 'read', subject('AuditEvent', { tenantId: ctx.tenant!.id }))
}

/** An empty filter field of a plain GET form means "any" */
function setFilters(query: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''))
}

export default class AuditEventsController {
  async index(ctx: HttpContext) {
    await authorizeRead(ctx)
    const filters = await ctx.request.validateUsing(auditFiltersValidator, {
      data: setFilters(ctx.request.qs()),
    })
    const { events, nextBefore } = await auditEventPage(filters)
    const data = events.map((row) => auditEventTransformer.forList(row))
    if (wantsJson(ctx)) return { data, meta: { nextBefore } }
    return ctx.inertia.render('audit/index', {
      events: data,
      nextBefore,
      filters: ctx.request.qs(),
      cityWide: currentScopeOrFail().scope === 'city',
    })
  }

  async show(ctx: HttpContext) {
    await authorizeRead(ctx)
    const event = auditEventTransformer.forDetail(await auditEventById(ctx.params.id))
    if (wantsJson(ctx)) return { data: event }
    return ctx.inertia.render('audit/show', { event })
  }
}
