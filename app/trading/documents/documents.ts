import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { findTrade } from '#trading/trades'
import { DOCUMENT_TYPES, extensionOf, matchesType } from '#trading/documents/file_types'

/**
 * Trade documents: uploads checked by size, extension and content, stored
 * on the drive under a key the platform makes, versioned per kind and
 * hashed (SHA-256) so a bidder can prove which version it worked from.
 */
export const DOCUMENT_KINDS = ['tender_documents', 'amendment_documents'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** A file as received: already on local disk, hashed while it streamed in */
export interface ReceivedFile {
  tmpPath: string
  clientName: string
  size: number
  sha256: string
  head: Buffer
  tooLarge: boolean
}

export interface DocumentRow {
  id: number
  trade_id: number
  kind: DocumentKind
  version: number
  status: 'draft' | 'published'
  storage_key: string
  file_name: string
  extension: string
  mime_type: string
  size_bytes: number
  sha256: string
  uploaded_at: Date
  published_at: Date | null
}

/** Refuses a file before anything is written: empty, too large, not allowed, or disguised */
export function checkFile(file: ReceivedFile | null, maxSize: string) {
  if (!file) throw new RuleViolation('file', 'documents.errors.file_missing')
  if (file.tooLarge) throw new RuleViolation('file', 'documents.errors.too_large', { maxSize })
  if (file.size === 0) throw new RuleViolation('file', 'documents.errors.empty')
  const extension = extensionOf(file.clientName)
  if (!DOCUMENT_TYPES[extension]) {
    throw new RuleViolation('file', 'documents.errors.type', {
      allowed: Object.keys(DOCUMENT_TYPES).join(', '),
    })
  }
  if (!matchesType(extension, file.head)) {
    throw new RuleViolation('file', 'documents.errors.content_mismatch', { extension })
  }
  return { file, extension }
}

/** Keeps the client's name only for display: no path, no control characters */
function displayName(clientName: string) {
  const base = clientName.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"]/g, '_').slice(0, 200) || 'document'
}

export class UploadDocument {
  constructor(private readonly actor: AuditActor & { accountId: number }) {}

  async handle(
    tradeId: number,
    kind: DocumentKind,
    received: ReceivedFile | null,
    options: { publish: boolean; maxSize: string }
  ) {
    const { file, extension } = checkFile(received, options.maxSize)
    const trade = await findTrade(tradeId, 'update')
    const { rows: last } = await db.rawQuery(
      `select coalesce(max(version), 0) as version from trade_documents where trade_id = ? and kind = ?`,
      [trade.id, kind]
    )
    const version = Number(last[0].version) + 1
    const key = `tenants/${trade.tenantId}/trades/${trade.id}/${kind}/${randomUUID()}.${extension}`
    const { rows } = await db.rawQuery(
      `insert into trade_documents (root_tenant_id, tenant_id, trade_id, kind, version, status,
         storage_key, file_name, extension, mime_type, size_bytes, sha256, uploaded_by,
         uploaded_at, published_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${PLATFORM_NOW_SQL},
         case when ? then ${PLATFORM_NOW_SQL} end)
       returning *`,
      [
        trade.rootTenantId,
        trade.tenantId,
        trade.id,
        kind,
        version,
        options.publish ? 'published' : 'draft',
        key,
        displayName(file.clientName),
        extension,
        DOCUMENT_TYPES[extension].mime,
        file.size,
        file.sha256,
        this.actor.accountId,
        options.publish,
      ]
    )
    const row = rows[0] as DocumentRow
    await drive.use().moveFromFs(file.tmpPath, key)
    await recordAudit(this.actor, {
      action: 'document.upload',
      subjectType: 'trade_document',
      subjectId: row.id,
      payload: {
        trade: trade.id,
        kind,
        version,
        status: row.status,
        sha256: row.sha256,
        size: file.size,
        key,
        fileName: row.file_name,
      },
    })
    return row
  }
}

export async function publishDocument(actor: AuditActor, tradeId: number, documentId: number) {
  await findTrade(tradeId, 'update')
  const { rows } = await db.rawQuery(
    `update trade_documents set status = 'published', published_at = ${PLATFORM_NOW_SQL}
     where trade_id = ? and id = ? and status = 'draft' returning *`,
    [tradeId, documentId]
  )
  const row = rows[0] as DocumentRow | undefined
  if (!row) {
    const existing = await findDocument(tradeId, documentId)
    throw new RuleViolation('document', 'documents.errors.already_published', {
      version: existing.version,
    })
  }
  await recordAudit(actor, {
    action: 'document.publish',
    subjectType: 'trade_document',
    subjectId: row.id,
    payload: { trade: tradeId, kind: row.kind, version: row.version, sha256: row.sha256 },
  })
  return row
}

export async function findDocument(tradeId: number, documentId: number) {
  const row = await db.from('trade_documents').where({ trade_id: tradeId, id: documentId }).first()
  if (!row) throw new RuleViolation('document', 'documents.errors.not_found', {}, 404)
  return row as DocumentRow
}

/** Every version of every kind, with whether it is the published version bidders get */
export async function documentsOf(tradeId: number) {
  const rows: DocumentRow[] = await db
    .from('trade_documents')
    .where('trade_id', tradeId)
    .orderBy([
      { column: 'kind', order: 'asc' },
      { column: 'version', order: 'asc' },
    ])
  const current = new Map<string, number>()
  for (const row of rows) if (row.status === 'published') current.set(row.kind, row.version)
  return rows.map((row) => ({ row, current: current.get(row.kind) === row.version }))
}

export async function isCurrent(row: DocumentRow) {
  const latest = await db
    .from('trade_documents')
    .where({ trade_id: row.trade_id, kind: row.kind, status: 'published' })
    .max('version as version')
    .first()
  return row.status === 'published' && Number(latest?.version) === row.version
}

export async function recordDownload(actor: AuditActor, row: DocumentRow) {
  await recordAudit(actor, {
    action: 'document.download',
    subjectType: 'trade_document',
    subjectId: row.id,
    payload: { trade: row.trade_id, kind: row.kind, version: row.version, sha256: row.sha256 },
  })
}

export function documentView(row: DocumentRow, current: boolean) {
  return {
    id: Number(row.id),
    kind: row.kind,
    version: row.version,
    status: row.status,
    current,
    fileName: row.file_name,
    mimeType: row.mime_type,
    size: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
  }
}
