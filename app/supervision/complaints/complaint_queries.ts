import db from '@adonisjs/lucid/services/db'
import { currentScopeOrFail } from '#tenancy/tenant_context'

/**
 * Complaints a reader sees: a supervisor or the centre those of the
 * categories it reads; a complainant or a respondent its own; at the city, a
 * city supervisor also those of every district in its city-wide categories.
 */
export interface ComplaintReach {
  categories: string[]
  entityIds: number[]
  cityWideCategories: string[]
}

const CATEGORY_OF_REGIME = `case c.regime when 'construction' then 'construction' else 'government_procurement' end`

export async function complaintList(reach: ComplaintReach) {
  const scope = currentScopeOrFail()
  const query = db
    .from('complaints as c')
    .join('market_entities as e', 'e.id', 'c.complainant_entity_id')
    .leftJoin('trades as t', 't.id', 'c.trade_id')
    .leftJoin('projects as p', 'p.id', 't.project_id')
    .join('tenants as tn', 'tn.id', 'c.tenant_id')
    .where('c.root_tenant_id', scope.rootTenantId!)
    .where((outer) => {
      outer.where((own) => {
        own.where('c.tenant_id', scope.tenantId!).where((where) => {
          if (reach.categories.length) {
            where.orWhereIn(db.raw(CATEGORY_OF_REGIME) as any, reach.categories)
          }
          if (reach.entityIds.length) {
            where.orWhereIn('c.complainant_entity_id', reach.entityIds)
            where.orWhereIn('p.entity_id', reach.entityIds)
          }
          if (!reach.categories.length && !reach.entityIds.length) where.whereRaw('false')
        })
      })
      // RLS lets only the city scope read other tenants' rows
      if (scope.scope === 'city' && reach.cityWideCategories.length) {
        outer.orWhereIn(db.raw(CATEGORY_OF_REGIME) as any, reach.cityWideCategories)
      }
    })
    .orderBy('c.id', 'desc')
    .limit(200)
    .select(
      'c.id',
      'e.name as complainant_name',
      'tn.code as tenant_code',
      'tn.name_zh as tenant_name_zh',
      'tn.name_en as tenant_name_en'
    )
  return query
}
