/** What a page or an API client sees of a supervision case */
const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

export function caseForList(row: any) {
  return {
    id: Number(row.id),
    number: row.number as string,
    category: row.category as string,
    status: row.status as string,
    openedAt: iso(row.opened_at),
    supervisor: row.supervisor_name as string,
    decision: (row.decision as string | null) ?? null,
    closedAt: iso(row.closed_at),
    tenant: {
      code: row.tenant_code,
      name: { 'zh-CN': row.tenant_name_zh, 'en': row.tenant_name_en },
    },
    trade: { id: Number(row.trade_id), title: row.trade_title as string },
  }
}

export function caseForDetail(found: { row: any; alerts: any[]; notes: any[] }) {
  return {
    ...caseForList(found.row),
    openingReason: found.row.opening_reason as string,
    decisionReason: (found.row.decision_reason as string | null) ?? null,
    alerts: found.alerts.map((alert) => ({
      id: Number(alert.id),
      rule: alert.rule_code as string,
      severity: alert.severity as string,
      status: alert.status as string,
    })),
    notes: found.notes.map((note) => ({
      id: Number(note.id),
      text: note.text as string,
      author: note.author_name as string,
      writtenAt: iso(note.written_at),
    })),
  }
}
