import type { RecordedAuditEvent } from '#audit/audit_log'

/**
 * An alert rule (ARCHITECTURE.md §7, domain.md §7.2): our code (W01…), the
 * Cardinal red flag where one matches, a severity, the legal basis, the
 * audit events that trigger it, thresholds a tenant's supervisors may change,
 * and a check that returns the findings with their evidence. The core and
 * plugins (manifest `alertRules`) declare rules the same way.
 */
export type AlertSeverity = 'critical' | 'high' | 'medium' | 'low'

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['critical', 'high', 'medium', 'low']

export interface Localized {
  'zh-CN': string
  'en': string
}

export interface RuleThreshold {
  default: number
  min: number
  max: number
  label: Localized
}

/** What a check sees: the triggering event, its trade (when it has one) and the tenant's thresholds */
export interface RuleContext<Keys extends string = string> {
  event: RecordedAuditEvent
  tradeId: number | null
  category: string | null
  thresholds: Record<Keys, number>
  now: Date
}

export interface RuleFinding {
  /** The trade the finding is about, when it has one */
  tradeId: number | null
  /** The category whose supervisors receive it (default: the trade's) */
  category?: string
  /** Identifies the finding within the rule: the same finding raised twice is one alert */
  dedupeKey: string
  /** The Cardinal code of this finding when it differs by case (W15: R024, R035, R036) */
  cardinalCode?: string
  severity?: AlertSeverity
  evidence: Record<string, unknown>
}

export interface AlertRuleDefinition<Keys extends string = string> {
  code: string
  cardinalCode?: string
  severity: AlertSeverity
  title: Localized
  basis: Localized
  /** Audit actions that trigger the check; 'prefix.*' matches a family */
  triggers: string[]
  /** Trade transitions (events) that trigger it, for the trigger 'trade.transition' */
  transitions?: string[]
  thresholds: Record<Keys, RuleThreshold>
  check: (context: RuleContext<Keys>) => Promise<RuleFinding[]>
}

export function defineAlertRule<const Keys extends string>(
  rule: AlertRuleDefinition<Keys>
): AlertRuleDefinition<Keys> {
  if (!/^W[0-9]{2}$/.test(rule.code))
    throw new Error(`Alert rule code "${rule.code}" is not W + two digits`)
  for (const [key, threshold] of Object.entries<RuleThreshold>(rule.thresholds)) {
    if (threshold.default < threshold.min || threshold.default > threshold.max) {
      throw new Error(`Alert rule ${rule.code}: threshold "${key}" default is out of its range`)
    }
  }
  return rule
}

/** Whether `rule` reacts to `event` */
export function triggeredBy(rule: AlertRuleDefinition, event: RecordedAuditEvent) {
  const matches = rule.triggers.some((trigger) =>
    trigger.endsWith('.*')
      ? event.action.startsWith(trigger.slice(0, -1))
      : trigger === event.action
  )
  if (!matches) return false
  if (event.action !== 'trade.transition' || !rule.transitions) return true
  return rule.transitions.includes(String(event.payload?.event ?? ''))
}
