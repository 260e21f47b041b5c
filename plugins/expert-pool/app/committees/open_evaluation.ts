import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { findTrade } from '#trading/trades'
import type { OpenEvaluationInput } from '#plugin_host/contracts/evaluation_committee'
import { COMPOSITION_RULES } from './composition.js'
import { evaluationOfTrade } from './evaluation_rows.js'

const METHODS = ['lowest_evaluated_price', 'comprehensive_scoring']

function checkInput(input: OpenEvaluationInput) {
  if (!METHODS.includes(input.method)) {
    throw new RuleViolation('method', 'expert_committee.errors.method')
  }
  if (!COMPOSITION_RULES.includes(input.compositionRule)) {
    throw new RuleViolation('compositionRule', 'expert_committee.errors.composition_rule')
  }
  if (!Number.isInteger(input.candidateCount) || input.candidateCount < 1) {
    throw new RuleViolation('candidateCount', 'expert_committee.errors.candidate_count')
  }
  if (input.candidateCount > 10) {
    throw new RuleViolation('candidateCount', 'expert_committee.errors.candidate_count')
  }
  if (input.method !== 'comprehensive_scoring') return
  const { price, technical, commercial } = input.weights ?? {}
  const parts = [price, technical, commercial]
  if (
    !parts.every((part) => Number.isInteger(part) && part! >= 0) ||
    price! + technical! + commercial! !== 100
  ) {
    throw new RuleViolation('weights', 'expert_committee.errors.weights')
  }
}

/**
 * The trade plugin opens the evaluation of its trade after the opening,
 * with the method and weights its tender documents state (评标规定
 * Art. 17: only the published method may be used).
 */
export class OpenEvaluation {
  constructor(private readonly actor: AuditActor) {}

  async handle(input: OpenEvaluationInput) {
    checkInput(input)
    const trade = await findTrade(input.tradeId, 'update')
    if (await evaluationOfTrade(trade.id)) {
      throw new RuleViolation('trade', 'expert_committee.errors.already_open', {}, 409)
    }
    const scope = currentScopeOrFail()
    const [row] = await db
      .table('expert_evaluations')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: trade.tenantId,
        trade_id: trade.id,
        category: trade.category,
        method: input.method,
        composition_rule: input.compositionRule,
        weights: input.method === 'comprehensive_scoring' ? JSON.stringify(input.weights) : null,
        candidate_count: input.candidateCount,
        opened_by: this.actor.accountId,
        opened_at: db.raw(PLATFORM_NOW_SQL),
      })
      .returning('id')
    const id = Number(row.id)
    await recordAudit(this.actor, {
      action: 'evaluation.open',
      subjectType: 'expert_evaluation',
      subjectId: id,
      payload: {
        trade: trade.id,
        method: input.method,
        compositionRule: input.compositionRule,
        weights: input.weights ?? null,
        candidateCount: input.candidateCount,
      },
    })
    return id
  }
}
