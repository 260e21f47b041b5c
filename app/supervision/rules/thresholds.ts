import db from '@adonisjs/lucid/services/db'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { AlertRuleDefinition } from '#supervision/rules/define_rule'

/**
 * Per-tenant thresholds: the rule's defaults, overridden by what the
 * tenant's supervisors stored (alert_rule_thresholds).
 */
export function defaultThresholds(rule: AlertRuleDefinition<any>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(rule.thresholds).map(([key, threshold]) => [key, threshold.default])
  )
}

export async function storedThresholds(): Promise<Map<string, Record<string, number>>> {
  const scope = currentScopeOrFail()
  const rows = await db
    .from('alert_rule_thresholds')
    .where('root_tenant_id', scope.rootTenantId!)
    .where('tenant_id', scope.tenantId!)
    .select('rule_code', 'thresholds')
  return new Map(rows.map((row) => [row.rule_code as string, row.thresholds]))
}

export function effectiveThresholds(
  rule: AlertRuleDefinition<any>,
  stored: Record<string, number> | undefined
) {
  const values = defaultThresholds(rule)
  for (const key of Object.keys(values)) {
    if (typeof stored?.[key] === 'number') values[key] = stored[key]
  }
  return values
}

export class SetRuleThresholds {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(rule: AlertRuleDefinition<any>, values: Record<string, number>) {
    const scope = currentScopeOrFail()
    for (const [key, value] of Object.entries(values)) {
      const threshold = rule.thresholds[key]
      if (!threshold) {
        throw new RuleViolation(key, 'supervision.rules.errors.unknown_threshold', { key })
      }
      if (value < threshold.min || value > threshold.max) {
        throw new RuleViolation(key, 'supervision.rules.errors.out_of_range', {
          key,
          min: String(threshold.min),
          max: String(threshold.max),
        })
      }
    }
    const stored = await storedThresholds()
    const merged = effectiveThresholds(rule, stored.get(rule.code))
    Object.assign(merged, values)
    await db.rawQuery(
      `insert into alert_rule_thresholds (root_tenant_id, tenant_id, rule_code, thresholds, updated_by, updated_at)
       values (?, ?, ?, ?, ?, now())
       on conflict (root_tenant_id, tenant_id, rule_code)
         do update set thresholds = excluded.thresholds, updated_by = excluded.updated_by, updated_at = now()`,
      [scope.rootTenantId, scope.tenantId, rule.code, JSON.stringify(merged), this.actor.accountId]
    )
    await recordAudit(this.actor, {
      action: 'alert_rule.thresholds',
      subjectType: 'alert_rule',
      subjectId: rule.code,
      payload: { thresholds: merged },
    })
    return merged
  }
}
