import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { compositionProblem } from './composition.js'
import { findEvaluation, type EvaluationRow } from './evaluation_rows.js'

export interface CommitteeSeats {
  /** In production the confirmed experts of the trade's decided draw */
  expertIds: number[]
  /** Accounts of the tenderer's representatives (招标人代表) */
  representativeAccountIds: number[]
}

/** Active experts with an account: only they can sign in to evaluate */
export async function seatableExperts(expertIds: number[]) {
  const rows = await db
    .from('experts')
    .whereIn('id', expertIds)
    .select('id', 'status', 'account_id')
  const byId = new Map(rows.map((row) => [Number(row.id), row]))
  return expertIds.map((id) => {
    const row = byId.get(id)
    if (!row || row.status !== 'active') {
      throw new RuleViolation('experts', 'expert_committee.errors.expert_unavailable', {
        id: String(id),
      })
    }
    if (row.account_id === null) {
      throw new RuleViolation('experts', 'expert_committee.errors.expert_without_account', {
        id: String(id),
      })
    }
    return { expertId: id, accountId: Number(row.account_id) }
  })
}

export async function assertAccountsExist(accountIds: number[]) {
  const rows = await db.from('accounts').whereIn('id', accountIds).select('id')
  if (rows.length !== accountIds.length) {
    throw new RuleViolation('representatives', 'expert_committee.errors.unknown_account')
  }
}

export function assertOpenForChanges(evaluation: EvaluationRow) {
  if (evaluation.final_at) {
    throw new RuleViolation('evaluation', 'expert_committee.errors.final', {}, 409)
  }
}

/**
 * Seats the committee of an evaluation: the drawn experts and the
 * tenderer's representatives, checked against the composition rule of the
 * procedure first. A committee that breaks it is not formed at all.
 */
export class FormCommittee {
  constructor(private readonly actor: AuditActor) {}

  async handle(evaluationId: number, seats: CommitteeSeats) {
    const evaluation = await findEvaluation(evaluationId, true)
    if (evaluation.committee_formed_at) {
      throw new RuleViolation('evaluation', 'expert_committee.errors.already_formed', {}, 409)
    }
    const expertIds = [...new Set(seats.expertIds)]
    const representatives = [...new Set(seats.representativeAccountIds)]
    const problem = compositionProblem(evaluation.composition_rule, {
      experts: expertIds.length,
      tendererRepresentatives: representatives.length,
    })
    if (problem) throw new RuleViolation('members', problem)
    const experts = await seatableExperts(expertIds)
    await assertAccountsExist(representatives)
    const accounts = [...experts.map((expert) => expert.accountId), ...representatives]
    if (new Set(accounts).size !== accounts.length) {
      throw new RuleViolation('representatives', 'expert_committee.errors.one_seat_per_person')
    }

    const scope = currentScopeOrFail()
    const base = { root_tenant_id: scope.rootTenantId, tenant_id: scope.tenantId }
    await db.table('expert_committee_members').multiInsert([
      ...experts.map(({ expertId, accountId }) => ({
        ...base,
        evaluation_id: evaluation.id,
        kind: 'expert',
        expert_id: expertId,
        account_id: accountId,
      })),
      ...representatives.map((accountId) => ({
        ...base,
        evaluation_id: evaluation.id,
        kind: 'tenderer_representative',
        expert_id: null,
        account_id: accountId,
      })),
    ])
    await db
      .from('expert_evaluations')
      .where('id', evaluation.id)
      .update({ committee_formed_at: db.raw(PLATFORM_NOW_SQL) })
    await recordAudit(this.actor, {
      action: 'evaluation.committee_form',
      subjectType: 'expert_evaluation',
      subjectId: evaluation.id,
      payload: { experts: expertIds, representatives },
    })
  }
}
