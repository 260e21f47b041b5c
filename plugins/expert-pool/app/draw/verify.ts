import { canonicalSnapshot, sha256Hex, snapshotHash } from './canonical.js'
import { computeTopUp, drawFromSnapshot } from './draw.js'
import type { DrawRecord, DrawResult } from './types.js'

export type Verdict = { match: true } | { match: false; difference: string }

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value)
}

/** The first place two JSON values differ, as a path, or null when equal. */
export function firstDifference(expected: unknown, actual: unknown, path: string): string | null {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length)
    for (let i = 0; i < length; i++) {
      const found = firstDifference(expected[i], actual[i], `${path}[${i}]`)
      if (found) return found
    }
    return null
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()
    for (const key of keys) {
      const found = firstDifference(expected[key], actual[key], `${path}.${key}`)
      if (found) return found
    }
    return null
  }
  return expected === actual
    ? null
    : `${path}: re-run gives ${describe(expected)}, the record says ${describe(actual)}`
}

function rerun(record: DrawRecord, seed: Buffer): DrawResult {
  const snapshot = canonicalSnapshot(record.snapshot)
  const result = drawFromSnapshot(seed, snapshot, record.request)
  for (const published of record.result.topUps ?? []) {
    result.topUps.push(
      computeTopUp(seed, snapshot, record.request, result, published.line, published.declined)
    )
  }
  return result
}

/**
 * Anyone holding the published record can run this: it needs the revealed
 * seed, the snapshot and the request, and trusts nothing else in the record.
 */
export function verifyDraw(record: DrawRecord): Verdict {
  const mismatch = (difference: string): Verdict => ({ match: false, difference })
  if (typeof record.seed !== 'string' || !/^[0-9a-f]{64}$/.test(record.seed)) {
    return mismatch('seed: not revealed as 32 bytes of lowercase hex')
  }
  const seed = Buffer.from(record.seed, 'hex')
  if (sha256Hex(seed) !== record.commitment) {
    return mismatch('commitment: sha256(seed) does not equal the recorded commitment')
  }
  let hash: string
  let result: DrawResult
  try {
    hash = snapshotHash(record.snapshot)
    result = rerun(record, seed)
  } catch (error) {
    return mismatch(`re-run failed: ${(error as Error).message}`)
  }
  if (hash !== record.snapshotHash) {
    return mismatch(
      `snapshotHash: the snapshot hashes to ${hash}, the record says ${record.snapshotHash}`
    )
  }
  const difference = firstDifference(result, record.result, 'result')
  return difference ? mismatch(difference) : { match: true }
}
