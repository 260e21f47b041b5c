import db from '@adonisjs/lucid/services/db'

/**
 * The one clock of the platform: the database's time (the clock that judges
 * bid deadlines, in the statement that decides), plus the offset a test or
 * demo deployment may set to fast-forward a trade. Production cannot: the
 * platform_clock row refuses an offset when its mode is 'production'.
 */
export const PLATFORM_NOW_SQL = 'app.platform_now()'
/** The statement's time rather than the transaction's: judges arrivals at a deadline */
export const PLATFORM_EXACT_NOW_SQL = 'app.platform_exact_now()'

export class ClockOffsetRefusedError extends Error {
  constructor() {
    super('This deployment runs in production mode: its clock cannot be moved')
  }
}

export const clock = {
  async now(): Promise<Date> {
    const { rows } = await db.rawQuery(`select ${PLATFORM_NOW_SQL} as now`)
    return new Date(rows[0].now)
  },

  async offsetSeconds(): Promise<number> {
    const row = await db.from('platform_clock').where('id', 1).select('offset_seconds').first()
    return Number(row?.offset_seconds ?? 0)
  },

  /** Moves the platform time `seconds` ahead (test and demo modes only) */
  async advance(seconds: number) {
    try {
      await db.rawQuery(
        `update platform_clock set offset_seconds = offset_seconds + ?, updated_at = now() where id = 1`,
        [Math.trunc(seconds)]
      )
    } catch (error) {
      if ((error as { code?: string }).code === '23514') throw new ClockOffsetRefusedError()
      throw error
    }
  },

  /** Stops the platform time at `at` (test and demo modes only) */
  async freeze(at: Date) {
    try {
      await db.rawQuery(
        `update platform_clock set frozen_at = ?, updated_at = now() where id = 1`,
        [at]
      )
    } catch (error) {
      if ((error as { code?: string }).code === '23514') throw new ClockOffsetRefusedError()
      throw error
    }
  },

  async reset() {
    await db.rawQuery(
      `update platform_clock set offset_seconds = 0, frozen_at = null, updated_at = now() where id = 1`
    )
  },
}
