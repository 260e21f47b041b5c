import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { findEvaluation, membersOf } from './evaluation_rows.js'
import { assertAccountsExist, assertOpenForChanges, seatableExperts } from './form_committee.js'

/** The only grounds for replacing a member (条例 Art. 48) */
export const REPLACEMENT_REASONS = ['avoidance', 'left_post', 'health'] as const
export type ReplacementReason = (typeof REPLACEMENT_REASONS)[number]

export interface Replacement {
  reason: ReplacementReason
  /** An expert replaces an expert (in production: confirmed in the trade's draw) */
  expertId?: number
  /** A representative replaces a representative */
  accountId?: number
}

/**
 * Replaces a member for a statutory reason. The replaced member's verdicts,
 * votes and signature stay in the record, void (条例 Art. 48, 87号令
 * Art. 49); the replacement evaluates afresh. The report changes, so the
 * signatures already given are taken back and every live member signs again.
 */
export class ReplaceMember {
  constructor(private readonly actor: AuditActor) {}

  async handle(evaluationId: number, memberId: number, replacement: Replacement) {
    const evaluation = await findEvaluation(evaluationId, true)
    assertOpenForChanges(evaluation)
    const members = await membersOf(evaluation.id)
    const replaced = members.find((member) => member.id === memberId && !member.voided_at)
    if (!replaced) {
      throw new RuleViolation('member', 'expert_committee.errors.member_not_found', {}, 404)
    }

    let seat: { expertId: number | null; accountId: number }
    if (replaced.kind === 'expert') {
      if (replacement.expertId === undefined) {
        throw new RuleViolation('expertId', 'expert_committee.errors.replacement_expert')
      }
      if (members.some((member) => member.expert_id === replacement.expertId)) {
        throw new RuleViolation('expertId', 'expert_committee.errors.already_served')
      }
      const [expert] = await seatableExperts([replacement.expertId])
      seat = expert
    } else {
      if (replacement.accountId === undefined) {
        throw new RuleViolation('accountId', 'expert_committee.errors.replacement_account')
      }
      await assertAccountsExist([replacement.accountId])
      seat = { expertId: null, accountId: replacement.accountId }
    }
    if (members.some((member) => !member.voided_at && member.account_id === seat.accountId)) {
      throw new RuleViolation('accountId', 'expert_committee.errors.one_seat_per_person')
    }

    await db
      .from('expert_committee_members')
      .where('id', replaced.id)
      .update({ voided_at: db.raw(PLATFORM_NOW_SQL), void_reason: replacement.reason })
    const scope = currentScopeOrFail()
    const [row] = await db
      .table('expert_committee_members')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        evaluation_id: evaluation.id,
        kind: replaced.kind,
        expert_id: seat.expertId,
        account_id: seat.accountId,
        replaces_member_id: replaced.id,
      })
      .returning('id')
    const withdrawn = await db
      .from('expert_committee_members')
      .where('evaluation_id', evaluation.id)
      .whereNull('voided_at')
      .whereNotNull('signed_at')
      .update({ signed_at: null })
      .returning('id')
    await recordAudit(this.actor, {
      action: 'evaluation.member_replace',
      subjectType: 'expert_evaluation',
      subjectId: evaluation.id,
      payload: {
        replaced: replaced.id,
        replacement: Number(row.id),
        reason: replacement.reason,
        signaturesWithdrawn: withdrawn.map((member) => Number(member.id)),
      },
    })
    return Number(row.id)
  }
}
