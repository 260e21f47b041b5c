import type { AlertRuleDefinition } from '#supervision/rules/define_rule'

/** What a page or an API client sees of an alert */
const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

export function alertForList(row: any, rule: AlertRuleDefinition<any> | undefined) {
  return {
    id: Number(row.id),
    rule: row.rule_code as string,
    cardinal: (row.cardinal_code as string | null) ?? null,
    title: rule?.title ?? { 'zh-CN': row.rule_code, 'en': row.rule_code },
    severity: row.severity as string,
    category: row.category as string,
    status: row.status as string,
    raisedAt: iso(row.raised_at),
    tenant: {
      code: row.tenant_code,
      name: { 'zh-CN': row.tenant_name_zh, 'en': row.tenant_name_en },
    },
    trade: row.trade_id
      ? { id: Number(row.trade_id), title: row.trade_title, suspended: !!row.trade_suspended_at }
      : null,
    complaintId: row.complaint_id ? Number(row.complaint_id) : null,
    caseId: row.case_id ? Number(row.case_id) : null,
  }
}

export function alertForDetail(row: any, rule: AlertRuleDefinition<any> | undefined) {
  return {
    ...alertForList(row, rule),
    basis: rule?.basis ?? null,
    evidence: row.evidence as Record<string, unknown>,
    decisionReason: (row.decision_reason as string | null) ?? null,
    decidedAt: iso(row.decided_at),
  }
}
