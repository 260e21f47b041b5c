import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { PLATFORM_NOW_SQL } from '#core/clock'
import type { CategoryReach } from '#supervision/abilities'
import { whereReach } from '#supervision/reach'

/**
 * The supervisor dashboard's figures (ARCHITECTURE.md §7, domain.md §7.3):
 * alerts by rule, tenant, category and week, and open complaints by age.
 * At the city a city-wide reader's reach covers every district, so the
 * same queries give the city-wide view.
 */
function scoped(table: string, reach: CategoryReach, categoryColumn: string) {
  const scope = currentScopeOrFail()
  const query = db.from(table).where(`${table}.root_tenant_id`, scope.rootTenantId!)
  return whereReach(query, `${table}.tenant_id`, categoryColumn, reach)
}

const counted = (rows: any[], key: string) =>
  rows.map((row) => ({ key: String(row[key]), count: Number(row.n) }))

export async function dashboardFigures(reach: CategoryReach, weeks = 12) {
  const alerts = () => scoped('alerts', reach, 'alerts.category')
  const byRule = await alerts()
    .groupBy('rule_code')
    .orderBy('rule_code')
    .select('rule_code', db.raw('count(*) as n'))
  const byCategory = await alerts()
    .groupBy('category')
    .orderBy('category')
    .select('category', db.raw('count(*) as n'))
  const byTenant = await alerts()
    .join('tenants as t', 't.id', 'alerts.tenant_id')
    .groupBy('t.code', 't.name_zh', 't.name_en')
    .orderBy('t.code')
    .select('t.code', 't.name_zh', 't.name_en', db.raw('count(*) as n'))
  const byWeek = await alerts()
    .whereRaw(`raised_at >= ${PLATFORM_NOW_SQL} - make_interval(weeks => ?)`, [weeks])
    .groupByRaw(`1`)
    .orderByRaw(`1`)
    .select(
      db.raw(
        `to_char(date_trunc('week', raised_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as week`
      ),
      db.raw('count(*) as n')
    )
  const complaintAge = await scoped(
    'complaints',
    reach,
    `case complaints.regime when 'construction' then 'construction' else 'government_procurement' end`
  )
    .whereIn('status', ['filed', 'accepted'])
    .groupByRaw('1')
    .orderByRaw('1')
    .select(
      db.raw(`case
        when ${PLATFORM_NOW_SQL}::date - filed_on <= 7 then '0-7'
        when ${PLATFORM_NOW_SQL}::date - filed_on <= 15 then '8-15'
        when ${PLATFORM_NOW_SQL}::date - filed_on <= 30 then '16-30'
        else '31+' end as bucket`),
      db.raw('count(*) as n')
    )
  return {
    byRule: counted(byRule, 'rule_code'),
    byCategory: counted(byCategory, 'category'),
    byTenant: byTenant.map((row: any) => ({
      key: row.code as string,
      name: { 'zh-CN': row.name_zh, 'en': row.name_en },
      count: Number(row.n),
    })),
    byWeek: counted(byWeek, 'week'),
    complaintsByAge: counted(complaintAge, 'bucket'),
  }
}
