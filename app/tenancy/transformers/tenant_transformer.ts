import type Tenant from '#tenancy/models/tenant'

/** What of a tenant reaches pages and the API. */
export const tenantTransformer = {
  forLayout(tenant: Tenant, locale: string) {
    return {
      id: tenant.id,
      code: tenant.code,
      name: tenant.name(locale),
      level: tenant.level,
      status: tenant.status,
    }
  },

  forAdmin(tenant: Tenant) {
    return {
      id: tenant.id,
      code: tenant.code,
      nameZh: tenant.nameZh,
      nameEn: tenant.nameEn,
      level: tenant.level,
      parentId: tenant.parentId,
      status: tenant.status,
      suspendedReason: tenant.suspendedReason,
      createdAt: tenant.createdAt.toISO(),
      updatedAt: tenant.updatedAt.toISO(),
    }
  },
}
