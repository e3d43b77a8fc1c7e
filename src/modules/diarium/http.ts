import type { FastifyReply } from 'fastify';
import type { DiariumPackage } from './package.ts';

/** The package as a download, with its checksum as Repr-Digest (RFC 9530) so the receiver can check it. */
export function sendPackage(reply: FastifyReply, pkg: DiariumPackage) {
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="${pkg.filename}"`)
    .header('repr-digest', `sha-256=:${Buffer.from(pkg.sha256, 'hex').toString('base64')}:`)
    .header('cache-control', 'no-store')
    .send(pkg.zip);
}
