import { randomBytes } from 'node:crypto'
import { avoidanceReasons } from './avoidance.js'
import { canonicalSnapshot, sha256Hex, snapshotHash } from './canonical.js'
import { RandomStream, SEED_BYTES } from './random_stream.js'
import type {
  DrawRecord,
  DrawRequest,
  DrawResult,
  ExpertSnapshot,
  Pick,
  PoolSnapshot,
  Shortfall,
  TopUp,
} from './types.js'

export class DrawInputError extends Error {}

const CODE = /^[A-C](?:\d{2}){0,3}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The commitment must be stored before `performDraw` runs with this seed. */
export function newSeed(): { seed: Buffer; commitment: string } {
  const seed = randomBytes(SEED_BYTES)
  return { seed, commitment: sha256Hex(seed) }
}

/** The codes a line may draw under, narrowest first. */
export function codesToTry(code: string, fallback: DrawRequest['fallback']): string[] {
  const codes = [code]
  const levels = fallback === 'none' ? 0 : fallback === 'parent' ? 1 : Infinity
  for (let current = code; current.length > 1 && codes.length <= levels;) {
    current = current.slice(0, current.length === 3 ? 1 : -2)
    codes.push(current)
  }
  return codes
}

function isCount(value: number, min: number): boolean {
  return Number.isSafeInteger(value) && value >= min
}

export function validateRequest(request: DrawRequest): void {
  const fail = (message: string) => {
    throw new DrawInputError(message)
  }
  if (request.lines.length === 0) fail('A draw needs at least one specialty line')
  const seen = new Set<string>()
  for (const line of request.lines) {
    if (!CODE.test(line.code)) fail(`"${line.code}" is not a classification code`)
    if (seen.has(line.code)) fail(`Specialty ${line.code} is listed twice`)
    if (!isCount(line.count, 1)) fail(`Specialty ${line.code} needs a positive count`)
    seen.add(line.code)
  }
  if (!isCount(request.reservePerLine, 0)) fail('The reserve count must be a whole number')
  if (!isCount(request.maxDrawsPerTenderer, 1)) fail('N must be a positive whole number')
  if (!DATE.test(request.drawDate)) fail(`"${request.drawDate}" is not a YYYY-MM-DD date`)
  if (!['none', 'parent', 'ancestors'].includes(request.fallback)) {
    fail(`Unknown fallback "${request.fallback}"`)
  }
}

/**
 * The main draw and every top-up must agree on who is eligible, who is
 * already on the list and where the stream stands, or a replay would drift.
 */
class Drawing {
  #eligible: ExpertSnapshot[]
  #taken: Set<string>
  #stream: RandomStream
  #fallback: DrawRequest['fallback']

  constructor(
    eligible: ExpertSnapshot[],
    taken: Iterable<string>,
    stream: RandomStream,
    fallback: DrawRequest['fallback']
  ) {
    this.#eligible = eligible
    this.#taken = new Set(taken)
    this.#stream = stream
    this.#fallback = fallback
  }

  get position(): number {
    return this.#stream.position
  }

