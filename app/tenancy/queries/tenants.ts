import Tenant from '#tenancy/models/tenant'

/**
 * Read paths of tenant administration. They read the table, not the
 * directory cache, which other processes may hold for a few seconds.
 */
export function tenantsForAdmin() {
  // The city first (level 'city' sorts before 'district'), then by code
  return Tenant.query().orderBy('level').orderBy('code')
}

export function tenantById(id: number) {
  return Tenant.query().where('id', id).firstOrFail()
}

export function tenantByCode(code: string) {
  return Tenant.query().where('code', code).firstOrFail()
}
