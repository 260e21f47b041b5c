import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'

/**
 * Passwords refused at sign-up (ASVS 6.2.4), from data/common-passwords.txt,
 * compared case-insensitively. Read once, on first use.
 */
let list: Set<string> | undefined

function load() {
  const text = readFileSync(app.makePath('data/common-passwords.txt'), 'utf8')
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#'))
  )
}

export function isCommonPassword(password: string) {
  list ??= load()
  return list.has(password.toLowerCase())
}
