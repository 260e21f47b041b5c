import db from '@adonisjs/lucid/services/db'
import { observeAudit, type RecordedAuditEvent } from '#audit/audit_log'
import { clock } from '#core/clock'
import { watchStep } from '../jobs/step_overdue.js'

/**
 * The event the evaluation committee records when the last member signs its
 * report (the expert pool's `evaluation.final`, payload `{ candidates:
 * [{ bidId, rank }] }`): the tenderer has received the report, and its 3 days
 * to publish the candidates start (条例 Art. 54). The plugin reads the event,
 * not the pool's tables, as it reaches the pool only through capabilities.
 */
export const REPORT_SIGNED_ACTION = 'evaluation.final'

async function watchCandidatePublicity(event: RecordedAuditEvent) {
  if (event.action !== REPORT_SIGNED_ACTION) return
  const candidates = (event.payload?.candidates ?? []) as Array<{ bidId: number }>
  // A report that rejects every bid names no candidate to publish (法 Art. 42)
  if (!candidates.length) return
  // The tender of the bids, if it is a construction tender of this tenant
  const tender = await db
    .from('cb_tenders')
    .join('bids', 'bids.trade_id', 'cb_tenders.trade_id')
    .where('bids.id', Number(candidates[0].bidId))
    .select('cb_tenders.trade_id')
    .first()
  if (tender) await watchStep(Number(tender.trade_id), 'candidates_late', await clock.now())
}

observeAudit(watchCandidatePublicity)
