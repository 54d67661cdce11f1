/**
 * Links in QR codes ("quishing"): the lure puts its link in an image, so that filters reading text and links never
 * see it, and the reader opens it on a phone, outside the company's protection. Images carried by the message
 * (attachments and inline `cid:` images, PNG or JPEG, known by their magic bytes) are decoded (pngjs, jpeg-js) and
 * searched for a QR code (jsQR); a web address in it is a link of the message. Remote images are never fetched.
 * Bounded: MAX_QR_IMAGES per message, MAX_QR_IMAGE_BYTES each, MAX_QR_IMAGE_PIXELS checked from the image's header
 * before anything is decoded (a 30,000 × 30,000 PNG of a few kilobytes would take gigabytes), and the search runs on
 * the image scaled down to MAX_QR_SIDE pixels a side: jsQR's time grows with pixels and with clutter (a 2-megapixel
 * image of noise took 6.8 s; 400 × 400 of noise takes about 0.2 s), while an e-mail's QR code stays readable at that
 * size. Light-on-dark (inverted) codes are not searched for: that would double the worst case.
 */
import jsQRModule from 'jsqr';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

// jsqr is a UMD bundle: its default export is the function, and the function's own `default` too; TypeScript
// (NodeNext) sees only the latter.
const jsQR = jsQRModule.default;

/** Images searched for a QR code, for a message and the messages attached to it together. */
export const MAX_QR_IMAGES = 4;
/** Bytes of an image decoded. */
export const MAX_QR_IMAGE_BYTES = 2 * 1024 * 1024;
/** Pixels of an image decoded: a QR lure is a few hundred pixels a side. */
export const MAX_QR_IMAGE_PIXELS = 2_000_000;
/** Longest side of the image searched (scaled down by a whole factor to fit). */
export const MAX_QR_SIDE = 400;
/** Memory jpeg-js may take for one image. */
const MAX_JPEG_MEMORY_MB = 64;

export type ImageKind = 'png' | 'jpeg' | '';

/** PNG or JPEG by magic bytes, '' for anything else. */
export function imageKind(content: Uint8Array): ImageKind {
  if (content.length >= 24 && content[0] === 0x89 && content[1] === 0x50 && content[2] === 0x4e && content[3] === 0x47) return 'png';
  if (content.length >= 4 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpeg';
  return '';
}

/** The web address in the image's QR code, or null (no code, not a web address, or over a bound). */
export function qrLink(content: Uint8Array): string | null {
  const kind = imageKind(content);
  if (kind === '' || content.length > MAX_QR_IMAGE_BYTES) return null;
  const image = kind === 'png' ? decodePng(Buffer.from(content.buffer, content.byteOffset, content.length)) : decodeJpeg(content);
  if (image === null) return null;
  const small = fitted(image);
  const code = jsQR(small.rgba, small.width, small.height, { inversionAttempts: 'dontInvert' });
  const text = code?.data.trim() ?? '';
  return /^h[tx]{2}ps?:\/\/\S+$/i.test(text) ? text : null;
}

interface Rgba { readonly rgba: Uint8ClampedArray; readonly width: number; readonly height: number }

/** The image scaled down by a whole factor until it fits MAX_QR_SIDE, each pixel the mean grey of its block. */
function fitted(image: Rgba): Rgba {
  const factor = Math.ceil(Math.max(image.width, image.height) / MAX_QR_SIDE);
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        let at = ((y * factor + dy) * image.width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, at += 4) sum += (image.rgba[at] ?? 0) + (image.rgba[at + 1] ?? 0) + (image.rgba[at + 2] ?? 0);
      }
      const grey = sum / (3 * area);
      const out = (y * width + x) * 4;
      rgba[out] = grey;
      rgba[out + 1] = grey;
      rgba[out + 2] = grey;
      rgba[out + 3] = 255;
    }
  }
  return { rgba, width, height };
}

function decodePng(content: Buffer): Rgba | null {
  // IHDR is the first chunk: width and height at bytes 16 and 20.
  const width = content.readUInt32BE(16);
  const height = content.readUInt32BE(20);
  if (width === 0 || height === 0 || width * height > MAX_QR_IMAGE_PIXELS) return null;
  try {
    const png = PNG.sync.read(content);
    return { rgba: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
  } catch {
    return null;
  }
}

function decodeJpeg(content: Uint8Array): Rgba | null {
  try {
    const image = jpeg.decode(content, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_QR_IMAGE_PIXELS / 1_000_000, maxMemoryUsageInMB: MAX_JPEG_MEMORY_MB });
    return { rgba: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), width: image.width, height: image.height };
  } catch {
    return null;
  }
}
