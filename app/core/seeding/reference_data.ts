import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'

/** Minimal CSV reader for the shipped reference files (no quoted commas in them). */
export async function readCsv(relativePath: string): Promise<Record<string, string>[]> {
  const text = await readFile(app.makePath(relativePath), 'utf8')
  const [header, ...lines] = text.trim().split(/\r?\n/)
  const columns = header.split(',')
  return lines
    .filter((line) => line.trim())
    .map((line) => {
      const cells = line.split(',')
      return Object.fromEntries(columns.map((column, i) => [column, (cells[i] ?? '').trim()]))
    })
}
