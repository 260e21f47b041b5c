/**
 * Plain data for the verifiable draw. Everything here is published with a
 * draw record once the seed is revealed, so it carries no names and no raw
 * ID numbers. `personKey` should be a keyed digest (HMAC with a platform
 * secret): a bare hash of an 18-character ID number can be brute-forced.
 */

/** Dates are calendar days in Chongqing time, `YYYY-MM-DD`. */
export type IsoDate = string

export type ExpertStatus = 'active' | 'suspended' | 'blacklisted' | 'retired'

export interface DeclaredRelation {
  /** Where a relative works, or a company the expert holds shares in. */
  kind: 'relative_employer' | 'shareholding'
  uscc: string
}

/** One expert as the draw sees it: only the fields a rule reads. */
export interface ExpertSnapshot {
  id: string
  /** Digest of the ID number, compared with the supervising staff's digests. */
  personKey: string
  employerUscc: string
  relations: DeclaredRelation[]
  /** Classification codes of the 2018 standard, usually leaves (A010101). */
  specialties: string[]
  regions: string[]
  status: ExpertStatus
  /** End of a suspension or blacklist period; null means open-ended. */
  statusUntil: IsoDate | null
  busyDates: IsoDate[]
  /** Draws per tenderer USCC within the 12 months before the draw date. */
  recentDraws: Record<string, number>
}

export interface PoolSnapshot {
  experts: ExpertSnapshot[]
}

export interface SpecialtyLine {
  code: string
  count: number
}

export interface LotContext {
  tendererUscc: string
  bidderUsccs: string[]
  /** Person keys of the supervising department's staff. */
  supervisorKeys: string[]
}

/**
 * How far an underfilled code may widen: `parent` drops one level
 * (A010101 → A0101), `ancestors` keeps going up to the category letter.
 */
export type Fallback = 'none' | 'parent' | 'ancestors'

export interface DrawRequest {
  lines: SpecialtyLine[]
  /** Reserves drawn for each line, after every line has its main picks. */
  reservePerLine: number
  regions: string[] | 'any'
  excludedIds: string[]
  drawDate: IsoDate
  lot: LotContext
  /** N: an expert may serve the same tenderer at most N times in 12 months. */
  maxDrawsPerTenderer: number
  fallback: Fallback
}

export type ExclusionReason =
  | 'employer_is_tenderer'
  | 'employer_is_bidder'
  | 'relative_at_party'
  | 'shareholding_in_party'
  | 'supervising_staff'
  | 'tenderer_quota'
  | 'suspended'
  | 'blacklisted'
  | 'retired'
  | 'busy'
  | 'excluded'
  | 'region'

export interface Exclusion {
  expertId: string
  reasons: ExclusionReason[]
}

export interface Pick {
  expertId: string
  /** The code the expert was drawn under; differs from the line's code after a fallback. */
  viaCode: string
}

export interface LineResult {
  code: string
  drawn: Pick[]
  reserves: Pick[]
}

export interface Shortfall {
  line: number
  code: string
  kind: 'drawn' | 'reserve' | 'top_up'
  needed: number
  got: number
  /** Every code tried, narrowest first, so the report says how far it widened. */
  triedCodes: string[]
}

export interface TopUp {
  line: number
  declined: string[]
  /** Stream position the top-up started from, so anyone can resume there. */
  startBlock: number
  endBlock: number
  drawn: Pick[]
  shortfall: Shortfall | null
}

export interface DrawResult {
  lines: LineResult[]
  exclusions: Exclusion[]
  shortfalls: Shortfall[]
  endBlock: number
  topUps: TopUp[]
}

/** What is published: the seed is empty until revealed after the draw. */
export interface DrawRecord {
  commitment: string
  seed: string
  snapshotHash: string
  snapshot: PoolSnapshot
  request: DrawRequest
  result: DrawResult
}
