import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import {
  assertDeclared,
  assertStillWorking,
  chairOf,
  finalOutcome,
  memberContext,
} from './committee_work.js'
import { openedBids, verdictsOf } from '../committees/evaluation_rows.js'

/**
 * A member signs the report (条例 Art. 53). The member must have given a
 * verdict on every opened bid, and the chair must be elected. When the last
 * live member signs, the outcome is final and the trade plugin can read it.
 */
export class SignReport {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(evaluationId: number) {
    const { evaluation, seat, members } = await memberContext(evaluationId, this.actor.accountId)
    assertDeclared(seat)
    assertStillWorking(evaluation, seat)
    if (chairOf(evaluation, members) === null) {
      throw new RuleViolation('chair', 'expert_committee.errors.no_chair', {}, 409)
    }
    const bids = await openedBids(evaluation.trade_id)
    const own = await verdictsOf([seat.id])
    const judged = new Set(own.map((verdict) => verdict.bid_id))
    const missing = bids.filter((bid) => !judged.has(bid.bidId))
    if (missing.length) {
      throw new RuleViolation('verdicts', 'expert_committee.errors.verdicts_missing', {
        bidders: missing.map((bid) => bid.bidderName).join('、'),
      })
    }
    const now = await clock.now()
    await db.from('expert_committee_members').where('id', seat.id).update({ signed_at: now })
    await recordAudit(this.actor, {
      action: 'evaluation.sign',
      subjectType: 'expert_evaluation',
      subjectId: evaluation.id,
      payload: { member: seat.id },
    })

    const unsigned = members.filter(
      (member) => member.id !== seat.id && !member.voided_at && !member.signed_at
    )
    if (unsigned.length) return null
    const outcome = await finalOutcome(evaluation, members, now)
    await db
      .from('expert_evaluations')
      .where('id', evaluation.id)
      .update({ outcome: JSON.stringify(outcome), final_at: now })
    await recordAudit(this.actor, {
      action: 'evaluation.final',
      subjectType: 'expert_evaluation',
      subjectId: evaluation.id,
      payload: {
        candidates: outcome.candidates.map(({ bidId, rank }) => ({ bidId, rank })),
        rejected: outcome.rejected.map(({ bidId, reasonCode }) => ({ bidId, reasonCode })),
      },
    })
    return outcome
  }
}
