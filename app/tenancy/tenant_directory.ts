import Tenant from '#tenancy/models/tenant'
import type { TenantScope } from '#tenancy/tenant_context'

/**
 * The tenants, cached in-process: 39 rows read on almost every request.
 * Loaded inside the caller's tenant context (every scope may read tenants);
 * a change made by this process invalidates it at once, other processes see
 * it within the TTL.
 */
const TTL_MS = 5000

class TenantDirectory {
  private byCode = new Map<string, Tenant>()
  private byId = new Map<number, Tenant>()
  private rootTenant: Tenant | undefined
  private loadedAt = 0

  private fresh() {
    return this.rootTenant !== undefined && Date.now() - this.loadedAt < TTL_MS
  }

  private async load() {
    if (this.fresh()) return
    const tenants = await Tenant.query().orderBy('code')
    this.byCode = new Map(tenants.map((t) => [t.code, t]))
    this.byId = new Map(tenants.map((t) => [t.id, t]))
    this.rootTenant = tenants.find((t) => t.parentId === null)
    if (!this.rootTenant)
      throw new Error('No city tenant: run `npm start` (or node ace platform:seed)')
    this.loadedAt = Date.now()
  }

  invalidate() {
    this.loadedAt = 0
  }

  /** The root when cached and fresh, without a query */
  cachedRoot() {
    return this.fresh() ? this.rootTenant : undefined
  }

  async root() {
    await this.load()
    return this.rootTenant!
  }

  async findByCode(code: string) {
    await this.load()
    return this.byCode.get(code)
  }

  async findById(id: number) {
    await this.load()
    return this.byId.get(id)
  }

  async all() {
    await this.load()
    return [...this.byCode.values()]
  }
}

export const tenantDirectory = new TenantDirectory()

/** The global scope bound to the city's audit chain */
export function globalScope(root: Tenant): TenantScope {
  return { scope: 'global', tenantId: root.id, rootTenantId: root.id }
}
