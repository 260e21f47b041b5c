import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { ForbiddenException } from '#access/exceptions'
import { requestActor } from '#audit/request_actor'
import { wantsJson } from '#core/api_errors'
import { streamChanges } from '#core/server_sent_events'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { categoryReach } from '#supervision/abilities'
import { alertById, alertPage, openAlertCount } from '#supervision/alerts/alert_queries'
import { alertForDetail, alertForList } from '#supervision/alerts/alert_transformer'
import { DecideAlert, lockAlert } from '#supervision/alerts/decide_alert'
import { alertsForCase, caseHandler } from '#supervision/controllers/cases_controller'
import { alertRules, findRule } from '#supervision/rules/registry'
import { alertDecisionValidator, alertFiltersValidator } from '#supervision/validators'

/**
 * Alerts under /t/:code/supervision/alerts (pages) and /api/v1/t/:code/…:
 * the list and the live counter of the categories the reader may see, the
 * detail with its evidence, and the supervisor's decisions.
 */
async function reachOrFail(ctx: HttpContext) {
  const { ability } = await loadAccess(ctx)
  const reach = categoryReach(ability, 'Alert', ctx.tenant!.id)
  if (!reach.own.length && !reach.cityWide.length) throw new ForbiddenException()
  return reach
}

function supervisor(ctx: HttpContext) {
  const actor = requestActor(ctx)
  return new DecideAlert({ ...actor, accountId: actor.accountId! })
}

async function decidable(ctx: HttpContext, action: 'update' | 'suspend') {
  const alert = await lockAlert(Number(ctx.params.id))
  await authorize(
    ctx,
    action,
    subject('Alert', { tenantId: ctx.tenant!.id, category: alert.category })
  )
  return alert
}

export default class AlertsController {
  async index(ctx: HttpContext) {
    const reach = await reachOrFail(ctx)
    const filters = await ctx.request.validateUsing(alertFiltersValidator, {
      data: Object.fromEntries(Object.entries(ctx.request.qs()).filter(([, v]) => v !== '')),
    })
    const { alerts, nextBefore } = await alertPage({ ...filters, reach })
    const rules = await alertRules()
    const data = alerts.map((row) =>
      alertForList(
        row,
        rules.find((r) => r.code === row.rule_code)
      )
    )
    if (wantsJson(ctx)) return { data, meta: { nextBefore } }
    return ctx.inertia.render('supervision/alerts/index', {
      alerts: data,
      nextBefore,
      filters: ctx.request.qs(),
      rules: rules.map((rule) => ({ code: rule.code, title: rule.title })),
      openCount: await openAlertCount(reach),
      cityWide: currentScopeOrFail().scope === 'city',
    })
  }

  async count(ctx: HttpContext) {
    return { data: { open: await openAlertCount(await reachOrFail(ctx)) } }
  }

  /** The live counter: an `alerts` event whenever the open count changes */
  async countEvents(ctx: HttpContext) {
    const reach = await reachOrFail(ctx)
    streamChanges(ctx, 'alerts', async () => ({ open: await openAlertCount(reach) }), 3000)
  }

  async show(ctx: HttpContext) {
    const row = await alertById(Number(ctx.params.id), await reachOrFail(ctx))
    if (!row) throw new RuleViolation('alert', 'supervision.alerts.errors.not_found', {}, 404)
    const alert = alertForDetail(row, await findRule(row.rule_code))
    if (wantsJson(ctx)) return { data: alert }
    const { ability } = await loadAccess(ctx)
    const target = subject('Alert', { tenantId: ctx.tenant!.id, category: row.category })
    return ctx.inertia.render('supervision/alerts/show', {
      alert,
      // Only the alert's own tenant decides it, even for a city-wide reader
      canDecide: Number(row.tenant_id) === ctx.tenant!.id && ability.can('update', target as any),
      canSuspend: Number(row.tenant_id) === ctx.tenant!.id && ability.can('suspend', target as any),
    })
  }

  async dismiss(ctx: HttpContext) {
    const alert = await decidable(ctx, 'update')
    const { reason } = await ctx.request.validateUsing(alertDecisionValidator)
    await supervisor(ctx).dismiss(alert, reason)
    return this.answer(alert.id)
  }

  /** A case on this one alert; POST …/supervision/cases opens one on several */
  async openCase(ctx: HttpContext) {
    const [alert] = await alertsForCase(ctx, [Number(ctx.params.id)])
    const { reason } = await ctx.request.validateUsing(alertDecisionValidator)
    await caseHandler(ctx).open([alert], reason)
    return this.answer(alert.id)
  }

  async suspend(ctx: HttpContext) {
    const alert = await decidable(ctx, 'suspend')
    const { reason } = await ctx.request.validateUsing(alertDecisionValidator)
    await supervisor(ctx).suspendTrade(alert, reason)
    return this.answer(alert.id)
  }

  async resume(ctx: HttpContext) {
    const alert = await decidable(ctx, 'suspend')
    await supervisor(ctx).resumeTrade(alert)
    return this.answer(alert.id)
  }

  private async answer(id: number) {
    const row = await alertById(id, null)
    return { data: alertForDetail(row, await findRule(row.rule_code)) }
  }
}
