/**
 * A stable hash of this browser and device, sent with each bid so alert
 * rule W01 can see two bidders preparing bids on one machine (domain.md
 * §7.1 keeps CPU and disk serials; a browser can offer only this). A random
 * device id kept in localStorage makes it stable across sessions; the
 * device's traits make it survive the id being cleared.
 */
const DEVICE_ID_KEY = 'ggzy.device-id'

function deviceId() {
  try {
    let id = localStorage.getItem(DEVICE_ID_KEY)
    if (!id) {
      id = crypto.randomUUID()
      localStorage.setItem(DEVICE_ID_KEY, id)
    }
    return id
  } catch {
    // Private mode without storage: the traits alone
    return ''
  }
}

export async function deviceFingerprint(): Promise<string> {
  const traits = [
    deviceId(),
    navigator.userAgent,
    navigator.language,
    String(navigator.hardwareConcurrency ?? ''),
    `${screen.width}x${screen.height}x${screen.colorDepth}`,
    Intl.DateTimeFormat().resolvedOptions().timeZone,
  ].join('|')
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(traits))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}
