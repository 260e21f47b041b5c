import db from '@adonisjs/lucid/services/db'

/**
 * Read paths over a trade's bids that the collusion rules share. Withdrawn
 * bids do not count: they are not part of the competition.
 */
export interface BidderRef {
  bidId: number
  entityId: number
  name: string
  code: string
  submittedAt: string
}

export interface SharedValue {
  value: string
  bidders: BidderRef[]
}

const BIDDER_JSON = `json_agg(json_build_object('bidId', b.id, 'entityId', b.entity_id,
  'name', e.name, 'code', e.code, 'submittedAt', b.submitted_at) order by b.id)`

/**
 * Values (a SQL expression over `b`) that at least `minBidders` different
 * bidders of the trade share, optionally only when their submissions fall
 * within `withinHours` of each other.
 */
export async function sharedAmongBidders(
  tradeId: number,
  expression: string,
  minBidders: number,
  withinHours?: number
): Promise<SharedValue[]> {
  const window =
    withinHours === undefined
      ? ''
      : `and max(b.submitted_at) - min(b.submitted_at) <= make_interval(hours => ${Number(withinHours)})`
  const { rows } = await db.rawQuery(
    `select ${expression} as value, ${BIDDER_JSON} as bidders
     from bids b join market_entities e on e.id = b.entity_id
     where b.trade_id = ? and b.status <> 'withdrawn' and ${expression} is not null
     group by ${expression}
     having count(distinct b.entity_id) >= ? ${window}`,
    [tradeId, minBidders]
  )
  return rows.map((row: any) => ({ value: String(row.value), bidders: row.bidders }))
}

/** Envelope hashes shared by different bidders: the same sealed file uploaded twice */
export async function sharedEnvelopeHashes(tradeId: number): Promise<SharedValue[]> {
  const { rows } = await db.rawQuery(
    `select env->>'sha256' as value, ${BIDDER_JSON} as bidders
     from bids b join market_entities e on e.id = b.entity_id
       cross join jsonb_array_elements(b.envelopes) env
     where b.trade_id = ? and b.status <> 'withdrawn'
     group by env->>'sha256' having count(distinct b.entity_id) >= 2`,
    [tradeId]
  )
  return rows.map((row: any) => ({ value: String(row.value), bidders: row.bidders }))
}

export interface ReadPrice {
  bidId: number
  entityId: number
  name: string
  code: string
  price: number
}

/** Prices read out at opening, lowest first */
export async function readPrices(tradeId: number): Promise<ReadPrice[]> {
  const { rows } = await db.rawQuery(
    `select b.id, b.entity_id, e.name, e.code, (b.readout->>'price')::numeric as price
     from bids b join market_entities e on e.id = b.entity_id
     where b.trade_id = ? and b.status = 'decrypted'
       and jsonb_typeof(b.readout->'price') = 'number'
     order by price, b.id`,
    [tradeId]
  )
  return rows.map((row: any) => ({
    bidId: Number(row.id),
    entityId: Number(row.entity_id),
    name: row.name,
    code: row.code,
    price: Number(row.price),
  }))
}

/** Bids that took part (sealed, decrypted, revoked or retracted: not withdrawn) */
export async function submittedBidCount(tradeId: number) {
  const { rows } = await db.rawQuery(
    `select count(*)::int as submitted, count(*) filter (where status = 'decrypted')::int as valid
     from bids where trade_id = ? and status <> 'withdrawn'`,
    [tradeId]
  )
  return rows[0] as { submitted: number; valid: number }
}
