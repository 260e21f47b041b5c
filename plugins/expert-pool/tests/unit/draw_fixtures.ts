import { createHash } from 'node:crypto'
import type { DrawRequest, ExpertSnapshot } from '../../app/draw/types.js'

export const TENDERER = '91500000000000001A'
export const BIDDER = '91500000000000002B'
export const OTHER = '91500000000000009X'

/** Seeds derived from labels keep every test deterministic. */
export function seedOf(label: string): Buffer {
  return createHash('sha256').update(label).digest()
}

export function expert(id: string, overrides: Partial<ExpertSnapshot> = {}): ExpertSnapshot {
  return {
    id,
    personKey: `key-${id}`,
    employerUscc: OTHER,
    relations: [],
    specialties: ['A010101'],
    regions: ['500101'],
    status: 'active',
    statusUntil: null,
    busyDates: [],
    recentDraws: {},
    ...overrides,
  }
}

export function pool(size: number, overrides: Partial<ExpertSnapshot> = {}): ExpertSnapshot[] {
  return Array.from({ length: size }, (_, i) => expert(`e${String(i).padStart(3, '0')}`, overrides))
}

export function request(overrides: Partial<DrawRequest> = {}): DrawRequest {
  return {
    lines: [{ code: 'A010101', count: 3 }],
    reservePerLine: 1,
    regions: 'any',
    excludedIds: [],
    drawDate: '2027-03-15',
    lot: { tendererUscc: TENDERER, bidderUsccs: [BIDDER], supervisorKeys: [] },
    maxDrawsPerTenderer: 3,
    fallback: 'none',
    ...overrides,
  }
}

export function drawnIds(lines: { drawn: { expertId: string }[] }[]): string[] {
  return lines.flatMap((line) => line.drawn.map((pick) => pick.expertId))
}
