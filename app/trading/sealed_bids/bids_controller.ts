import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import { authorize, loadAccess } from '#access/access_context'
import { requestActor } from '#audit/request_actor'
import { apiErrors } from '#core/api_errors'
import { RuleViolation } from '#core/rule_violation'
import { clock } from '#core/clock'
import { currentEntityId } from '#identity/current_entity'
import {
  type Bidder,
  DecryptBid,
  type IncomingEnvelope,
  SubmitBid,
  WithdrawBid,
  biddingTimetable,
  ownBid,
} from '#trading/sealed_bids/bids'
import { findTrade } from '#trading/trades'
import { decryptBidValidator, sealedBidValidator } from '#trading/sealed_bids/validators'

const MAX_ENVELOPE_SIZE = '20mb'

/** The bidder's side of a trade: seal, replace, withdraw, read the receipt, decrypt at opening */
export default class BidsController {
  private async bidder(ctx: HttpContext, action: 'create' | 'read' | 'update' | 'delete') {
    const access = await loadAccess(ctx)
    const entityId = currentEntityId(ctx.session, access.entityIds)
    await authorize(ctx, action, subject('Bid', { entityId }))
    const actor = requestActor(ctx)
    return { actor: { ...actor, accountId: actor.accountId! }, entityId: entityId! } as Bidder
  }

  async submit(ctx: HttpContext) {
    const bidder = await this.bidder(ctx, 'create')
    let meta: unknown
    try {
      meta = JSON.parse(String(ctx.request.input('meta') ?? ''))
    } catch {
      throw new RuleViolation('meta', 'bids.errors.meta')
    }
    const payload = await ctx.request.validateUsing(sealedBidValidator, { data: meta as any })
    const envelopes: IncomingEnvelope[] = []
    for (const envelope of payload.envelopes) {
      const file = ctx.request.file(envelope.name, { size: MAX_ENVELOPE_SIZE })
      if (!file || !file.tmpPath) {
        throw new RuleViolation(envelope.name, 'bids.errors.file_missing', { name: envelope.name })
      }
      if (!file.isValid) {
        throw new RuleViolation(envelope.name, 'bids.errors.file_too_large', {
          name: envelope.name,
          size: MAX_ENVELOPE_SIZE,
        })
      }
      envelopes.push({ ...envelope, ciphertext: await readFile(file.tmpPath) })
    }
    const receipt = await new SubmitBid(bidder).handle(Number(ctx.params.tradeId), {
      keyWrapping: payload.keyWrapping,
      kdfSalt: payload.kdfSalt ?? null,
      kdfIterations: payload.kdfIterations ?? null,
      wrappedKey: payload.wrappedKey,
      envelopes,
      fingerprint: payload.fingerprint ?? null,
      ip: ctx.request.ip(),
    })
    return ctx.response.status(201).send({ data: { receipt } })
  }

  private async ownBidOrFail(ctx: HttpContext) {
    const bidder = await this.bidder(ctx, 'read')
    const bid = await ownBid(Number(ctx.params.tradeId), bidder.entityId)
    if (!bid) throw new RuleViolation('bid', 'bids.errors.no_bid', {}, 404)
    return bid
  }

  /** The bidding page: the timetable, the entity's bid, and the client-side sealing */
  async page(ctx: HttpContext) {
    const bidder = await this.bidder(ctx, 'read')
    const trade = await findTrade(Number(ctx.params.tradeId))
    // The platform's time, so the page's controls follow the clock that judges
    const now = await clock.now()
    return ctx.inertia.render('trading/bid', {
      now: now.toISOString(),
      trade: biddingTimetable(trade),
      bid: await ownBid(trade.id, bidder.entityId),
    })
  }

  async mine(ctx: HttpContext) {
    return { data: await this.ownBidOrFail(ctx) }
  }

  /** The receipt as a file the bidder keeps */
  async receipt(ctx: HttpContext) {
    const { receipt } = await this.ownBidOrFail(ctx)
    ctx.response.header('content-type', 'application/json; charset=utf-8')
    ctx.response.header(
      'content-disposition',
      `attachment; filename="bid-receipt-${receipt.bidId}-v${receipt.version}.json"`
    )
    return JSON.stringify(receipt, null, 2)
  }

  async withdraw(ctx: HttpContext) {
    const bidder = await this.bidder(ctx, 'delete')
    await new WithdrawBid(bidder).handle(Number(ctx.params.tradeId))
    return { data: { withdrawn: true, message: ctx.i18n.t('bids.withdrawn') } }
  }

  async decrypt(ctx: HttpContext) {
    const bidder = await this.bidder(ctx, 'update')
    const { dataKey } = await ctx.request.validateUsing(decryptBidValidator)
    const result = await new DecryptBid(bidder).handle(Number(ctx.params.tradeId), dataKey)
    if (result.outcome === 'refused') {
      // Answered, not thrown: the audit of the attempt commits with this request
      return apiErrors(ctx, 409, [
        {
          field: 'bid',
          message: ctx.i18n.t(result.messageKey, result.values),
          rule: result.messageKey,
        },
      ])
    }
    return { data: result }
  }
}
