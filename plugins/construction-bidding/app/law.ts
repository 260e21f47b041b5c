import type { LegalPeriod } from '#trading/periods/legal_period'
import { checkPeriod } from '#trading/periods/legal_period'
import { chinaDateOf } from '#trading/periods/local_date'
import { loadWorkingCalendar } from '#trading/periods/calendar_store'
import type { RuleRefusal } from '#trading/engine/define_procedure'

/**
 * The periods and limits of domain.md §1.1, each with its legal basis, as
 * the procedures name them. Calendar days unless the law says otherwise.
 */
const law = (zh: string, en: string) => ({ 'zh-CN': zh, en })
const REGULATIONS = '《招标投标法实施条例》'

export const PERIODS = {
  /** 资格预审文件或者招标文件的发售期不得少于5日 (条例 Art. 16) */
  documentSale: {
    code: 'construction.document_sale',
    days: 5,
    unit: 'calendar',
    basis: law(`${REGULATIONS}第十六条`, 'Bidding Law Regulations Art. 16'),
  },
  /** 提交资格预审申请文件的时间，自停止发售之日起不得少于5日 (条例 Art. 17) */
  prequalApplications: {
    code: 'construction.prequal_applications',
    days: 5,
    unit: 'calendar',
    basis: law(`${REGULATIONS}第十七条`, 'Bidding Law Regulations Art. 17'),
  },
  /** 自招标文件开始发出之日起至投标截止之日止，最短不得少于20日 (法 Art. 24) */
  documentsToDeadline: {
    code: 'construction.documents_to_deadline',
    days: 20,
    unit: 'calendar',
    basis: law('《招标投标法》第二十四条', 'Bidding Law Art. 24'),
  },
  /** 对招标文件有异议的，应当在投标截止时间10日前提出 (条例 Art. 22) */
  objectionBeforeDeadline: {
    code: 'construction.objection_before_deadline',
    days: 10,
    unit: 'calendar',
    basis: law(`${REGULATIONS}第二十二条`, 'Bidding Law Regulations Art. 22'),
  },
  /** 招标人应当自收到异议之日起3日内作出答复 (条例 Arts. 22, 54) */
  objectionAnswer: {
    code: 'construction.objection_answer',
    days: 3,
    unit: 'calendar',
    basis: law(`${REGULATIONS}第二十二条、第五十四条`, 'Bidding Law Regulations Arts. 22, 54'),
  },
  /** 公示期不得少于3日 (条例 Art. 54) */
  candidatePublicity: {
    code: 'construction.candidate_publicity',
    days: 3,
    unit: 'calendar',
    basis: law(`${REGULATIONS}第五十四条`, 'Bidding Law Regulations Art. 54'),
  },
} satisfies Record<string, LegalPeriod>

/** 招标人应当自收到评标报告之日起3日内公示中标候选人 (条例 Art. 54) */
export const CANDIDATES_DUE_DAYS = 3
/** 书面合同应自中标通知书发出之日起30日内订立 (法 Art. 46) */
export const CONTRACT_DUE_DAYS = 30
/** 投标保证金不得超过招标项目估算价的2% (条例 Art. 26) */
export const MAX_DEPOSIT_SHARE = 0.02
/** 投标人少于3个的，不得开标 (条例 Art. 44); 邀请招标至少3个 (法 Art. 17) */
export const MIN_BIDS = 3
export const MIN_INVITEES = 3
export const MAX_CANDIDATES = 3
/** Funds of the state: the first-ranked candidate wins unless it drops out (条例 Art. 55) */
export const STATE_FUND_SOURCES = ['city_finance', 'district_finance', 'state_capital']

export const DAY_MS = 86_400_000

export const refusal = (messageKey: string, values: Record<string, unknown> = {}): RuleRefusal => ({
  messageKey,
  values,
})

/**
 * The refusal the engine gives for a too-short period, for periods that
 * count from the transition's own moment or end at an instant it proposes
 * (the engine's own period rules count between stored milestones).
 */
export async function periodRefusal(
  period: LegalPeriod,
  start: Date,
  end: Date
): Promise<RuleRefusal | null> {
  const result = checkPeriod(
    period,
    chinaDateOf(start),
    chinaDateOf(end),
    await loadWorkingCalendar()
  )
  if (result.ok) return null
  return refusal('trading.errors.period_too_short', {
    rule: period.code,
    days: period.days,
    unit: period.unit,
    basisZh: period.basis['zh-CN'],
    basisEn: period.basis.en,
    earliest: result.earliest,
  })
}
