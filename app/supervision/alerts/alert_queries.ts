import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail } from '#tenancy/tenant_context'

/**
 * Read paths of alerts. RLS decides the rows (a district's own; at the city,
 * city-wide supervisors read every district's); the explicit filters keep
 * the plans on the (root, tenant) index and narrow to the categories the
 * reader may see (null: every category, e.g. the trading centre's own).
 */
export interface AlertFilters {
  status?: string
  rule?: string
  categories: string[] | null
  limit?: number
  before?: number
}

function visibleAlerts(categories: string[] | null) {
  const scope = currentScopeOrFail()
  const query = db
    .from('alerts as a')
    .join('tenants as t', 't.id', 'a.tenant_id')
    .leftJoin('trades as tr', 'tr.id', 'a.trade_id')
    .where('a.root_tenant_id', scope.rootTenantId!)
  if (scope.scope !== 'city') query.where('a.tenant_id', scope.tenantId!)
  if (categories) query.whereIn('a.category', categories)
  return query
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
  const query = visibleAlerts(filters.categories)
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

export async function alertById(id: number, categories: string[] | null) {
  return visibleAlerts(categories)
    .where('a.id', id)
    .select([...LIST_COLUMNS, 'a.evidence', 'a.decision_reason', 'a.decided_at', 'a.dedupe_key'])
    .first()
}

export async function openAlertCount(categories: string[] | null) {
  const row = await visibleAlerts(categories).where('a.status', 'open').count('* as n').first()
  return Number(row?.n ?? 0)
}
