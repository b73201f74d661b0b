import fs from 'node:fs';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.bin': 'application/octet-stream',
};

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { found: true; file: string; contentType: string; size: number; /** Vite's hashed assets never change. */ immutable: boolean }
  | { found: false; status: 400 | 404 | 503; message: string };

/**
 * Maps a URL path onto a file of the built renderer. Refuses anything that could leave the
 * root (`..`, encoded separators, NUL, dotfiles, symlinks pointing out) with 400 rather than
 * normalising it away. A path without an extension that names no file is an app route and gets
 * index.html (SPA fallback); a missing file with an extension is a plain 404.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticLookup> {
  const segments: string[] = [];
  for (const raw of urlPath.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { found: false, status: 400, message: 'malformed percent-encoding in the path' };
    }
    if (seg === '..' || seg === '.' || /[/\\\0]/.test(seg)) return { found: false, status: 400, message: 'path not allowed' };
    if (seg.startsWith('.')) return { found: false, status: 404, message: 'not found' };
    segments.push(seg);
  }

  let realRoot: string;
  try {
    realRoot = await fs.promises.realpath(root);
  } catch {
    return { found: false, status: 503, message: 'the user interface is not built: run `npm run build`' };
  }

  const wanted = segments.length === 0 ? 'index.html' : path.join(...segments);
  const hit = await fileInside(realRoot, wanted);
  if (hit) return hit;
  if (segments.length > 0 && path.extname(segments[segments.length - 1]!) !== '') {
    return { found: false, status: 404, message: 'not found' };
  }
  return (
    (await fileInside(realRoot, 'index.html')) ?? {
      found: false,
      status: 503,
      message: 'the user interface is not built: run `npm run build`',
    }
  );
}

async function fileInside(realRoot: string, relative: string): Promise<StaticLookup | null> {
  let real: string;
  let stat: fs.Stats;
  try {
    real = await fs.promises.realpath(path.join(realRoot, relative));
    stat = await fs.promises.stat(real);
  } catch {
    return null;
  }
  if (!stat.isFile() || !real.startsWith(realRoot + path.sep)) return null;
  const rel = path.relative(realRoot, real);
  return {
    found: true,
    file: real,
    contentType: contentTypeOf(real),
    size: stat.size,
    immutable: rel.startsWith(`assets${path.sep}`),
  };
}
