/**
 * A CSV reader for maintainers' imports (RFC 4180: quoted cells may hold
 * commas, quotes doubled, line breaks): spreadsheets export exactly this.
 * Each record keeps the file line it starts on, so a report can name it.
 */
export interface CsvRecord {
  line: number
  cells: string[]
}

export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  const endRecord = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0].trim() !== '') records.push({ line: start, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') {
        quoted = false
      } else {
        if (char === '\n') line++
        cell += char
      }
    } else if (char === '"' && cell === '') {
      quoted = true
    } else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else {
      cell += char
    }
  }
  if (cell !== '' || cells.length > 0) endRecord()
  return records
}

/** The header row names the columns; the rest become objects keyed by it */
export function csvObjects(
  text: string,
  required: readonly string[]
): { missing: string[]; rows: Array<{ line: number; values: Record<string, string> }> } {
  const [header, ...records] = parseCsv(text)
  const columns = (header?.cells ?? []).map((name) => name.trim())
  const missing = required.filter((name) => !columns.includes(name))
  return {
    missing,
    rows: records.map((record) => ({
      line: record.line,
      values: Object.fromEntries(columns.map((name, i) => [name, (record.cells[i] ?? '').trim()])),
    })),
  }
}
