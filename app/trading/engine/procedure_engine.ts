import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { afterRollback, currentScopeOrFail, type TenantScope } from '#tenancy/tenant_context'
import Trade from '#trading/models/trade'
import {
  type ProcedureDefinition,
  type RuleRefusal,
  type TradeRole,
  type TransitionContext,
  findProcedure,
} from '#trading/engine/define_procedure'
import { checkPeriod } from '#trading/periods/legal_period'
import { chinaDateOf } from '#trading/periods/local_date'
import { loadWorkingCalendar } from '#trading/periods/calendar_store'
import { CalendarMissingError } from '#trading/periods/working_calendar'
import { publishAnnouncement } from '#disclosure/actions/publish_announcement'

/**
 * Runs procedures: every transition locks its trade, checks the state, the
 * role, suspension, guards and legal periods, then persists the new state,
 * its history row and an audit event in the tenant transaction.
 */
export interface TradeActor extends AuditActor {
  role: TradeRole
}

/** A transition refused for breaking a legal minimum period (W10 records the attempt) */
export interface PeriodRefusal {
  scope: TenantScope
  actor: TradeActor
  tradeId: number
  category: string
  event: string
  rule: string
  days: number
  unit: string
  startedAt: string
  attemptedAt: string
  earliest: string
}

const periodRefusalListeners: Array<(refusal: PeriodRefusal) => Promise<void>> = []

/** Listeners run after the refused transaction has rolled back, outside it */
export function onPeriodRefused(listener: (refusal: PeriodRefusal) => Promise<void>) {
  if (!periodRefusalListeners.includes(listener)) periodRefusalListeners.push(listener)
}

/**
 * Checks other core modules run on every transition of every procedure:
 * supervision pauses a trade while an objection to it awaits its answer.
 */
type TransitionCheck = (
  trade: Trade,
  event: string,
  actor: TradeActor
) => Promise<RuleRefusal | null>

const transitionChecks: TransitionCheck[] = []

export function checkEveryTransition(check: TransitionCheck) {
  if (!transitionChecks.includes(check)) transitionChecks.push(check)
}

function procedureOf(trade: Trade): ProcedureDefinition {
  const procedure = findProcedure(trade.procedureId)
  if (!procedure) throw new Error(`Procedure "${trade.procedureId}" is not registered`)
  return procedure
}

async function lockTrade(tradeId: number) {
  const scope = currentScopeOrFail()
  return Trade.query()
    .where('tenant_id', scope.tenantId!)
    .where('id', tradeId)
    .forUpdate()
    .firstOrFail()
}

export async function startTrade(
  procedureId: string,
  title: string,
  actor: TradeActor,
  options: { projectId?: number } = {}
): Promise<Trade> {
  const procedure = findProcedure(procedureId)
  if (!procedure)
    throw new RuleViolation('procedure', 'trading.errors.unknown_procedure', { procedureId })
  const trade = await Trade.create({
    procedureId,
    category: procedure.category,
    title,
    projectId: options.projectId ?? null,
    state: procedure.initial,
    milestones: {},
    createdBy: actor.accountId,
  })
  await recordAudit(actor, {
    action: 'trade.start',
    subjectType: 'trade',
    subjectId: trade.id,
    payload: { procedure: procedureId, state: trade.state, projectId: trade.projectId },
  })
  return trade
}

