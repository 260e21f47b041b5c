/**
 * The file types a trade document may be (ASVS 5.2.2): the extension picks
 * the type and the first bytes must match it; the client's content type is
 * never read. OFD (GB/T 33190), docx and xlsx are zip containers.
 */
const PDF = [Buffer.from('%PDF-')]
const OLE2 = [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])]
const ZIP = [Buffer.from([0x50, 0x4b, 0x03, 0x04])]
const JPEG = [Buffer.from([0xff, 0xd8, 0xff])]
const PNG = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])]

interface FileType {
  mime: string
  magic: Buffer[]
}

export const DOCUMENT_TYPES: Record<string, FileType> = {
  pdf: { mime: 'application/pdf', magic: PDF },
  doc: { mime: 'application/msword', magic: OLE2 },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: ZIP,
  },
  xls: { mime: 'application/vnd.ms-excel', magic: OLE2 },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP },
  zip: { mime: 'application/zip', magic: ZIP },
  ofd: { mime: 'application/ofd', magic: ZIP },
  jpg: { mime: 'image/jpeg', magic: JPEG },
  jpeg: { mime: 'image/jpeg', magic: JPEG },
  png: { mime: 'image/png', magic: PNG },
}

/** Bytes of the file head the sniffing needs */
export const MAGIC_LENGTH = 8

export function extensionOf(fileName: string) {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : ''
}

export function matchesType(extension: string, head: Buffer) {
  const type = DOCUMENT_TYPES[extension]
  return !!type && type.magic.some((magic) => head.subarray(0, magic.length).equals(magic))
}
