import { createHmac } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { recordAudit, type AuditActor } from '#audit/audit_log'
import { publicEntityCode } from '#identity/codes/id_card'
import { RuleViolation } from '#core/rule_violation'
import { PLATFORM_EXACT_NOW_SQL } from '#core/clock'
import type Trade from '#trading/models/trade'
import { findTrade } from '#trading/trades'
import { assertCreditAllows } from '#trading/credit_gate'
import { findProcedure } from '#trading/engine/define_procedure'
import { tenantDirectory } from '#tenancy/tenant_directory'
import { publishAnnouncement } from '#disclosure/actions/publish_announcement'
import {
  BID_KDF_ITERATIONS,
  type KeyWrapping,
  WrongBidSecretError,
  openEnvelope,
  sha256Hex,
} from '#trading/sealed_bids/bid_crypto'

/**
 * Sealed bids from submission to the opening record (电子招标投标办法
 * Arts. 26–31). Every deadline is judged by `app.platform_exact_now()` in the
 * statement that writes, so a bid finishing after the deadline is refused
 * whatever the web server's clock says.
 */
const EXACT_NOW = PLATFORM_EXACT_NOW_SQL
export const READOUT_ENVELOPE = 'readout'
const DEFAULT_DECRYPTION_MINUTES = 30

export interface IncomingEnvelope {
  name: string
  iv: string
  sha256: string
  ciphertext: Uint8Array
}

export interface IncomingBid extends KeyWrapping {
  envelopes: IncomingEnvelope[]
  /** Where the bid came from, kept for the collusion rules W01/W02 (domain.md §7.1) */
  fingerprint?: string | null
  ip?: string | null
}

export interface Bidder {
  actor: AuditActor & { accountId: number }
  entityId: number
}

interface BidRow {
  id: number
  trade_id: number
  entity_id: number
  version: number
  status: string
  envelopes: Array<{ name: string; iv: string; sha256: string }>
  submitted_at: Date
}

/**
 * Bidders share the trade lock, so a deadline burst runs in parallel; the
 * opening and the supervisor's suspension take it exclusively and wait for them.
 */
async function lockTrade(tradeId: number, mode: 'share' | 'update' = 'share') {
  const trade = await findTrade(tradeId, mode)
  if (trade.isSuspended) {
    throw new RuleViolation(
      'trade',
      'trading.errors.suspended',
      { reason: trade.suspendedReason },
      409
    )
  }
  return trade
}

/** The procedure's own rule of who may bid (invitees, the prequalified), a 403 like the credit gate's */
async function assertProcedureAdmits(trade: Trade, entityId: number) {
  const admits = findProcedure(trade.procedureId)?.admitsBidder
  if (!admits) return
  const entity = await db.from('market_entities').where('id', entityId).select('code').first()
  const refusal = await admits(trade, { id: entityId, code: entity.code })
  if (refusal) throw new RuleViolation('entity', refusal.messageKey, refusal.values ?? {}, 403)
}

function milestone(trade: Trade, name: string) {
  const value = trade.milestones?.[name]
  return value ? new Date(value) : null
}

function deadlineOf(trade: Trade) {
  const deadline = milestone(trade, 'bid_deadline')
  if (!deadline) throw new RuleViolation('trade', 'bids.errors.no_deadline', {}, 409)
  return deadline
}

function local(instant: Date) {
  return DateTime.fromJSDate(instant).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm:ss')
}

async function checkEnvelopes(bid: IncomingBid) {
  const names = bid.envelopes.map((envelope) => envelope.name)
  if (!names.includes(READOUT_ENVELOPE) || new Set(names).size !== names.length) {
    throw new RuleViolation('envelopes', 'bids.errors.envelopes')
  }
  for (const envelope of bid.envelopes) {
    // What arrived is what the bidder's browser hashed
    if ((await sha256Hex(envelope.ciphertext)) !== envelope.sha256) {
      throw new RuleViolation('envelopes', 'bids.errors.hash_mismatch', {
        name: envelope.name,
      })
    }
  }
  if (bid.keyWrapping === 'password') {
    if (!bid.kdfSalt || (bid.kdfIterations ?? 0) < BID_KDF_ITERATIONS) {
      throw new RuleViolation('kdfIterations', 'bids.errors.weak_kdf', {
        iterations: BID_KDF_ITERATIONS,
      })
    }
  }
}

