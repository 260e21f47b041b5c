import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { representativeMayChair } from '../committees/composition.js'
import { assertDeclared, assertStillWorking, chairOf, memberContext } from './committee_work.js'

/** A member's vote for the chair (评标委员会主任); a majority of the members elects */
export class VoteChair {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(evaluationId: number, candidateId: number) {
    const { evaluation, seat, members } = await memberContext(evaluationId, this.actor.accountId)
    assertDeclared(seat)
    assertStillWorking(evaluation, seat)
    const candidate = members.find((member) => member.id === candidateId && !member.voided_at)
    if (!candidate) throw new RuleViolation('memberId', 'expert_committee.errors.member_not_found')
    if (
      candidate.kind === 'tenderer_representative' &&
      !representativeMayChair(evaluation.composition_rule)
    ) {
      throw new RuleViolation('memberId', 'expert_committee.errors.representative_may_not_chair')
    }
    await db
      .from('expert_committee_members')
      .where('id', seat.id)
      .update({ chair_vote_member_id: candidate.id })
    seat.chair_vote_member_id = candidate.id
    const voted = members.map((member) => (member.id === seat.id ? seat : member))
    const chair = chairOf(evaluation, voted)
    await recordAudit(this.actor, {
      action: 'evaluation.chair_vote',
      subjectType: 'expert_evaluation',
      subjectId: evaluation.id,
      payload: { member: seat.id, candidate: candidate.id, elected: chair },
    })
    return chair
  }
}
