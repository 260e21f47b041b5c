import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { openedBids } from '../committees/evaluation_rows.js'
import { assertDeclared, assertStillWorking, memberContext } from './committee_work.js'
import { REJECT_REASONS, type RejectReason } from './reject_reasons.js'

export type VerdictInput =
  | { rejectReason: RejectReason }
  | { technical: number; commercial: number }
  | { evaluatedPrice: number }

/**
 * A member's verdict on one opened bid: scored by the trade's method, or
 * rejected with a legal reason. Changeable until the member signs.
 */
export class RecordVerdict {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(evaluationId: number, bidId: number, input: VerdictInput) {
    const { evaluation, seat } = await memberContext(evaluationId, this.actor.accountId)
    assertDeclared(seat)
    assertStillWorking(evaluation, seat)
    const bids = await openedBids(evaluation.trade_id)
    if (!bids.some((bid) => bid.bidId === bidId)) {
      throw new RuleViolation('bid', 'expert_committee.errors.bid_not_opened', {}, 404)
    }
    const columns = {
      technical: null,
      commercial: null,
      evaluated_price: null,
      reject_reason: null,
    }
    if ('rejectReason' in input) {
      if (!REJECT_REASONS.includes(input.rejectReason)) {
        throw new RuleViolation('rejectReason', 'expert_committee.errors.reject_reason')
      }
      Object.assign(columns, { reject_reason: input.rejectReason })
    } else if (evaluation.method === 'comprehensive_scoring') {
      if (!('technical' in input)) {
        throw new RuleViolation('technical', 'expert_committee.errors.scores_required')
      }
      const weights = evaluation.weights!
      for (const part of ['technical', 'commercial'] as const) {
        if (input[part] > weights[part]) {
          throw new RuleViolation(part, 'expert_committee.errors.above_weight', {
            max: String(weights[part]),
          })
        }
      }
      Object.assign(columns, { technical: input.technical, commercial: input.commercial })
    } else {
      if (!('evaluatedPrice' in input)) {
        throw new RuleViolation('evaluatedPrice', 'expert_committee.errors.price_required')
      }
      Object.assign(columns, { evaluated_price: input.evaluatedPrice })
    }

    const scope = currentScopeOrFail()
    await db
      .table('expert_bid_verdicts')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        member_id: seat.id,
        bid_id: bidId,
        ...columns,
      })
      .onConflict(['root_tenant_id', 'member_id', 'bid_id'])
      .merge({ ...columns, updated_at: db.raw('now()') })
    await recordAudit(this.actor, {
      action: 'evaluation.verdict',
      subjectType: 'expert_evaluation',
      subjectId: evaluation.id,
      payload: { member: seat.id, bid: bidId, ...input },
    })
  }
}
