import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import string from '@adonisjs/core/helpers/string'
import drive from '@adonisjs/drive/services/main'
import { subject } from '@casl/ability'
import env from '#start/env'
import { authorize, loadAccess } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { RuleViolation } from '#core/rule_violation'
import { MAGIC_LENGTH } from '#trading/documents/file_types'
import {
  type DocumentRow,
  type ReceivedFile,
  UploadDocument,
  documentView,
  documentsOf,
  findDocument,
  isCurrent,
  publishDocument,
  recordDownload,
} from '#trading/documents/documents'
import { uploadDocumentValidator } from '#trading/documents/validators'
import { amendmentsOf } from '#trading/documents/amendments'
import type Trade from '#trading/models/trade'
import { findTrade } from '#trading/trades'

/** Room for the form fields and part headers beside the file */
const FORM_SLACK_BYTES = 64 * 1024

function maxSize() {
  const limit = env.get('DOCUMENT_MAX_SIZE') ?? '50mb'
  const bytes = string.bytes.parse(limit)
  if (!bytes) throw new Error(`DOCUMENT_MAX_SIZE "${limit}" is not a size such as 50mb`)
  return { limit, bytes }
}

/**
 * Streams one part to a temporary file, hashing it and keeping its first
 * bytes on the way; past the limit the bytes are counted and dropped.
 */
async function receive(
  part: Readable & { filename: string },
  reportChunk: (chunk: Buffer) => unknown,
  tmpPath: string,
  maxBytes: number
): Promise<ReceivedFile> {
  const hash = createHash('sha256')
  let size = 0
  let head = Buffer.alloc(0)
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      reportChunk(chunk)
      size += chunk.length
      if (size > maxBytes) return done()
      hash.update(chunk)
      if (head.length < MAGIC_LENGTH) head = Buffer.concat([head, chunk]).subarray(0, MAGIC_LENGTH)
      done(null, chunk)
    },
  })
  await pipeline(part, tap, createWriteStream(tmpPath))
  return {
    tmpPath,
    clientName: part.filename,
    size,
    sha256: hash.digest('hex'),
    head,
    tooLarge: size > maxBytes,
  }
}

function documentSubject(trade: Trade, row: DocumentRow, current: boolean) {
  return subject('TradeDocument', {
    tenantId: trade.tenantId,
    status: row.status,
    current,
    tradeOpen: !trade.isSuspended,
  })
}

/** An ASCII name the platform makes, and the client's name only as the encoded variant */
function contentDisposition(row: DocumentRow) {
  const fallback = `trade-${row.trade_id}-${row.kind}-v${row.version}.${row.extension}`
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(row.file_name)}`
}

/** Documents of a trade: the centre uploads and publishes, bidders download */
export default class DocumentsController {
  private async staff(ctx: HttpContext, action: 'create' | 'update') {
    await authorize(ctx, action, subject('TradeDocument', { tenantId: ctx.tenant!.id }))
    const actor = requestActor(ctx)
    return { ...actor, accountId: actor.accountId! }
  }

  async upload(ctx: HttpContext) {
    const actor = await this.staff(ctx, 'create')
    const { limit, bytes: maxBytes } = maxSize()
    const folder = app.tmpPath('uploads')
    await mkdir(folder, { recursive: true })
    const tmpPaths: string[] = []
    const received: ReceivedFile[] = []
    ctx.request.multipart.onFile('file', {}, async (part, reportChunk) => {
      const tmpPath = `${folder}/${randomUUID()}`
      tmpPaths.push(tmpPath)
      received.push(await receive(part, reportChunk, tmpPath, maxBytes))
    })
    try {
      try {
        await ctx.request.multipart.process({ limit: maxBytes + FORM_SLACK_BYTES })
      } catch (error) {
        if ((error as { code?: string }).code === 'E_REQUEST_ENTITY_TOO_LARGE') {
          throw new RuleViolation('file', 'documents.errors.too_large', { maxSize: limit })
        }
        throw error
      }
      if (received.length > 1) throw new RuleViolation('file', 'documents.errors.one_file')
      const fields = await ctx.request.validateUsing(uploadDocumentValidator)
      const row = await new UploadDocument(actor).handle(
        Number(ctx.params.tradeId),
        fields.kind ?? 'tender_documents',
        received[0] ?? null,
        { publish: fields.publish ?? false, maxSize: limit }
      )
      return ctx.response.status(201).send({ data: documentView(row, false) })
    } finally {
      await Promise.all(tmpPaths.map((path) => rm(path, { force: true })))
    }
  }

  async publish(ctx: HttpContext) {
    const actor = await this.staff(ctx, 'update')
    const row = await publishDocument(
      actor,
      Number(ctx.params.tradeId),
      Number(ctx.params.documentId)
    )
    return { data: documentView(row, true) }
  }

  /** Staff see every version with its hash; bidders the versions they may download */
  private async visibleDocuments(ctx: HttpContext, trade: Trade) {
    const { ability } = await loadAccess(ctx)
    const documents = await documentsOf(trade.id)
    return documents
      .filter(({ row, current }) => ability.can('read', documentSubject(trade, row, current)))
      .map(({ row, current }) => documentView(row, current))
  }

  async index(ctx: HttpContext) {
    const trade = await findTrade(Number(ctx.params.tradeId))
    return { data: await this.visibleDocuments(ctx, trade) }
  }

  /** The documents page: the centre uploads, publishes and issues amendments; bidders read */
  async page(ctx: HttpContext) {
    const tenantId = ctx.tenant!.id
    await authorize(ctx, 'read', subject('TradeAmendment', { tenantId }))
    const { ability } = await loadAccess(ctx)
    const trade = await findTrade(Number(ctx.params.tradeId))
    return ctx.inertia.render('trading/documents', {
      trade: {
        id: trade.id,
        title: trade.title,
        bidDeadline: trade.milestones?.bid_deadline ?? null,
      },
      documents: await this.visibleDocuments(ctx, trade),
      amendments: await amendmentsOf(trade.id),
      canManage: ability.can('create', subject('TradeDocument', { tenantId })),
      maxSize: maxSize().limit,
    })
  }

  async download(ctx: HttpContext) {
    const { ability } = await loadAccess(ctx)
    const trade = await findTrade(Number(ctx.params.tradeId))
    const row = await findDocument(trade.id, Number(ctx.params.documentId))
    // Not allowed reads as absent: a draft's existence is not disclosed
    if (!ability.can('read', documentSubject(trade, row, await isCurrent(row)))) {
      throw new RuleViolation('document', 'documents.errors.not_found', {}, 404)
    }
    await recordDownload(requestActor(ctx), row)
    ctx.response.header('content-type', row.mime_type)
    ctx.response.header('content-disposition', contentDisposition(row))
    ctx.response.header('x-content-type-options', 'nosniff')
    ctx.response.header('x-content-sha256', row.sha256)
    ctx.response.stream(await drive.use().getStream(row.storage_key))
  }
}