async function liveBid(tradeId: number, entityId: number): Promise<BidRow | undefined> {
  const { rows } = await db.rawQuery(
    `select id, trade_id, entity_id, version, status, envelopes, submitted_at from bids
     where trade_id = ? and entity_id = ? and status <> 'withdrawn' for update`,
    [tradeId, entityId]
  )
  return rows[0]
}

/**
 * A receipt the bidder keeps: the bid's hashes and the database time, signed
 * with the platform key so the bidder can later prove what was accepted when.
 */
export function bidReceipt(trade: Trade, bid: BidRow) {
  const body = {
    bidId: Number(bid.id),
    tradeId: Number(trade.id),
    tradeTitle: trade.title,
    entityId: Number(bid.entity_id),
    version: bid.version,
    submittedAt: new Date(bid.submitted_at).toISOString(),
    envelopes: bid.envelopes.map(({ name, sha256 }) => ({ name, sha256 })),
  }
  const signature = createHmac('sha256', env.get('APP_KEY').release())
    .update(JSON.stringify(body))
    .digest('hex')
  return { ...body, signature }
}

export class SubmitBid {
  constructor(private readonly bidder: Bidder) {}

  async handle(tradeId: number, bid: IncomingBid) {
    const trade = await lockTrade(tradeId)
    const deadline = deadlineOf(trade)
    await assertProcedureAdmits(trade, this.bidder.entityId)
    await checkEnvelopes(bid)
    const existing = await liveBid(trade.id, this.bidder.entityId)
    if (existing && existing.status !== 'sealed') {
      throw new RuleViolation('bid', 'bids.errors.already_opened', {}, 409)
    }
    const envelopes = bid.envelopes.map(({ name, iv, sha256 }) => ({ name, iv, sha256 }))
    const values = [
      bid.keyWrapping,
      bid.kdfSalt ? Buffer.from(bid.kdfSalt, 'base64') : null,
      bid.kdfIterations,
      Buffer.from(bid.wrappedKey, 'base64'),
      JSON.stringify(envelopes),
      bid.fingerprint ?? null,
      bid.ip ?? null,
    ]
    const { rows } = existing
      ? await db.rawQuery(
          `update bids set key_wrapping = ?, kdf_salt = ?, kdf_iterations = ?, wrapped_key = ?,
             envelopes = ?, fingerprint = ?, submit_ip = ?, version = version + 1, submitted_at = ${EXACT_NOW},
             submitted_by = ?
           where id = ? and ${EXACT_NOW} < ?
           returning id, trade_id, entity_id, version, status, envelopes, submitted_at`,
          [...values, this.bidder.actor.accountId, existing.id, deadline]
        )
      : await db.rawQuery(
          `insert into bids (root_tenant_id, tenant_id, trade_id, entity_id, submitted_by,
             key_wrapping, kdf_salt, kdf_iterations, wrapped_key, envelopes, fingerprint,
             submit_ip, submitted_at)
           select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${EXACT_NOW}
           where ${EXACT_NOW} < ?
           returning id, trade_id, entity_id, version, status, envelopes, submitted_at`,
          [
            trade.rootTenantId,
            trade.tenantId,
            trade.id,
            this.bidder.entityId,
            this.bidder.actor.accountId,
            ...values,
            deadline,
          ]
        )
    const row = rows[0] as BidRow | undefined
    if (!row) {
      throw new RuleViolation(
        'bid',
        'bids.errors.deadline_passed',
        { deadline: local(deadline) },
        409
      )
    }
    if (existing) await db.from('bid_envelope_blobs').where('bid_id', row.id).delete()
    await db.table('bid_envelope_blobs').multiInsert(
      bid.envelopes.map((envelope) => ({
        root_tenant_id: trade.rootTenantId,
        tenant_id: trade.tenantId,
        bid_id: row.id,
        name: envelope.name,
        ciphertext: Buffer.from(envelope.ciphertext),
      }))
    )
    // Checked last, in the same transaction (a refusal rolls the bid back): the
    // check's audit event takes the tenant's audit lock, held until commit, so
    // taking it first would serialise the whole of every concurrent submission
    const tenant = await tenantDirectory.findById(trade.tenantId)
    await assertCreditAllows(
      this.bidder.entityId,
      { stage: 'bid_submission', category: trade.category, regionCode: tenant!.code, tradeId },
      this.bidder.actor
    )
    await recordAudit(this.bidder.actor, {
      action: existing ? 'bid.modify' : 'bid.submit',
      subjectType: 'bid',
      subjectId: row.id,
      payload: { trade: trade.id, entity: this.bidder.entityId, version: row.version, envelopes },
    })
    return bidReceipt(trade, row)
  }
}

