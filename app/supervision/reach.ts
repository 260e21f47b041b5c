import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import type { CategoryReach } from '#supervision/abilities'

/**
 * Narrows a query to the rows a reach covers: the reader's own tenant in its
 * own categories, other tenants (visible at the city only) in its city-wide
 * ones. `categorySql` is a column or an expression giving the row's category.
 */
export function whereReach(
  query: DatabaseQueryBuilderContract<any>,
  tenantColumn: string,
  categorySql: string,
  reach: CategoryReach
) {
  const { tenantId } = currentScopeOrFail()
  return query.where((outer) => {
    outer.where((own) => {
      own.where(tenantColumn, tenantId!).whereIn(db.raw(categorySql) as any, reach.own)
    })
    if (reach.cityWide.length) {
      outer.orWhere((other) => {
        other.whereNot(tenantColumn, tenantId!).whereIn(db.raw(categorySql) as any, reach.cityWide)
      })
    }
  })
}
