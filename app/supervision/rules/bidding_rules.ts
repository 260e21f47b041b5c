import { defineAlertRule, type RuleFinding } from '#supervision/rules/define_rule'
import {
  readPrices,
  sharedAmongBidders,
  sharedEnvelopeHashes,
  submittedBidCount,
} from '#supervision/rules/bid_evidence'
import { pricePatterns } from '#supervision/rules/price_patterns'

/**
 * Collusion and competition rules on the bids the platform holds
 * (domain.md §7.2 W01–W04, W09).
 */
const BID_EVENTS = ['bid.submit', 'bid.modify']
const ART_40 = {
  'zh-CN': '《招标投标法实施条例》第四十条',
  'en': 'Regulations on the Implementation of the Bidding Law Art. 40',
}

const minBidders = {
  default: 2,
  min: 2,
  max: 10,
  label: { 'zh-CN': '同一特征的最少投标人数', 'en': 'Bidders sharing it, at least' },
}

export const sameDevice = defineAlertRule({
  code: 'W01',
  severity: 'high',
  title: { 'zh-CN': '不同投标人使用同一设备制作或上传投标文件', 'en': 'Bidders share one device' },
  basis: ART_40,
  triggers: BID_EVENTS,
  thresholds: { min_bidders: minBidders },
  async check({ tradeId, thresholds }) {
    if (!tradeId) return []
    const shared = await sharedAmongBidders(tradeId, 'b.fingerprint', thresholds.min_bidders)
    return shared.map(({ value, bidders }) => ({
      tradeId,
      dedupeKey: `trade-${tradeId}-device-${value.slice(0, 16)}`,
      evidence: { fingerprint: value, bidders },
    }))
  },
})

export const sameIp = defineAlertRule({
  code: 'W02',
  severity: 'medium',
  title: { 'zh-CN': '不同投标人从同一 IP 地址上传投标文件', 'en': 'Bidders upload from one IP' },
  basis: ART_40,
  triggers: BID_EVENTS,
  thresholds: {
    min_bidders: minBidders,
    window_hours: {
      default: 72,
      min: 1,
      max: 720,
      label: { 'zh-CN': '时间窗口（小时）', 'en': 'Window (hours)' },
    },
  },
  async check({ tradeId, thresholds }) {
    if (!tradeId) return []
    const shared = await sharedAmongBidders(
      tradeId,
      'host(b.submit_ip)',
      thresholds.min_bidders,
      thresholds.window_hours
    )
    return shared.map(({ value, bidders }) => ({
      tradeId,
      dedupeKey: `trade-${tradeId}-ip-${value}`,
      evidence: { ip: value, bidders },
    }))
  },
})

export const identicalFiles = defineAlertRule({
  code: 'W03',
  severity: 'high',
  title: {
    'zh-CN': '投标文件异常一致（相同文件哈希或相同文档属性）',
    'en': 'Abnormally identical bid files (same hash or document metadata)',
  },
  basis: ART_40,
  triggers: [...BID_EVENTS, 'opening.close'],
  thresholds: {},
  async check({ tradeId }) {
    if (!tradeId) return []
    const findings: RuleFinding[] = []
    for (const { value, bidders } of await sharedEnvelopeHashes(tradeId)) {
      findings.push({
        tradeId,
        dedupeKey: `trade-${tradeId}-hash-${value.slice(0, 16)}`,
        evidence: { kind: 'file_hash', sha256: value, bidders },
      })
    }
    // The document's own properties (name, size, last modified) as the bidder's browser read them
    const sameDocument = await sharedAmongBidders(tradeId, `(b.readout->'document')::text`, 2)
    for (const { value, bidders } of sameDocument) {
      findings.push({
        tradeId,
        dedupeKey: `trade-${tradeId}-document-${bidders.map((b) => b.entityId).join('-')}`,
        evidence: { kind: 'document_metadata', document: JSON.parse(value), bidders },
      })
    }
    return findings
  },
})

export const pricePattern = defineAlertRule({
  code: 'W04',
  cardinalCode: 'R028',
  severity: 'high',
  title: { 'zh-CN': '投标报价呈规律性差异', 'en': 'Regular price differences among bids' },
  basis: ART_40,
  triggers: ['opening.close'],
  thresholds: {
    min_bids: {
      default: 3,
      min: 3,
      max: 20,
      label: { 'zh-CN': '判断规律所需的最少报价数', 'en': 'Prices needed to judge a pattern' },
    },
    step_tolerance_pct: {
      default: 2,
      min: 0,
      max: 10,
      label: { 'zh-CN': '等差报价的步长偏差（%）', 'en': 'Step deviation of a progression (%)' },
    },
    fence_pct: {
      default: 3,
      min: 0,
      max: 10,
      label: { 'zh-CN': '围堵报价偏离均值（%）', 'en': 'Fence: deviation from the mean (%)' },
    },
  },
  async check({ tradeId, thresholds }) {
    if (!tradeId) return []
    const prices = await readPrices(tradeId)
    const patterns = pricePatterns(
      prices.map((p) => p.price),
      {
        minBids: thresholds.min_bids,
        stepTolerancePct: thresholds.step_tolerance_pct,
        fencePct: thresholds.fence_pct,
      }
    )
    return patterns.map((found) => ({
      tradeId,
      dedupeKey: `trade-${tradeId}-${found.pattern}`,
      // Only identical prices are Cardinal's R028; the other patterns are ours
      cardinalCode: found.pattern === 'identical' ? 'R028' : undefined,
      severity: found.pattern === 'fence' ? 'medium' : 'high',
      evidence: { ...found, prices },
    }))
  },
})

export const tooFewBidders = defineAlertRule({
  code: 'W09',
  cardinalCode: 'R018',
  severity: 'high',
  title: { 'zh-CN': '投标人少于法定数量', 'en': 'Too few bidders' },
  basis: {
    'zh-CN': '《招标投标法》第二十八条；《招标投标法实施条例》第四十四条',
    'en': 'Bidding Law Art. 28; Regulations Art. 44',
  },
  triggers: ['opening.close'],
  thresholds: {
    min_bids: {
      default: 3,
      min: 2,
      max: 10,
      label: { 'zh-CN': '最少投标人数', 'en': 'Bidders required' },
    },
  },
  async check({ tradeId, thresholds }) {
    if (!tradeId) return []
    const { submitted, valid } = await submittedBidCount(tradeId)
    if (submitted >= thresholds.min_bids) return []
    return [
      {
        tradeId,
        dedupeKey: `trade-${tradeId}-few`,
        // A single valid bid is Cardinal's R018
        cardinalCode: valid === 1 ? 'R018' : undefined,
        evidence: { submitted, valid, required: thresholds.min_bids },
      },
    ]
  },
})
