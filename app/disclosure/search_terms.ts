/**
 * Chinese keyword search without a segmenter (ARCHITECTURE.md §6): a Han run
 * is indexed as its characters and its overlapping pairs, so any query of
 * one or two characters is a lexeme, and a longer one is the AND of its
 * pairs. Other letters and digits are indexed as whole words. The index only
 * narrows: candidates are rechecked for the exact substring.
 */
const TOKEN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu
const HAN = /^\p{Script=Han}/u

/** Full-width letters and digits (ＡＢＣ１２３) fold to ASCII, as NFKC does in SQL */
export function normalizeText(text: string) {
  return text.normalize('NFKC').toLowerCase()
}

function tokens(text: string) {
  return normalizeText(text).match(TOKEN) ?? []
}

function pairs(run: string) {
  const chars = [...run]
  return chars.slice(1).map((char, index) => chars[index] + char)
}

/** The lexemes stored for a text: `array_to_tsvector` takes them verbatim */
export function documentLexemes(text: string): string[] {
  const lexemes = new Set<string>()
  for (const token of tokens(text)) {
    if (HAN.test(token)) {
      for (const char of token) lexemes.add(char)
      for (const pair of pairs(token)) lexemes.add(pair)
    } else {
      lexemes.add(token)
    }
  }
  return [...lexemes]
}

export interface KeywordQuery {
  /** tsquery text for the GIN index, lexemes quoted */
  tsquery: string
  /** Normalized terms each candidate must contain */
  terms: string[]
}

function quoted(lexeme: string) {
  return `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}

/**
 * A keyword string as index lexemes and exact terms. Terms are separated by
 * white space and must all occur; a term without letters or digits cannot be
 * searched for and is dropped. Null when nothing is left.
 */
export function keywordQuery(keywords: string): KeywordQuery | null {
  const terms: string[] = []
  const parts: string[] = []
  for (const term of normalizeText(keywords).split(/\s+/u)) {
    const termTokens = tokens(term)
    if (!termTokens.length) continue
    terms.push(term)
    for (const token of termTokens) {
      if (!HAN.test(token)) parts.push(`${quoted(token)}:*`)
      else if ([...token].length === 1) parts.push(quoted(token))
      else parts.push(...pairs(token).map(quoted))
    }
  }
  if (!terms.length) return null
  return { tsquery: [...new Set(parts)].join(' & '), terms }
}
