import type { AuditEventRow } from '#audit/queries/audit_events'

/** What of an audit event reaches the auditor's pages and the API */
export const auditEventTransformer = {
  forList(row: AuditEventRow) {
    return {
      id: Number(row.id),
      tenantCode: row.tenant_code,
      seq: Number(row.seq),
      occurredAt: row.occurred_at.toISOString(),
      actorAccountId: row.actor_account_id,
      actorLabel: row.actor_label,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      ip: row.ip,
    }
  },

  forDetail(row: AuditEventRow) {
    return {
      ...this.forList(row),
      payload: row.payload,
      prevHash: row.prev_hash,
      hash: row.hash,
    }
  },
}
