import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { categoryReach } from '#supervision/abilities'
import { lockAlert } from '#supervision/alerts/decide_alert'
import { caseById, casePage } from '#supervision/cases/case_queries'
import { caseForDetail, caseForList } from '#supervision/cases/case_transformer'
import { SupervisionCases, lockCase } from '#supervision/cases/supervision_cases'
import {
  caseClosingValidator,
  caseFiltersValidator,
  caseNoteValidator,
  caseOpeningValidator,
} from '#supervision/validators'

/**
 * Supervision cases under /t/:code/supervision/cases (pages) and
 * /api/v1/t/:code/…: the list and the detail for every reader of the
 * category; opening (from alerts), notes and closing for its supervisors.
 */
async function reachOrFail(ctx: HttpContext) {
  const { ability } = await loadAccess(ctx)
  const reach = categoryReach(ability, 'SupervisionCase', ctx.tenant!.id)
  if (!reach.own.length && !reach.cityWide.length) throw new ForbiddenException()
  return reach
}

export function caseHandler(ctx: HttpContext) {
  const actor = requestActor(ctx)
  return new SupervisionCases({ ...actor, accountId: actor.accountId! })
}

async function decidableCase(ctx: HttpContext) {
  const found = await lockCase(Number(ctx.params.id))
  await authorize(
    ctx,
    'update',
    subject('SupervisionCase', { tenantId: ctx.tenant!.id, category: found.category })
  )
  return found
}

/** The alerts a case opens on, locked in id order, each one the reader may decide */
export async function alertsForCase(ctx: HttpContext, ids: number[]) {
  const alerts = []
  for (const id of [...ids].sort((a, b) => a - b)) {
    const alert = await lockAlert(id)
    // subject() tags the object it is given: one object per subject type
    const target = () => ({ tenantId: ctx.tenant!.id, category: alert.category })
    await authorize(ctx, 'update', subject('Alert', target()))
    await authorize(ctx, 'update', subject('SupervisionCase', target()))
    alerts.push(alert)
  }
  return alerts
}

export default class CasesController {
  async index(ctx: HttpContext) {
    const reach = await reachOrFail(ctx)
    const filters = await ctx.request.validateUsing(caseFiltersValidator, {
      data: Object.fromEntries(Object.entries(ctx.request.qs()).filter(([, v]) => v !== '')),
    })
    const rows = await casePage({ ...filters, reach })
    const cases = rows.map(caseForList)
    if (wantsJson(ctx)) return { data: cases }
    return ctx.inertia.render('supervision/cases/index', {
      cases,
      filters: ctx.request.qs(),
      cityWide: currentScopeOrFail().scope === 'city',
    })
  }

  async show(ctx: HttpContext) {
    const found = await caseById(Number(ctx.params.id), await reachOrFail(ctx))
    if (!found) throw new RuleViolation('case', 'supervision.cases.errors.not_found', {}, 404)
    const detail = caseForDetail(found)
    if (wantsJson(ctx)) return { data: detail }
    const { ability } = await loadAccess(ctx)
    const target = subject('SupervisionCase', {
      tenantId: ctx.tenant!.id,
      category: found.row.category,
    })
    return ctx.inertia.render('supervision/cases/show', {
      supervisionCase: detail,
      // Only the case's own tenant works on it, even for a city-wide reader
      canWork:
        Number(found.row.tenant_id) === ctx.tenant!.id && ability.can('update', target as any),
    })
  }

  async store(ctx: HttpContext) {
    const { alertIds, reason } = await ctx.request.validateUsing(caseOpeningValidator)
    const alerts = await alertsForCase(ctx, alertIds)
    const id = await caseHandler(ctx).open(alerts, reason)
    return this.answer(ctx, id)
  }

  async addNote(ctx: HttpContext) {
    const found = await decidableCase(ctx)
    const { text } = await ctx.request.validateUsing(caseNoteValidator)
    await caseHandler(ctx).addNote(found, text)
    return this.answer(ctx, found.id)
  }

  async close(ctx: HttpContext) {
    const found = await decidableCase(ctx)
    const { decision, reason } = await ctx.request.validateUsing(caseClosingValidator)
    await caseHandler(ctx).close(found, decision, reason)
    return this.answer(ctx, found.id)
  }

  private async answer(ctx: HttpContext, id: number) {
    const found = await caseById(id, await reachOrFail(ctx))
    return { data: caseForDetail(found!) }
  }
}
