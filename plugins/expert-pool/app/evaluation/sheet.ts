import db from '@adonisjs/lucid/services/db'
import type { I18n } from '@adonisjs/i18n'
import type { EvaluationOutcome } from '#plugin_host/contracts/evaluation_committee'
import { memberNames, type EvaluationRow, type MemberRow } from '../committees/evaluation_rows.js'
import { chairOf, currentResult } from './committee_work.js'
import { REJECT_REASONS } from './reject_reasons.js'

/** The legal reasons with their text in the reader's language */
export function rejectReasonList(i18n: I18n) {
  return REJECT_REASONS.map((code) => ({
    code,
    text: i18n.t(`expert_committee.reject_reasons.${code}`),
  }))
}

/** The outcome as a reader sees it: rejection reasons in the reader's language */
export function localizedOutcome(outcome: EvaluationOutcome | null, i18n: I18n) {
  if (!outcome) return null
  return {
    ...outcome,
    rejected: outcome.rejected.map((rejection) => ({
      ...rejection,
      reason: i18n.t(`expert_committee.reject_reasons.${rejection.reasonCode}`),
    })),
  }
}

function memberList(members: MemberRow[], names: Map<number, string>, chair: number | null) {
  return members.map((member) => ({
    id: member.id,
    name: names.get(member.id) ?? '',
    kind: member.kind,
    void: member.voided_at !== null,
    voidReason: member.void_reason,
    signed: member.signed_at !== null,
    chair: member.id === chair,
  }))
}

async function tradeTitle(tradeId: number) {
  const row = await db.from('trades').where('id', tradeId).select('title').first()
  return (row?.title as string | undefined) ?? ''
}

/**
 * What a member sees: the committee, and once declared, the opened bids
 * with the member's own verdicts. Other members' verdicts stay with them
 * until the report is final (each member judges independently, 评标规定
 * Art. 13).
 */
export async function memberSheet(
  evaluation: EvaluationRow,
  seat: MemberRow,
  members: MemberRow[],
  i18n: I18n
) {
  const chair = chairOf(evaluation, members)
  const declared = seat.declared_at !== null
  let bids: unknown[] = []
  if (declared) {
    const { bids: opened, verdicts } = await currentResult(evaluation, members)
    const mine = new Map(
      verdicts.filter((verdict) => verdict.member_id === seat.id).map((v) => [v.bid_id, v])
    )
    bids = opened.map((bid) => {
      const verdict = mine.get(bid.bidId)
      return {
        bidId: bid.bidId,
        bidder: bid.bidderName,
        price: bid.readout.price ?? null,
        readout: bid.readout,
        verdict: verdict
          ? {
              rejectReason: verdict.reject_reason,
              technical: verdict.technical,
              commercial: verdict.commercial,
              evaluatedPrice: verdict.evaluated_price,
            }
          : null,
      }
    })
  }
  return {
    evaluation: {
      id: evaluation.id,
      tradeId: evaluation.trade_id,
      tradeTitle: await tradeTitle(evaluation.trade_id),
      method: evaluation.method,
      weights: evaluation.weights,
      candidateCount: evaluation.candidate_count,
      final: evaluation.final_at !== null,
      outcome: localizedOutcome(evaluation.outcome, i18n),
    },
    me: {
      memberId: seat.id,
      declared,
      signed: seat.signed_at !== null,
      chairVote: seat.chair_vote_member_id,
    },
    members: memberList(members, await memberNames(members), chair),
    chair,
    bids,
    rejectReasons: rejectReasonList(i18n),
    declarationText: i18n.t('expert_committee.declaration.text'),
  }
}

/** The committee as the drawing side and the supervisor see it */
export async function committeeView(evaluation: EvaluationRow, members: MemberRow[], i18n: I18n) {
  const chair = chairOf(evaluation, members)
  return {
    id: evaluation.id,
    tradeId: evaluation.trade_id,
    method: evaluation.method,
    compositionRule: evaluation.composition_rule,
    formed: evaluation.committee_formed_at !== null,
    final: evaluation.final_at !== null,
    chair,
    members: memberList(members, await memberNames(members), chair),
    outcome: localizedOutcome(evaluation.outcome, i18n),
  }
}

/** The evaluations an account sits on, newest first */
export async function seatsOf(accountId: number) {
  const rows = await db
    .from('expert_committee_members as m')
    .join('expert_evaluations as e', (join) =>
      join.on('e.root_tenant_id', 'm.root_tenant_id').andOn('e.id', 'm.evaluation_id')
    )
    .join('trades as t', (join) =>
      join.on('t.root_tenant_id', 'e.root_tenant_id').andOn('t.id', 'e.trade_id')
    )
    .where('m.account_id', accountId)
    .orderBy('e.id', 'desc')
    .select(
      'e.id',
      't.title',
      'e.method',
      'm.declared_at',
      'm.signed_at',
      'm.voided_at',
      'e.final_at'
    )
  return rows.map((row) => ({
    id: Number(row.id),
    tradeTitle: row.title as string,
    method: row.method as string,
    declared: row.declared_at !== null,
    signed: row.signed_at !== null,
    void: row.voided_at !== null,
    final: row.final_at !== null,
  }))
}
