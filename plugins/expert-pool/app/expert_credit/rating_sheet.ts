import db from '@adonisjs/lucid/services/db'
import { subject } from '@casl/ability'
import type { AppAbility } from '#access/ability'
import { memberNames, type EvaluationRow, type MemberRow } from '../committees/evaluation_rows.js'
import type { RaterKind } from './rate_expert.js'

export const RATER_KINDS: readonly RaterKind[] = ['tenderer', 'supervisor']

/**
 * The ability subject of a rating: the tenderer is the account that opened
 * the evaluation for the trade or one of its live representatives on the
 * committee; the supervisor is checked by tenant and category.
 */
export function ratingSubject(
  evaluation: EvaluationRow,
  members: MemberRow[],
  raterKind: RaterKind
) {
  const tendererAccountIds = [
    ...(evaluation.opened_by === null ? [] : [evaluation.opened_by]),
    ...members
      .filter((member) => member.kind === 'tenderer_representative' && !member.voided_at)
      .map((member) => member.account_id),
  ]
  return subject('ExpertRating', {
    raterKind,
    tenantId: evaluation.tenant_id,
    category: evaluation.category,
    tendererAccountIds,
  })
}

/** The sides the reader may rate for, none when it is neither */
export function raterKindsOf(ability: AppAbility, evaluation: EvaluationRow, members: MemberRow[]) {
  return RATER_KINDS.filter((kind) =>
    ability.can('create', ratingSubject(evaluation, members, kind))
  )
}

/**
 * Each expert who sat on the committee (replaced ones too: they worked on
 * it) with the scores already given by the reader's sides.
 */
export async function ratingSheet(
  evaluation: EvaluationRow,
  members: MemberRow[],
  kinds: readonly RaterKind[]
) {
  const names = await memberNames(members)
  const given = await db
    .from('expert_ratings')
    .where({ tenant_id: evaluation.tenant_id, evaluation_id: evaluation.id })
    .whereIn('rater_kind', [...kinds])
    .select('expert_id', 'rater_kind', 'score')
  const scoreOf = (expertId: number, kind: RaterKind) =>
    given.find((row) => Number(row.expert_id) === expertId && row.rater_kind === kind)?.score ??
    null
  const seen = new Set<number>()
  const experts = []
  for (const member of members) {
    if (member.expert_id === null || seen.has(member.expert_id)) continue
    seen.add(member.expert_id)
    experts.push({
      expertId: member.expert_id,
      name: names.get(member.id) ?? '',
      scores: Object.fromEntries(kinds.map((kind) => [kind, scoreOf(member.expert_id!, kind)])),
    })
  }
  return { final: evaluation.final_at !== null, kinds, experts }
}
