/** The five kinds of announcement (ARCHITECTURE.md §6), in the order of a trade */
export const ANNOUNCEMENT_KINDS = [
  'trade_notice',
  'qualification',
  'deal',
  'performance',
  'change',
] as const

export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number]
