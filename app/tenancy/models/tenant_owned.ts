import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import { type BaseModel, beforeCreate, column } from '@adonisjs/lucid/orm'
import { currentScopeOrFail } from '#tenancy/tenant_context'

/**
 * For models of tenant tables: new rows belong to the current tenant, taken
 * from the transaction's scope and never from input. RLS (WITH CHECK) still
 * has the last word.
 */
export function TenantOwned<Model extends NormalizeConstructor<typeof BaseModel>>(
  superclass: Model
) {
  class TenantOwnedModel extends superclass {
    @column()
    declare rootTenantId: number

    @column()
    declare tenantId: number

    @beforeCreate()
    static assignTenant(row: TenantOwnedModel) {
      const scope = currentScopeOrFail()
      row.rootTenantId = scope.rootTenantId!
      row.tenantId = scope.tenantId!
    }

    /** The explicit tenant filter: RLS is the wall, this keeps plans and shards right */
    static forTenant<T extends typeof TenantOwnedModel>(this: T, tenantId: number) {
      return this.query().where('tenant_id', tenantId)
    }
  }
  return TenantOwnedModel
}
