/** What the bidding and opening pages show of a trade's timetable (biddingTimetable on the server) */
export interface Timetable {
  id: number
  title: string
  bidDeadline: string | null
  openingStarted: string | null
  decryptionEnds: string | null
  openingClosed: string | null
}

/** An instant in Beijing time, as the platform's deadlines are stated */
export function beijingTime(iso: string | null, locale: string) {
  return iso
    ? new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
      })
    : '—'
}
