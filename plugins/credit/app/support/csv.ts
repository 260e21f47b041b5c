/**
 * RFC 4180 CSV, as the exchange files need it: quoted cells may hold commas,
 * quotes and line breaks. Each parsed row keeps the line it started on, so an
 * import can name the line of a bad row.
 */
export interface CsvRow {
  line: number
  cells: string[]
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  const source = text.replace(/^\uFEFF/, '')
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
      continue
    }
    if (char === '"' && cell === '') {
      quoted = true
    } else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++
      cells.push(cell)
      if (cells.some((value) => value !== '')) rows.push({ line: rowLine, cells })
      cells = []
      cell = ''
      line++
      rowLine = line
    } else {
      cell += char
    }
  }
  cells.push(cell)
  if (cells.some((value) => value !== '')) rows.push({ line: rowLine, cells })
  return rows
}

function quote(value: string) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

export function toCsv(header: readonly string[], rows: Array<Record<string, string>>) {
  const lines = [header.join(',')]
  for (const row of rows) lines.push(header.map((column) => quote(row[column] ?? '')).join(','))
  return lines.join('\r\n') + '\r\n'
}