export class WithdrawBid {
  constructor(private readonly bidder: Bidder) {}

  async handle(tradeId: number) {
    const trade = await lockTrade(tradeId)
    const deadline = deadlineOf(trade)
    const existing = await liveBid(trade.id, this.bidder.entityId)
    if (!existing) throw new RuleViolation('bid', 'bids.errors.no_bid', {}, 404)
    const { rows } = await db.rawQuery(
      `update bids set status = 'withdrawn', withdrawn_at = ${EXACT_NOW}
       where id = ? and status = 'sealed' and ${EXACT_NOW} < ? returning id`,
      [existing.id, deadline]
    )
    if (!rows.length) {
      throw new RuleViolation(
        'bid',
        'bids.errors.deadline_passed',
        { deadline: local(deadline) },
        409
      )
    }
    await db.from('bid_envelope_blobs').where('bid_id', existing.id).delete()
    await recordAudit(this.bidder.actor, {
      action: 'bid.withdraw',
      subjectType: 'bid',
      subjectId: existing.id,
      payload: { trade: trade.id, entity: this.bidder.entityId },
    })
  }
}

/** What a bidder and its page see of a trade's bidding timetable */
export function biddingTimetable(trade: Trade) {
  return {
    id: trade.id,
    title: trade.title,
    bidDeadline: trade.milestones?.bid_deadline ?? null,
    openingStarted: trade.milestones?.opening_started ?? null,
    decryptionEnds: trade.milestones?.decryption_ends ?? null,
    openingClosed: trade.milestones?.opening_closed ?? null,
  }
}

/** The bidder's own live bid and its receipt, or null */
export async function ownBid(tradeId: number, entityId: number) {
  const trade = await findTrade(tradeId)
  const { rows } = await db.rawQuery(
    `select id, trade_id, entity_id, version, status, envelopes, submitted_at, key_wrapping, readout, failure,
       encode(kdf_salt, 'base64') as kdf_salt, kdf_iterations, encode(wrapped_key, 'base64') as wrapped_key
     from bids where trade_id = ? and entity_id = ? and status <> 'withdrawn'`,
    [tradeId, entityId]
  )
  const row = rows[0]
  if (!row) return null
  return {
    receipt: bidReceipt(trade, row),
    status: row.status as string,
    // The bidder needs these to unwrap its data key at opening
    wrapping: {
      keyWrapping: row.key_wrapping,
      kdfSalt: row.kdf_salt?.replace(/\s/g, '') ?? null,
      kdfIterations: row.kdf_iterations,
      wrappedKey: row.wrapped_key.replace(/\s/g, ''),
    } satisfies KeyWrapping,
    readout: row.readout ?? null,
    failure: row.failure ?? null,
  }
}

export class StartOpening {
  constructor(private readonly actor: AuditActor) {}

  async handle(tradeId: number, decryptionMinutes = DEFAULT_DECRYPTION_MINUTES) {
    const trade = await lockTrade(tradeId, 'update')
    const deadline = deadlineOf(trade)
    if (milestone(trade, 'opening_started')) {
      throw new RuleViolation('trade', 'bids.errors.opening_started', {}, 409)
    }
    const { rows } = await db.rawQuery(`select ${EXACT_NOW} as now`)
    const now = new Date(rows[0].now)
    if (now < deadline) {
      throw new RuleViolation(
        'trade',
        'bids.errors.before_deadline',
        { deadline: local(deadline) },
        409
      )
    }
    const ends = new Date(now.getTime() + decryptionMinutes * 60_000)
    trade.milestones = {
      ...trade.milestones,
      opening_started: now.toISOString(),
      decryption_ends: ends.toISOString(),
    }
    await trade.save()
    await recordAudit(this.actor, {
      action: 'opening.start',
      subjectType: 'trade',
      subjectId: trade.id,
      payload: { decryptionEnds: ends.toISOString() },
    })
    return { openingStarted: now, decryptionEnds: ends }
  }
}

