import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { CategoryReach } from '#supervision/abilities'
import { whereReach } from '#supervision/reach'

/**
 * Read paths of supervision cases, as those of alerts: RLS decides the rows
 * a scope can see, the reach those the reader may read.
 */
function visibleCases(reach: CategoryReach) {
  const scope = currentScopeOrFail()
  const query = db
    .from('supervision_cases as c')
    .join('tenants as t', 't.id', 'c.tenant_id')
    .join('trades as tr', 'tr.id', 'c.trade_id')
    .join('accounts as s', 's.id', 'c.supervisor_id')
    .where('c.root_tenant_id', scope.rootTenantId!)
  return whereReach(query, 'c.tenant_id', 'c.category', reach)
}

const COLUMNS = [
  'c.id',
  'c.tenant_id',
  'c.number',
  'c.category',
  'c.trade_id',
  'c.status',
  'c.opened_at',
  'c.decision',
  'c.closed_at',
  's.display_name as supervisor_name',
  't.code as tenant_code',
  't.name_zh as tenant_name_zh',
  't.name_en as tenant_name_en',
  'tr.title as trade_title',
]

export async function casePage(filters: { reach: CategoryReach; status?: string }) {
  const query = visibleCases(filters.reach).select(COLUMNS).orderBy('c.id', 'desc').limit(100)
  if (filters.status) query.where('c.status', filters.status)
  return query
}

export async function caseById(id: number, reach: CategoryReach) {
  const row = await visibleCases(reach)
    .where('c.id', id)
    .select([...COLUMNS, 'c.opening_reason', 'c.decision_reason'])
    .first()
  if (!row) return null
  const [alerts, notes] = await Promise.all([
    db
      .from('alerts')
      .where({ root_tenant_id: currentScopeOrFail().rootTenantId!, case_id: id })
      .orderBy('id')
      .select('id', 'rule_code', 'severity', 'status'),
    db
      .from('supervision_case_notes as n')
      .join('accounts as a', 'a.id', 'n.author_id')
      .where({ 'n.root_tenant_id': currentScopeOrFail().rootTenantId!, 'n.case_id': id })
      .orderBy('n.id')
      .select('n.id', 'n.text', 'n.written_at', 'a.display_name as author_name'),
  ])
  return { row, alerts, notes }
}
