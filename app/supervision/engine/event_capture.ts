import { SYSTEM_ACTOR, observeAudit, recordAudit, type RecordedAuditEvent } from '#audit/audit_log'
import logger from '@adonisjs/core/services/logger'
import { clock } from '#core/clock'
import { registerTimer, scheduleTimer } from '#jobs/timers'
import { currentScopeOrFail, withTenant } from '#tenancy/tenant_context'
import { onPeriodRefused, type PeriodRefusal } from '#trading/engine/procedure_engine'
import { evaluateEvent, rulesTriggeredBy } from '#supervision/engine/evaluate'
import { PERIOD_REFUSED_ACTION } from '#supervision/rules/schedule_rules'
import { CONTRACT_DUE_TIMER } from '#supervision/rules/result_rules'
import {
  checkComplaintDue,
  checkSuspensionEnd,
  COMPLAINT_DUE_TIMER,
  SUSPENSION_END_TIMER,
} from '#supervision/complaints/complaint_timers'
import Trade from '#trading/models/trade'
import '#supervision/complaints/objection_pause'

/**
 * Supervision's hooks into the core, loaded by the web process (routes) and
 * the worker (job registry).
 *
 * How events reach the rules. Every state change of consequence is audited
 * (ARCHITECTURE.md §4), so the rules observe the audit log: an event that
 * triggers a rule schedules a `supervision.evaluate` timer through the
 * outbox, in the same transaction. The evaluation therefore runs only if the
 * change committed, survives a lost queue push (the reconciler), and the
 * trade action pays one outbox row, never the checks themselves.
 *
 * A transition the engine refuses leaves nothing behind (its transaction
 * rolls back), so the engine reports it after the rollback and it is audited
 * here in a transaction of its own, where W10 picks it up.
 */
export const EVALUATE_TIMER = 'supervision.evaluate'

async function scheduleEvaluation(event: RecordedAuditEvent) {
  // The global scope writes only the city's chain and has no outbox rows
  if (currentScopeOrFail().scope === 'global') return
  const rules = await rulesTriggeredBy(event)
  if (!rules.length) return
  await scheduleTimer({
    name: EVALUATE_TIMER,
    key: `evaluate-${event.seq}`,
    // Due at once: the epoch is never after the platform's now, however its clock is set
    runAt: new Date(0),
    payload: { event: { ...event, actor: { ...event.actor } } },
  })
}

async function recordRefusedPeriod(refusal: PeriodRefusal) {
  try {
    await withTenant(refusal.scope, () =>
      recordAudit(refusal.actor, {
        action: PERIOD_REFUSED_ACTION,
        subjectType: 'trade',
        subjectId: refusal.tradeId,
        payload: {
          event: refusal.event,
          rule: refusal.rule,
          days: refusal.days,
          unit: refusal.unit,
          startedAt: refusal.startedAt,
          attemptedAt: refusal.attemptedAt,
          earliest: refusal.earliest,
          role: refusal.actor.role,
        },
      })
    )
  } catch (error) {
    // The refusal already reached its caller; losing the record must not turn it into a 500
    logger.error(
      { err: (error as Error).message, trade: refusal.tradeId },
      'refused period not recorded'
    )
  }
}

/** A contract still unsigned on its due date raises no event of its own: the timer makes one */
async function checkContractDue(payload: Record<string, unknown>) {
  const trade = await Trade.find(Number(payload.tradeId))
  if (!trade || trade.milestones?.contract_signed) return
  const checkedAt = await clock.now()
  await recordAudit(SYSTEM_ACTOR, {
    action: 'trade.contract_overdue',
    subjectType: 'trade',
    subjectId: trade.id,
    payload: { checkedAt: checkedAt.toISOString() },
  })
}

observeAudit(scheduleEvaluation)
onPeriodRefused(recordRefusedPeriod)
registerTimer(EVALUATE_TIMER, (payload) => evaluateEvent(payload.event as RecordedAuditEvent))
registerTimer(CONTRACT_DUE_TIMER, checkContractDue)
registerTimer(COMPLAINT_DUE_TIMER, checkComplaintDue)
registerTimer(SUSPENSION_END_TIMER, checkSuspensionEnd)
