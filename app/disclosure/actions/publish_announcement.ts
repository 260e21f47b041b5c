import db from '@adonisjs/lucid/services/db'
import { appUrl } from '#config/app'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import type { AnnouncementKind } from '#disclosure/kinds'
import { documentLexemes } from '#disclosure/search_terms'
import { buildRelease, ocidFor } from '#disclosure/ocds/releases'

/**
 * Publishes an announcement of the current tenant and its OCDS release, in
 * the caller's transaction: a transition that publishes and its announcement
 * commit or roll back together. The publication time is the platform clock.
 */
export interface AnnouncementDraft {
  kind: AnnouncementKind
  category: string
  title: string
  body?: string
  projectId?: number | null
  tradeId?: number | null
}

export interface PublishedAnnouncement {
  id: number
  ocid: string
  publishedAt: Date
  releaseId: string
}

export function announcementPath(tenantCode: string, id: number) {
  return `/t/${tenantCode}/announcements/${id}`
}

export async function publishAnnouncement(
  actor: AuditActor,
  draft: AnnouncementDraft
): Promise<PublishedAnnouncement> {
  const scope = currentScopeOrFail()
  const tenant =
    scope.tenantId === null ? undefined : await tenantDirectory.findById(scope.tenantId)
  if (!tenant || scope.scope === 'global') {
    throw new Error('An announcement is published by a tenant: run it in its tenant scope')
  }
  const body = draft.body ?? ''
  const tradeId = draft.tradeId ?? null
  const client = db.connection()
  const [row] = await client
    .table('announcements')
    .insert({
      root_tenant_id: scope.rootTenantId,
      tenant_id: tenant.id,
      kind: draft.kind,
      category: draft.category,
      title: draft.title,
      body,
      project_id: draft.projectId ?? null,
      trade_id: tradeId,
      ocid: '',
      search_vector: db.raw('array_to_tsvector(?::text[])', [
        documentLexemes(`${draft.title}\n${body}`),
      ]),
      published_at: db.raw(PLATFORM_NOW_SQL),
    })
    .returning(['id', 'published_at'])
  const id = Number(row.id)
  const ocid = ocidFor(tenant.code, { tradeId, announcementId: id })
  await client
    .from('announcements')
    .where('root_tenant_id', scope.rootTenantId!)
    .where('id', id)
    .update({ ocid })

  const publishedAt = new Date(row.published_at)
  const release = buildRelease({
    ocid,
    announcementId: id,
    tradeId,
    kind: draft.kind,
    category: draft.category,
    title: draft.title,
    body,
    publishedAt,
    url: new URL(announcementPath(tenant.code, id), appUrl).toString(),
  })
  await client.table('ocds_releases').insert({
    root_tenant_id: scope.rootTenantId,
    tenant_id: tenant.id,
    announcement_id: id,
    ocid,
    release_id: release.id,
    release: JSON.stringify(release),
    // now() is the transaction's time: the same instant as the announcement's, to the microsecond
    published_at: db.raw(PLATFORM_NOW_SQL),
  })
  await recordAudit(actor, {
    action: 'announcement.publish',
    subjectType: 'announcement',
    subjectId: id,
    payload: { kind: draft.kind, ocid, tradeId },
  })
  return { id, ocid, publishedAt, releaseId: release.id }
}
