import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import { clock } from '#core/clock'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { AlertRuleDefinition, RuleFinding } from '#supervision/rules/define_rule'

/**
 * Stores a finding as an alert. The same finding raised again (a
 * redelivered job, a later bid that joins a shared device) is one alert: its
 * evidence is refreshed while it is still open, and only its first raising
 * is audited.
 */
export async function raiseAlert(
  rule: AlertRuleDefinition<any>,
  finding: RuleFinding,
  category: string,
  complaintId: number | null = null
) {
  const scope = currentScopeOrFail()
  const cardinalCode = 'cardinalCode' in finding ? finding.cardinalCode : rule.cardinalCode
  const severity = finding.severity ?? rule.severity
  const { rows } = await db.rawQuery(
    `insert into alerts (root_tenant_id, tenant_id, rule_code, cardinal_code, severity, category,
       trade_id, complaint_id, dedupe_key, evidence, raised_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (root_tenant_id, tenant_id, rule_code, dedupe_key)
       do update set evidence = excluded.evidence where alerts.status = 'open'
     returning id, (xmax = 0) as created`,
    [
      scope.rootTenantId,
      scope.tenantId,
      rule.code,
      cardinalCode ?? null,
      severity,
      category,
      finding.tradeId,
      complaintId,
      finding.dedupeKey,
      JSON.stringify(finding.evidence),
      await clock.now(),
    ]
  )
  const row = rows[0]
  if (!row) return null
  if (row.created) {
    await recordAudit(SYSTEM_ACTOR, {
      action: 'alert.raise',
      subjectType: 'alert',
      subjectId: row.id,
      payload: {
        rule: rule.code,
        cardinal: cardinalCode ?? null,
        severity,
        trade: finding.tradeId,
      },
    })
  }
  return { id: Number(row.id), created: row.created as boolean }
}