export type DecryptOutcome =
  | { outcome: 'decrypted'; readout: Record<string, unknown> }
  | { outcome: 'wrong_key' }
  | { outcome: 'retracted' }
  | { outcome: 'refused'; messageKey: string; values: Record<string, unknown> }

/**
 * The bidder sends its data key. A refused early attempt is audited and
 * answered without an exception, so the audit event commits.
 */
export class DecryptBid {
  constructor(private readonly bidder: Bidder) {}

  async handle(tradeId: number, dataKey: string): Promise<DecryptOutcome> {
    const trade = await lockTrade(tradeId)
    const existing = await liveBid(trade.id, this.bidder.entityId)
    if (!existing) throw new RuleViolation('bid', 'bids.errors.no_bid', {}, 404)
    const refusal = await this.refusal(trade)
    if (refusal) {
      await this.audit(existing.id, 'bid.decrypt_refused', { reason: refusal.messageKey })
      return { outcome: 'refused', ...refusal }
    }
    if (existing.status !== 'sealed') {
      throw new RuleViolation('bid', 'bids.errors.already_opened', {}, 409)
    }
    const blobs = await db
      .from('bid_envelope_blobs')
      .where('bid_id', existing.id)
      .select('name', 'ciphertext')
    const byName = new Map(blobs.map((blob) => [blob.name as string, blob.ciphertext as Buffer]))
    for (const envelope of existing.envelopes) {
      const stored = byName.get(envelope.name)
      if (!stored || (await sha256Hex(stored)) !== envelope.sha256) {
        // What the platform stored is not what the bidder sealed: the platform's fault (撤回)
        await this.finish(existing.id, 'retracted', null, 'platform_integrity')
        return { outcome: 'retracted' }
      }
    }
    let readout: Record<string, unknown> | null = null
    try {
      for (const envelope of existing.envelopes) {
        const plaintext = await openEnvelope(
          { iv: envelope.iv, ciphertext: byName.get(envelope.name)! },
          dataKey
        )
        if (envelope.name === READOUT_ENVELOPE) readout = parseReadout(plaintext)
      }
    } catch (error) {
      if (!(error instanceof WrongBidSecretError)) throw error
      // Another try is allowed within the window; a bid still sealed at its end is revoked (撤销)
      await db.from('bids').where('id', existing.id).update({ failure: 'wrong_key' })
      await this.audit(existing.id, 'bid.decrypt_failed', { failure: 'wrong_key' })
      return { outcome: 'wrong_key' }
    }
    await this.finish(existing.id, 'decrypted', readout, null)
    return { outcome: 'decrypted', readout: readout! }
  }

  private async refusal(trade: Trade) {
    const started = milestone(trade, 'opening_started')
    const ends = milestone(trade, 'decryption_ends')
    if (!started || !ends) {
      return { messageKey: 'bids.errors.not_opening', values: {} }
    }
    const { rows } = await db.rawQuery(`select ${EXACT_NOW} >= ? as late`, [ends])
    if (rows[0].late || milestone(trade, 'opening_closed')) {
      return { messageKey: 'bids.errors.decryption_over', values: { ends: local(ends) } }
    }
    return null
  }

  private async finish(
    bidId: number,
    status: 'decrypted' | 'retracted',
    readout: Record<string, unknown> | null,
    failure: string | null
  ) {
    await db.rawQuery(
      `update bids set status = ?, readout = ?, failure = ?, decrypted_at = ${EXACT_NOW} where id = ?`,
      [status, readout ? JSON.stringify(readout) : null, failure, bidId]
    )
    await this.audit(bidId, status === 'decrypted' ? 'bid.decrypt' : 'bid.retract', { failure })
  }

