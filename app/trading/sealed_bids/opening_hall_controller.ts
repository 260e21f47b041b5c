import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import db from '@adonisjs/lucid/services/db'
import { authorize, loadAccess } from '#access/access_context'
import { currentEntityId } from '#identity/current_entity'
import { streamChanges } from '#core/server_sent_events'
import { biddingTimetable, openingRecord } from '#trading/sealed_bids/bids'
import { findTrade } from '#trading/trades'

const POLL_MS = 1500

/** The hall: the timetable and the record as it stands (decrypted bids show their read-out) */
async function hallSnapshot(tradeId: number) {
  const trade = await findTrade(tradeId)
  return { trade: biddingTimetable(trade), record: await openingRecord(trade.id) }
}

/**
 * The opening hall (开标大厅): the centre's staff and supervisors of the
 * tenant, and the bidders of the trade, watch the opening live over
 * server-sent events.
 */
export default class OpeningHallController {
  private async authorizeHall(ctx: HttpContext, tradeId: number) {
    const access = await loadAccess(ctx)
    const entityId = currentEntityId(ctx.session, access.entityIds)
    const bid = entityId
      ? await db.from('bids').where({ trade_id: tradeId, entity_id: entityId }).first()
      : null
    await authorize(
      ctx,
      'read',
      subject('Opening', { tenantId: ctx.tenant!.id, participant: Boolean(bid) })
    )
  }

  async page(ctx: HttpContext) {
    const tradeId = Number(ctx.params.tradeId)
    await this.authorizeHall(ctx, tradeId)
    return ctx.inertia.render('trading/opening_hall', await hallSnapshot(tradeId))
  }

  /** Streams a snapshot whenever it changes */
  async events(ctx: HttpContext) {
    const tradeId = Number(ctx.params.tradeId)
    await this.authorizeHall(ctx, tradeId)
    await findTrade(tradeId)
    streamChanges(ctx, 'hall', () => hallSnapshot(tradeId), POLL_MS)
  }
}
