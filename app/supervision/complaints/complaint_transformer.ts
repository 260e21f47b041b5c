import type { Clock } from '#supervision/complaints/complaint_clock'
import type { ComplaintRow } from '#supervision/complaints/complaints'

/** What both sides see of a complaint: the facts and every deadline of its clock */
export function complaintView(row: ComplaintRow, clock: Clock, entityName?: string | null) {
  return {
    id: row.id,
    kind: row.kind,
    regime: row.regime,
    stage: row.stage,
    tradeId: row.trade_id,
    complainant: { entityId: Number(row.complainant_entity_id), name: entityName ?? null },
    respondent: row.respondent,
    claims: row.claims,
    knownOn: row.known_on,
    filedOn: row.filed_on,
    filedAt: new Date(row.filed_at).toISOString(),
    status: row.status,
    acceptedOn: row.accepted_on,
    clockStops: row.clock_stops,
    outcome: row.outcome,
    outcomeOn: row.outcome_on,
    procurementSuspension: row.procurement_suspended_on
      ? {
          from: row.procurement_suspended_on,
          lastDay: row.procurement_suspension_ends,
          resumedOn: row.procurement_resumed_on,
        }
      : null,
    clock,
  }
}

/** A row of the list: at the city it names the platform the complaint was filed at */
export function complaintForList(row: ComplaintRow, clock: Clock, listed: any) {
  return {
    ...complaintView(row, clock, listed.complainant_name),
    tenant: {
      code: listed.tenant_code as string,
      name: { 'zh-CN': listed.tenant_name_zh as string, 'en': listed.tenant_name_en as string },
    },
  }
}
