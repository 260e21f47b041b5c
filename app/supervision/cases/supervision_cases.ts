import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#audit/audit_log'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { AlertRow, SupervisorActor } from '#supervision/alerts/decide_alert'

/**
 * A supervision case (立案, domain.md §7.2): opened by a supervisor on one or
 * more open alerts of one trade, who is then in charge of it; notes are
 * appended as the inquiry goes; it closes once with a decision and a reason.
 */
export const CASE_DECISIONS = ['no_violation', 'penalty_referred', 'trade_cancelled'] as const
export type CaseDecision = (typeof CASE_DECISIONS)[number]

export interface CaseRow {
  id: number
  number: string
  category: string
  trade_id: number
  status: 'open' | 'closed'
}

export async function lockCase(id: number): Promise<CaseRow> {
  const row = await db
    .from('supervision_cases')
    .where('id', id)
    .forUpdate()
    .select('id', 'number', 'category', 'trade_id', 'status')
    .first()
  if (!row) throw new RuleViolation('case', 'supervision.cases.errors.not_found', {}, 404)
  return { ...row, id: Number(row.id), trade_id: Number(row.trade_id) }
}

/** 监案〔year〕NNNN: numbered per tenant and year, under a lock so two openings never share one */
async function nextNumber(openedAt: Date) {
  const scope = currentScopeOrFail()
  const year = String(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(openedAt)
  )
  await db.rawQuery(`select pg_advisory_xact_lock(hashtext('supervision_cases'), ?::int)`, [
    scope.tenantId!,
  ])
  const row = await db
    .from('supervision_cases')
    .where('tenant_id', scope.tenantId!)
    .whereLike('number', `监案〔${year}〕%`)
    .count('* as n')
    .first()
  return `监案〔${year}〕${String(Number(row?.n ?? 0) + 1).padStart(4, '0')}`
}

export class SupervisionCases {
  constructor(private readonly actor: SupervisorActor) {}

  /** The alerts come locked and authorized; they must be open and of one trade */
  async open(alerts: AlertRow[], reason: string) {
    for (const alert of alerts) {
      if (alert.status !== 'open') {
        throw new RuleViolation(
          'alertIds',
          'supervision.alerts.errors.decided',
          { status: alert.status },
          409
        )
      }
    }
    const tradeIds = new Set(alerts.map((alert) => alert.trade_id))
    if (tradeIds.size !== 1 || alerts[0].trade_id === null) {
      throw new RuleViolation('alertIds', 'supervision.cases.errors.one_trade', {}, 422)
    }
    const scope = currentScopeOrFail()
    const openedAt = await clock.now()
    const [created] = await db
      .table('supervision_cases')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        number: await nextNumber(openedAt),
        category: alerts[0].category,
        trade_id: alerts[0].trade_id,
        supervisor_id: this.actor.accountId,
        opening_reason: reason,
        opened_at: openedAt,
      })
      .returning(['id', 'number'])
    const caseId = Number(created.id)
    await db
      .from('alerts')
      .whereIn(
        'id',
        alerts.map((alert) => alert.id)
      )
      .update({
        status: 'case_opened',
        case_id: caseId,
        decision_reason: reason,
        decided_by: this.actor.accountId,
        decided_at: openedAt,
      })
    for (const alert of alerts) {
      await recordAudit(this.actor, {
        action: 'alert.open_case',
        subjectType: 'alert',
        subjectId: alert.id,
        payload: { rule: alert.rule_code, trade: alert.trade_id, case: caseId, reason },
      })
    }
    await recordAudit(this.actor, {
      action: 'case.open',
      subjectType: 'supervision_case',
      subjectId: caseId,
      payload: {
        number: created.number,
        trade: alerts[0].trade_id,
        alerts: alerts.map((alert) => alert.id),
        reason,
      },
    })
    return caseId
  }

  async addNote(supervisionCase: CaseRow, text: string) {
    if (supervisionCase.status !== 'open') {
      throw new RuleViolation('text', 'supervision.cases.errors.closed', {}, 409)
    }
    const scope = currentScopeOrFail()
    const [note] = await db
      .table('supervision_case_notes')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        case_id: supervisionCase.id,
        author_id: this.actor.accountId,
        text,
        written_at: await clock.now(),
      })
      .returning('id')
    await recordAudit(this.actor, {
      action: 'case.note',
      subjectType: 'supervision_case',
      subjectId: supervisionCase.id,
      payload: { note: Number(note.id) },
    })
  }

  async close(supervisionCase: CaseRow, decision: CaseDecision, reason: string) {
    if (supervisionCase.status !== 'open') {
      throw new RuleViolation('decision', 'supervision.cases.errors.closed', {}, 409)
    }
    await db
      .from('supervision_cases')
      .where('id', supervisionCase.id)
      .update({
        status: 'closed',
        decision,
        decision_reason: reason,
        closed_by: this.actor.accountId,
        closed_at: await clock.now(),
      })
    await recordAudit(this.actor, {
      action: 'case.close',
      subjectType: 'supervision_case',
      subjectId: supervisionCase.id,
      payload: { number: supervisionCase.number, decision, reason },
    })
  }
}
