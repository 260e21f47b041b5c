import { PassThrough } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import type { HttpContext } from '@adonisjs/core/http'
import { subject } from '@casl/ability'
import db from '@adonisjs/lucid/services/db'
import { authorize, loadAccess } from '#access/access_context'
import { currentEntityId } from '#identity/current_entity'
import { currentScopeOrFail, withTenant } from '#tenancy/tenant_context'
import { biddingTimetable, openingRecord } from '#trading/sealed_bids/bids'
import { findTrade } from '#trading/trades'

const POLL_MS = 1500
const HEARTBEAT_MS = 15_000

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

  /**
   * Streams a snapshot whenever it changes. Each read is its own short
   * tenant transaction: the request's transaction ends when this returns,
   * long before the stream does.
   */
  async events(ctx: HttpContext) {
    const tradeId = Number(ctx.params.tradeId)
    await this.authorizeHall(ctx, tradeId)
    await findTrade(tradeId)
    const scope = currentScopeOrFail()
    const stream = new PassThrough()
    let open = true
    ctx.request.request.on('close', () => {
      open = false
      stream.end()
    })
    ctx.response.header('content-type', 'text/event-stream; charset=utf-8')
    ctx.response.header('cache-control', 'no-cache, no-transform')
    ctx.response.header('x-accel-buffering', 'no')
    ctx.response.stream(stream)

    const pump = async () => {
      let last = ''
      let quietSince = Date.now()
      while (open) {
        const snapshot = JSON.stringify(await withTenant(scope, () => hallSnapshot(tradeId)))
        if (snapshot !== last) {
          stream.write(`event: hall\ndata: ${snapshot}\n\n`)
          last = snapshot
          quietSince = Date.now()
        } else if (Date.now() - quietSince > HEARTBEAT_MS) {
          stream.write(': keep-alive\n\n')
          quietSince = Date.now()
        }
        await sleep(POLL_MS)
      }
    }
    pump().catch(() => stream.end())
  }
}
