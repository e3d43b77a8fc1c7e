import { mkdir, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import type { PackageFile } from './premis.ts';

/** Writes a package into <out>/<package id>/, never over an existing folder. Returns the folder. */
export async function writePackage(out: string, id: string, files: PackageFile[]): Promise<string> {
  const dir = path.resolve(out, id);
  const exists = await access(dir).then(
    () => true,
    () => false,
  );
  if (exists) throw new Error(`${dir} finns redan`);
  for (const f of files) {
    const target = path.join(dir, f.path);
    // Paths are made by build.ts from case numbers and cleaned file names; never let one escape.
    if (!target.startsWith(dir + path.sep)) throw new Error(`Ogiltig sökväg i paketet: ${f.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.bytes);
  }
  return dir;
}

/** The package as one zip file with the package folder at its root, for download. */
export async function zipPackage(id: string, files: PackageFile[]): Promise<Buffer> {
  // Loaded when a package is downloaded (rarely), not in every process at start.
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  for (const f of files) zip.file(`${id}/${f.path}`, f.bytes, { date: new Date('2000-01-01T00:00:00Z') });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