  private audit(bidId: number, action: string, payload: Record<string, unknown>) {
    return recordAudit(this.bidder.actor, {
      action,
      subjectType: 'bid',
      subjectId: bidId,
      payload: { entity: this.bidder.entityId, ...payload },
    })
  }
}

function parseReadout(plaintext: Uint8Array): Record<string, unknown> {
  try {
    const value = JSON.parse(new TextDecoder().decode(plaintext))
    if (value && typeof value === 'object' && !Array.isArray(value)) return value
  } catch {}
  return { unreadable: true }
}

export interface OpeningEntry {
  bidId: number
  bidder: { name: string; code: string }
  status: string
  failure: string | null
  readout: Record<string, unknown> | null
  submittedAt: string
}

/** The opening record: every bid that was not withdrawn, with its fate */
export async function openingRecord(tradeId: number): Promise<OpeningEntry[]> {
  const { rows } = await db.rawQuery(
    `select b.id, b.status, b.failure, b.readout, b.submitted_at,
       e.name as entity_name, e.code as entity_code, e.code_type
     from bids b join market_entities e on e.id = b.entity_id
     where b.trade_id = ? and b.status <> 'withdrawn' order by b.submitted_at, b.id`,
    [tradeId]
  )
  return rows.map((row: any) => ({
    bidId: Number(row.id),
    bidder: { name: row.entity_name, code: publicEntityCode(row.code_type, row.entity_code) },
    status: row.status as string,
    failure: row.failure as string | null,
    readout: row.readout as Record<string, unknown> | null,
    submittedAt: new Date(row.submitted_at).toISOString(),
  }))
}

const STATUS_TEXT: Record<string, string> = {
  decrypted: '已解密',
  revoked: '未解密，视为撤销投标文件',
  retracted: '未解密，视为撤回投标文件',
}

/** The published text: one line per bid, in the order they were submitted */
function openingRecordText(record: OpeningEntry[]) {
  if (!record.length) return '本次开标无有效投标文件。'
  return record
    .map((entry, i) => {
      const price = entry.readout?.price === undefined ? '—' : `${entry.readout.price} 元`
      return `${i + 1}. ${entry.bidder.name}（${entry.bidder.code}）：${STATUS_TEXT[entry.status] ?? entry.status}；投标报价 ${price}`
    })
    .join('\n')
}

export class CloseOpening {
  constructor(private readonly actor: AuditActor) {}

  async handle(tradeId: number) {
    const trade = await lockTrade(tradeId, 'update')
    const ends = milestone(trade, 'decryption_ends')
    if (!ends) throw new RuleViolation('trade', 'bids.errors.not_opening', {}, 409)
    if (milestone(trade, 'opening_closed')) {
      throw new RuleViolation('trade', 'bids.errors.opening_closed', {}, 409)
    }
    const { rows } = await db.rawQuery(
      `select count(*)::int as sealed, ${EXACT_NOW} as now from bids where trade_id = ? and status = 'sealed'`,
      [trade.id]
    )
    const { sealed, now } = rows[0]
    if (sealed > 0 && new Date(now) < ends) {
      throw new RuleViolation(
        'trade',
        'bids.errors.decryption_open',
        { ends: local(ends), sealed },
        409
      )
    }
    // Not decrypted in time for the bidder's own reasons (Art. 31): revoked (撤销)
    await db.rawQuery(
      `update bids set status = 'revoked', failure = coalesce(failure, 'not_decrypted')
       where trade_id = ? and status = 'sealed'`,
      [trade.id]
    )
    trade.milestones = { ...trade.milestones, opening_closed: new Date(now).toISOString() }
    await trade.save()
    const record = await openingRecord(trade.id)
    await publishAnnouncement(this.actor, {
      kind: 'trade_notice',
      category: trade.category,
      title: `${trade.title} 开标记录`,
      body: openingRecordText(record),
      tradeId: trade.id,
    })
    await recordAudit(this.actor, {
      action: 'opening.close',
      subjectType: 'trade',
      subjectId: trade.id,
      payload: { bids: record.map(({ bidId, status }) => ({ bidId, status })) },
    })
    return record
  }
}
