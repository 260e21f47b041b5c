import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { clock } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { resumeTrade, suspendTrade } from '#trading/engine/procedure_engine'

/**
 * A supervisor's decision on an alert (domain.md §7.2 alarm workflow):
 * dismiss it with a written reason, or suspend its trade
 * (条例 Art. 62, 电子办法 Art. 52) and later resume it; cases are opened in
 * #supervision/cases/supervision_cases. The trading centre
 * never reaches these: the abilities refuse it before they run.
 */
export type SupervisorActor = AuditActor & { accountId: number }

export interface AlertRow {
  id: number
  rule_code: string
  status: 'open' | 'dismissed' | 'case_opened' | 'suspended'
  trade_id: number | null
  category: string
}

export async function lockAlert(id: number): Promise<AlertRow> {
  const row = await db
    .from('alerts')
    .where('id', id)
    .forUpdate()
    .select('id', 'rule_code', 'status', 'trade_id', 'category')
    .first()
  if (!row) throw new RuleViolation('alert', 'supervision.alerts.errors.not_found', {}, 404)
  return {
    ...row,
    id: Number(row.id),
    trade_id: row.trade_id === null ? null : Number(row.trade_id),
  }
}

export class DecideAlert {
  constructor(private readonly actor: SupervisorActor) {}

  private async decide(
    alert: AlertRow,
    status: AlertRow['status'],
    reason: string,
    action: string
  ) {
    await db
      .from('alerts')
      .where('id', alert.id)
      .update({
        status,
        decision_reason: reason,
        decided_by: this.actor.accountId,
        decided_at: await clock.now(),
      })
    await recordAudit(this.actor, {
      action,
      subjectType: 'alert',
      subjectId: alert.id,
      payload: { rule: alert.rule_code, trade: alert.trade_id, reason },
    })
  }

  private undecided(alert: AlertRow, allowed: AlertRow['status'][]) {
    if (!allowed.includes(alert.status)) {
      throw new RuleViolation(
        'alert',
        'supervision.alerts.errors.decided',
        { status: alert.status },
        409
      )
    }
  }

  async dismiss(alert: AlertRow, reason: string) {
    this.undecided(alert, ['open', 'case_opened'])
    await this.decide(alert, 'dismissed', reason, 'alert.dismiss')
  }

  async suspendTrade(alert: AlertRow, reason: string) {
    this.undecided(alert, ['open', 'case_opened'])
    if (!alert.trade_id)
      throw new RuleViolation('alert', 'supervision.alerts.errors.no_trade', {}, 409)
    await suspendTrade(alert.trade_id, { ...this.actor, role: 'supervisor' }, reason)
    await this.decide(alert, 'suspended', reason, 'alert.suspend_trade')
  }

  async resumeTrade(alert: AlertRow) {
    if (alert.status !== 'suspended' || !alert.trade_id) {
      throw new RuleViolation('alert', 'supervision.alerts.errors.not_suspended', {}, 409)
    }
    await resumeTrade(alert.trade_id, { ...this.actor, role: 'supervisor' })
    await recordAudit(this.actor, {
      action: 'alert.resume_trade',
      subjectType: 'alert',
      subjectId: alert.id,
      payload: { rule: alert.rule_code, trade: alert.trade_id },
    })
  }
}