export async function fireTransition<Input extends Record<string, unknown>>(
  tradeId: number,
  event: string,
  actor: TradeActor,
  input: Input = {} as Input
): Promise<Trade> {
  const trade = await lockTrade(tradeId)
  const procedure = procedureOf(trade)
  const transition = procedure.transitions[event]
  if (!transition) throw new RuleViolation('event', 'trading.errors.unknown_event', { event }, 404)
  if (trade.isSuspended) {
    throw new RuleViolation(
      'trade',
      'trading.errors.suspended',
      { reason: trade.suspendedReason ?? '' },
      409
    )
  }
  for (const check of transitionChecks) {
    const refusal = await check(trade, event, actor)
    if (refusal) throw new RuleViolation('trade', refusal.messageKey, refusal.values ?? {}, 409)
  }
  if (!transition.from.includes(trade.state)) {
    throw new RuleViolation(
      'event',
      'trading.errors.wrong_state',
      { event, state: trade.state },
      409
    )
  }
  if (!transition.actors.includes(actor.role)) {
    throw new RuleViolation('event', 'trading.errors.wrong_actor', { event }, 403)
  }

  const context: TransitionContext<Input> = { trade, input, now: await clock.now() }
  for (const guard of transition.guards ?? []) {
    const refusal = await guard(context)
    if (refusal) throw new RuleViolation('event', refusal.messageKey, refusal.values ?? {})
  }
  if (transition.periods?.length) {
    const calendar = await loadWorkingCalendar()
    for (const rule of transition.periods) {
      const startedAt =
        typeof rule.from === 'function'
          ? rule.from(context).toISOString()
          : trade.milestones[rule.from]
      if (!startedAt) throw new Error(`Trade ${trade.id} has no milestone "${String(rule.from)}"`)
      const until = rule.until ? rule.until(context) : context.now
      try {
        const result = checkPeriod(
          rule.period,
          chinaDateOf(new Date(startedAt)),
          chinaDateOf(until),
          calendar
        )
        if (!result.ok) {
          const refusal: PeriodRefusal = {
            scope: currentScopeOrFail(),
            actor,
            tradeId: trade.id,
            category: trade.category,
            event,
            rule: rule.period.code,
            days: rule.period.days,
            unit: rule.period.unit,
            startedAt,
            attemptedAt: until.toISOString(),
            earliest: result.earliest,
          }
          afterRollback(async () => {
            for (const listener of periodRefusalListeners) await listener(refusal)
          })
          throw new RuleViolation('event', 'trading.errors.period_too_short', {
            rule: rule.period.code,
            days: rule.period.days,
            unit: rule.period.unit,
            basisZh: rule.period.basis['zh-CN'],
            basisEn: rule.period.basis.en,
            earliest: result.earliest,
          })
        }
      } catch (error) {
        if (error instanceof CalendarMissingError) {
          throw new RuleViolation('event', 'trading.errors.calendar_missing', {
            year: String(error.year),
          })
        }
        throw error
      }
    }
  }

  const from = trade.state
  const recorded = transition.milestones?.(context) ?? {}
  trade.state = transition.to
  trade.milestones = {
    ...trade.milestones,
    ...Object.fromEntries(Object.entries(recorded).map(([k, v]) => [k, v.toISOString()])),
  }
  await trade.save()
  await db.table('trade_transitions').insert({
    root_tenant_id: trade.rootTenantId,
    tenant_id: trade.tenantId,
    trade_id: trade.id,
    event,
    from_state: from,
    to_state: trade.state,
    actor_account_id: actor.accountId,
    actor_role: actor.role,
    occurred_at: context.now,
    payload: JSON.stringify(input),
  })
  await recordAudit(actor, {
    action: 'trade.transition',
    subjectType: 'trade',
    subjectId: trade.id,
    payload: { event, from, to: trade.state, input },
  })
  if (transition.publishes) {
    await publishAnnouncement(actor, {
      ...(await transition.publishes(context)),
      category: trade.category,
      tradeId: trade.id,
    })
  }
  return trade
}

/** A supervisor suspends a trade: every party action is refused until resumed */
export async function suspendTrade(tradeId: number, actor: TradeActor, reason: string) {
  if (actor.role !== 'supervisor')
    throw new RuleViolation('trade', 'trading.errors.wrong_actor', {}, 403)
  const trade = await lockTrade(tradeId)
  if (trade.isSuspended)
    throw new RuleViolation('trade', 'trading.errors.already_suspended', {}, 409)
  trade.merge({ suspendedAt: DateTime.fromJSDate(await clock.now()), suspendedReason: reason })
  await trade.save()
  await recordAudit(actor, {
    action: 'trade.suspend',
    subjectType: 'trade',
    subjectId: trade.id,
    payload: { reason },
  })
  return trade
}

export async function resumeTrade(tradeId: number, actor: TradeActor) {
  if (actor.role !== 'supervisor')
    throw new RuleViolation('trade', 'trading.errors.wrong_actor', {}, 403)
  const trade = await lockTrade(tradeId)
  if (!trade.isSuspended) throw new RuleViolation('trade', 'trading.errors.not_suspended', {}, 409)
  trade.merge({ suspendedAt: null, suspendedReason: null })
  await trade.save()
  await recordAudit(actor, { action: 'trade.resume', subjectType: 'trade', subjectId: trade.id })
  return trade
}
