import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import type {
  CreditGateCapability,
  CreditGateInput,
  CreditGateResult,
  CreditGateStage,
} from '#plugin_host/contracts/credit_gate'
import { afterCommit, afterRollback, currentScopeOrFail, withTenant } from '#tenancy/tenant_context'
import { creditToday, recordsOf, rulesInForce } from '../support/credit_rows.js'
import { type Blocker, type CreditRole, type GateDecision, decide } from '../support/matching.js'

const STAGE_ROLES: Record<CreditGateStage, CreditRole> = {
  project_registration: 'tenderer',
  bid_submission: 'bidder',
  award: 'bidder',
}

/** The refusal names the record (its title and 文号), who decided it and the end of the ban */
function refusalOf(blocker: Blocker, role: CreditRole) {
  const record = blocker.record
  const base = {
    role,
    record: record.title,
    document: record.sourceDocument,
    department: record.issuingDepartment,
  }
  if (blocker.type === 'record') {
    return {
      messageKey: 'credit.gate.refused_record',
      values: { ...base, ends: record.endsOn ?? 'none' },
    }
  }
  return {
    messageKey: 'credit.gate.refused_rule',
    values: {
      ...base,
      rule: blocker.rule.name,
      ruleDocument: blocker.rule.sourceDocument,
      ends: blocker.rule.endsOn ?? 'none',
    },
  }
}

async function storeCheck(
  input: CreditGateInput,
  role: CreditRole,
  decision: GateDecision,
  actor: AuditActor,
  id?: number
) {
  const scope = currentScopeOrFail()
  const [row] = await db
    .table('credit_checks')
    .insert({
      ...(id === undefined ? {} : { id }),
      root_tenant_id: scope.rootTenantId,
      tenant_id: scope.tenantId,
      subject_code: input.subjectCode,
      stage: input.stage,
      role,
      category: input.category,
      region_code: input.regionCode,
      trade_id: input.tradeId ?? null,
      project_id: input.projectId ?? null,
      outcome: decision.outcome,
      snapshot: JSON.stringify(decision.snapshot),
      actor_account_id: actor.accountId,
    })
    .returning('id')
  const checkId = Number(row.id)
  // The subject code stays in the check row: for a natural person it is an ID number
  await recordAudit(actor, {
    action: 'credit.check',
    subjectType: 'credit_check',
    subjectId: checkId,
    payload: {
      stage: input.stage,
      role,
      category: input.category,
      region: input.regionCode,
      trade: input.tradeId ?? null,
      project: input.projectId ?? null,
      outcome: decision.outcome,
      blockedBy: decision.snapshot.blockedBy,
    },
  })
  return checkId
}

/**
 * The credit gate (domain.md §6): loads the entity's records and the rules
 * in force, decides, and keeps the decision. An allowed check commits with
 * the act. A refused act rolls back, so its check takes its id now and is
 * written, in a transaction of its own in the same scope, once the caller's
 * transaction has ended (rolled back, or committed by a caller that goes on
 * without throwing): the caller's connection and locks are released by then.
 */
const creditGate: CreditGateCapability = {
  async check(input, actor): Promise<CreditGateResult> {
    const role = input.role ?? STAGE_ROLES[input.stage]
    const today = await creditToday()
    const records = await recordsOf(input.subjectCode)
    const rules = await rulesInForce(today)
    const decision = decide(records, rules, {
      role,
      category: input.category,
      regionCode: input.regionCode,
      today,
    })
    if (decision.outcome === 'allowed') {
      return { allowed: true, checkId: await storeCheck(input, role, decision, actor) }
    }
    const { rows } = await db.rawQuery(`select nextval('credit_checks_id_seq')::int as id`)
    const checkId: number = rows[0].id
    const scope = currentScopeOrFail()
    const keep = () => withTenant(scope, () => storeCheck(input, role, decision, actor, checkId))
    afterRollback(keep)
    afterCommit(keep)
    return { allowed: false, checkId, ...refusalOf(decision.blocker!, role) }
  },
}

export default creditGate
