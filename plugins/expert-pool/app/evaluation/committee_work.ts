import i18nManager from '@adonisjs/i18n/services/main'
import type { EvaluationOutcome } from '#plugin_host/contracts/evaluation_committee'
import { RuleViolation } from '#core/rule_violation'
import { representativeMayChair } from '../committees/composition.js'
import {
  findEvaluation,
  membersOf,
  openedBids,
  seatOf,
  verdictsOf,
  type EvaluationRow,
  type MemberRow,
  type OpenedBid,
} from '../committees/evaluation_rows.js'
import { electedChair, scoreEvaluation, toHundredths, type MemberWork } from './scoring.js'

/** A member acting on its own seat: the evaluation locked, the committee and the bids */
export async function memberContext(evaluationId: number, accountId: number, lock = true) {
  const evaluation = await findEvaluation(evaluationId, lock)
  const seat = await seatOf(evaluation.id, accountId)
  return { evaluation, seat, members: await membersOf(evaluation.id) }
}

/** Nothing of the bids before the no-conflict declaration (domain.md §5) */
export function assertDeclared(seat: MemberRow) {
  if (!seat.declared_at) {
    throw new RuleViolation('declaration', 'expert_committee.errors.declare_first', {}, 403)
  }
}

export function assertStillWorking(evaluation: EvaluationRow, seat: MemberRow) {
  if (evaluation.final_at) {
    throw new RuleViolation('evaluation', 'expert_committee.errors.final', {}, 409)
  }
  if (seat.signed_at) {
    throw new RuleViolation('evaluation', 'expert_committee.errors.already_signed', {}, 409)
  }
}

export function chairOf(evaluation: EvaluationRow, members: MemberRow[]) {
  const mayChair = representativeMayChair(evaluation.composition_rule)
  return electedChair(
    members.map((member) => ({
      id: member.id,
      void: member.voided_at !== null,
      vote: member.chair_vote_member_id,
      mayChair: mayChair || member.kind === 'expert',
    }))
  )
}

export function bidPrice(bid: OpenedBid) {
  return toHundredths(bid.readout.price) ?? 0n
}

const hundredths = (value: string | null) => (value === null ? null : toHundredths(value))

/** The committee's result as it stands, from every member's verdicts */
export async function currentResult(evaluation: EvaluationRow, members: MemberRow[]) {
  const bids = await openedBids(evaluation.trade_id)
  const verdicts = await verdictsOf(members.map((member) => member.id))
  const work: MemberWork[] = members.map((member) => ({
    memberId: member.id,
    void: member.voided_at !== null,
    verdicts: verdicts
      .filter((verdict) => verdict.member_id === member.id)
      .map((verdict) => ({
        bidId: verdict.bid_id,
        rejectReason: verdict.reject_reason,
        technical: hundredths(verdict.technical),
        commercial: hundredths(verdict.commercial),
        evaluatedPrice: hundredths(verdict.evaluated_price),
      })),
  }))
  return {
    bids,
    verdicts,
    result: scoreEvaluation({
      method: evaluation.method,
      weights: evaluation.weights,
      candidateCount: evaluation.candidate_count,
      bids: bids.map((bid) => ({ bidId: bid.bidId, entityId: bid.entityId, price: bidPrice(bid) })),
      members: work,
    }),
  }
}

/**
 * The signed report handed to the trade plugin. Rejection reasons are
 * written in Chinese, the language of the report (the API shows them in the
 * reader's language from the code).
 */
export async function finalOutcome(
  evaluation: EvaluationRow,
  members: MemberRow[],
  signedAt: Date
): Promise<EvaluationOutcome> {
  const { result } = await currentResult(evaluation, members)
  const zh = i18nManager.locale('zh-CN')
  return {
    tradeId: evaluation.trade_id,
    method: evaluation.method,
    candidates: result.ranking.slice(0, evaluation.candidate_count),
    rejected: result.rejected.map((rejection) => ({
      ...rejection,
      reason: zh.t(`expert_committee.reject_reasons.${rejection.reasonCode}`),
    })),
    signedAt: signedAt.toISOString(),
    signedBy: members.flatMap((member) =>
      member.voided_at === null && member.expert_id !== null ? [member.expert_id] : []
    ),
  }
}
