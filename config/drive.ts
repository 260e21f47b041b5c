import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Uploaded documents (tender documents and the like). Files are private:
 * they are read only through routes that check access and audit the read,
 * so the local disk never serves them itself. Tests keep theirs under tmp/.
 */
export const driveRoot = app.makePath(
  env.get('DRIVE_ROOT') ?? (app.inTest ? 'tmp/storage' : 'storage')
)

const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK') ?? 'fs',
  services: {
    fs: services.fs({
      location: driveRoot,
      serveFiles: false,
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
