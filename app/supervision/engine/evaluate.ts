import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { RecordedAuditEvent } from '#audit/audit_log'
import { clock } from '#core/clock'
import { alertRules } from '#supervision/rules/registry'
import { triggeredBy } from '#supervision/rules/define_rule'
import { effectiveThresholds, storedThresholds } from '#supervision/rules/thresholds'
import { raiseAlert } from '#supervision/alerts/raise_alert'

/**
 * Runs every rule the event triggers, in the tenant transaction of the
 * `supervision.evaluate` timer, and stores what they find. Checks read the
 * platform's state as it is now, so a redelivered evaluation finds the same
 * things and raises nothing twice.
 */
export async function rulesTriggeredBy(event: RecordedAuditEvent) {
  const rules = await alertRules()
  return rules.filter((rule) => triggeredBy(rule, event))
}

/** The trade an event is about, whatever its subject */
async function tradeOf(event: RecordedAuditEvent): Promise<number | null> {
  if (event.subjectType === 'trade' && event.subjectId) return Number(event.subjectId)
  const named = event.payload?.trade
  if (typeof named === 'number' && Number.isSafeInteger(named)) return named
  if (event.subjectType === 'bid' && event.subjectId) {
    const bid = await db.from('bids').where('id', event.subjectId).select('trade_id').first()
    return bid ? Number(bid.trade_id) : null
  }
  return null
}

export async function evaluateEvent(event: RecordedAuditEvent) {
  const rules = await rulesTriggeredBy(event)
  if (!rules.length) return []
  const tradeId = await tradeOf(event)
  const trade = tradeId
    ? await db.from('trades').where('id', tradeId).select('category').first()
    : null
  const category = trade?.category ?? null
  const stored = await storedThresholds()
  const now = await clock.now()
  const complaintId = event.subjectType === 'complaint' ? Number(event.subjectId) : null
  const raised = []
  for (const rule of rules) {
    const findings = await rule.check({
      event,
      tradeId: trade ? tradeId : null,
      category,
      thresholds: effectiveThresholds(rule, stored.get(rule.code)),
      now,
    })
    for (const finding of findings) {
      const findingCategory = finding.category ?? category
      if (!findingCategory) {
        logger.warn({ rule: rule.code, action: event.action }, 'alert finding without a category')
        continue
      }
      const alert = await raiseAlert(rule, finding, findingCategory, complaintId)
      if (alert) raised.push({ rule: rule.code, ...alert })
    }
  }
  return raised
}
