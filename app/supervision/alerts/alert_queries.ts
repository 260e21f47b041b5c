import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { CategoryReach } from '#supervision/abilities'
import { whereReach } from '#supervision/reach'

/**
 * Read paths of alerts. RLS decides the rows a scope can see (at the city,
 * every district's); the reach narrows them to those the reader may read
 * (null: the tenant's own, every category, as after its own decision).
 */
export interface AlertFilters {
  status?: string
  rule?: string
  reach: CategoryReach
  limit?: number
  before?: number
}

function visibleAlerts(reach: CategoryReach | null) {
  const scope = currentScopeOrFail()
  const query = db
    .from('alerts as a')
    .join('tenants as t', 't.id', 'a.tenant_id')
    .leftJoin('trades as tr', 'tr.id', 'a.trade_id')
    .where('a.root_tenant_id', scope.rootTenantId!)
  if (!reach) return query.where('a.tenant_id', scope.tenantId!)
  return whereReach(query, 'a.tenant_id', 'a.category', reach)
}

const LIST_COLUMNS = [
  'a.id',
  'a.tenant_id',
  'a.rule_code',
  'a.cardinal_code',
  'a.severity',
  'a.category',
  'a.trade_id',
  'a.complaint_id',
  'a.case_id',
  'a.status',
  'a.raised_at',
  't.code as tenant_code',
  't.name_zh as tenant_name_zh',
  't.name_en as tenant_name_en',
  'tr.title as trade_title',
  'tr.suspended_at as trade_suspended_at',
]

export async function alertPage(filters: AlertFilters) {
  const limit = filters.limit ?? 50
  const query = visibleAlerts(filters.reach)
    .select(LIST_COLUMNS)
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
  if (filters.status) query.where('a.status', filters.status)
  if (filters.rule) query.where('a.rule_code', filters.rule)
  if (filters.before) query.where('a.id', '<', filters.before)
  const rows = await query
  const more = rows.length > limit
  const alerts = more ? rows.slice(0, limit) : rows
  return { alerts, nextBefore: more ? Number(alerts[alerts.length - 1].id) : null }
}

export async function alertById(id: number, reach: CategoryReach | null) {
  return visibleAlerts(reach)
    .where('a.id', id)
    .select([...LIST_COLUMNS, 'a.evidence', 'a.decision_reason', 'a.decided_at', 'a.dedupe_key'])
    .first()
}

export async function openAlertCount(reach: CategoryReach) {
  const row = await visibleAlerts(reach).where('a.status', 'open').count('* as n').first()
  return Number(row?.n ?? 0)
}
