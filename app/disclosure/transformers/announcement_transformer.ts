import type Tenant from '#tenancy/models/tenant'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { announcementPath } from '#disclosure/actions/publish_announcement'
import type { AnnouncementRow } from '#disclosure/queries/announcements'

/** What of an announcement reaches the portal and the public API */
function listItem(row: AnnouncementRow, tenant: Tenant | undefined, locale: string) {
  const tenantCode = tenant?.code ?? ''
  return {
    id: Number(row.id),
    kind: row.kind,
    category: row.category,
    title: row.title,
    tenantCode,
    tenantName: tenant?.name(locale) ?? '',
    tradeId: row.trade_id === null ? null : Number(row.trade_id),
    ocid: row.ocid,
    publishedAt: new Date(row.published_at).toISOString(),
    url: announcementPath(tenantCode, Number(row.id)),
  }
}

export type AnnouncementItem = ReturnType<typeof listItem>

export const announcementTransformer = {
  async forList(rows: AnnouncementRow[], locale: string) {
    const items = []
    for (const row of rows) {
      items.push(listItem(row, await tenantDirectory.findById(Number(row.tenant_id)), locale))
    }
    return items
  },

  async forDetail(row: AnnouncementRow, locale: string) {
    const tenant = await tenantDirectory.findById(Number(row.tenant_id))
    return { ...listItem(row, tenant, locale), body: row.body ?? '' }
  },
}