  /**
   * Picks from the narrowest code first and widens only for what is still
   * missing, so a leaf with one expert still supplies that one. Candidates
   * keep snapshot order, which is what makes the index stream replayable.
   */
  fill(
    line: number,
    code: string,
    needed: number,
    kind: Shortfall['kind']
  ): { picks: Pick[]; shortfall: Shortfall | null } {
    const picks: Pick[] = []
    const triedCodes: string[] = []
    for (const viaCode of codesToTry(code, this.#fallback)) {
      if (picks.length === needed) break
      triedCodes.push(viaCode)
      const candidates = this.#eligible.filter(
        (expert) =>
          !this.#taken.has(expert.id) && expert.specialties.some((s) => s.startsWith(viaCode))
      )
      while (picks.length < needed && candidates.length > 0) {
        const [expert] = candidates.splice(this.#stream.below(candidates.length), 1)
        this.#taken.add(expert.id)
        picks.push({ expertId: expert.id, viaCode })
      }
    }
    const shortfall =
      picks.length < needed ? { line, code, kind, needed, got: picks.length, triedCodes } : null
    return { picks, shortfall }
  }
}

function eligibleAndExcluded(snapshot: PoolSnapshot, request: DrawRequest) {
  const eligible: ExpertSnapshot[] = []
  const exclusions: DrawResult['exclusions'] = []
  for (const expert of snapshot.experts) {
    const reasons = avoidanceReasons(expert, request)
    if (reasons.length === 0) eligible.push(expert)
    else exclusions.push({ expertId: expert.id, reasons })
  }
  return { eligible, exclusions }
}

/**
 * The draw itself, on a snapshot already in canonical form. Main picks for
 * every line come before any reserve, so reserves never starve a later line.
 */
export function drawFromSnapshot(
  seed: Buffer,
  snapshot: PoolSnapshot,
  request: DrawRequest
): DrawResult {
  validateRequest(request)
  const { eligible, exclusions } = eligibleAndExcluded(snapshot, request)
  const drawing = new Drawing(eligible, [], new RandomStream(seed), request.fallback)
  const shortfalls: Shortfall[] = []
  const run = (kind: 'drawn' | 'reserve') =>
    request.lines.map((line, index) => {
      const needed = kind === 'drawn' ? line.count : request.reservePerLine
      const { picks, shortfall } = drawing.fill(index, line.code, needed, kind)
      if (shortfall) shortfalls.push(shortfall)
      return picks
    })
  const drawn = run('drawn')
  const reserves = run('reserve')
  return {
    lines: request.lines.map((line, index) => ({
      code: line.code,
      drawn: drawn[index],
      reserves: reserves[index],
    })),
    exclusions,
    shortfalls,
    endBlock: drawing.position,
    topUps: [],
  }
}

export function performDraw(
  seed: Buffer,
  snapshot: PoolSnapshot,
  request: DrawRequest
): DrawRecord {
  const canonical = canonicalSnapshot(snapshot)
  return {
    commitment: sha256Hex(seed),
    seed: seed.toString('hex'),
    snapshotHash: snapshotHash(canonical),
    snapshot: canonical,
    request,
    result: drawFromSnapshot(seed, canonical, request),
  }
}

function everyone(result: DrawResult): string[] {
  return [
    ...result.lines.flatMap((line) => [...line.drawn, ...line.reserves]),
    ...result.topUps.flatMap((added) => added.drawn),
  ].map((pick) => pick.expertId)
}

/**
 * 补抽 for experts who declined: resumes the stream where the last draw
 * stopped and skips everyone already picked, so nobody is asked twice.
 */
export function computeTopUp(
  seed: Buffer,
  snapshot: PoolSnapshot,
  request: DrawRequest,
  result: DrawResult,
  line: number,
  declined: string[]
): TopUp {
  const requested = request.lines[line]
  if (!requested) throw new DrawInputError(`The draw has no line ${line}`)
  // A reserve called up to a seat may decline too, and is then topped up alike
  const onLine = new Set(
    [
      ...result.lines[line].drawn,
      ...result.lines[line].reserves,
      ...result.topUps.filter((t) => t.line === line).flatMap((t) => t.drawn),
    ].map((pick) => pick.expertId)
  )
  const alreadyDeclined = new Set(result.topUps.flatMap((t) => t.declined))
  if (declined.length === 0) throw new DrawInputError('A top-up needs at least one decline')
  for (const id of declined) {
    if (!onLine.has(id)) throw new DrawInputError(`Expert ${id} was not drawn for line ${line}`)
    if (alreadyDeclined.has(id)) throw new DrawInputError(`Expert ${id} has already declined`)
  }
  if (new Set(declined).size !== declined.length) {
    throw new DrawInputError('A decline is listed twice')
  }
  const startBlock = result.topUps.at(-1)?.endBlock ?? result.endBlock
  const { eligible } = eligibleAndExcluded(snapshot, request)
  const drawing = new Drawing(
    eligible,
    everyone(result),
    new RandomStream(seed, startBlock),
    request.fallback
  )
  const { picks, shortfall } = drawing.fill(line, requested.code, declined.length, 'top_up')
  return { line, declined, startBlock, endBlock: drawing.position, drawn: picks, shortfall }
}

export function topUp(record: DrawRecord, line: number, declined: string[]): DrawRecord {
  const seed = Buffer.from(record.seed, 'hex')
  const added = computeTopUp(seed, record.snapshot, record.request, record.result, line, declined)
  return { ...record, result: { ...record.result, topUps: [...record.result.topUps, added] } }
}
