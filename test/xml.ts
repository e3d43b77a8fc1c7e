import { execFileSync } from 'node:child_process';

/**
 * XML checks with libxml2's xmllint (Debian libxml2-utils), a parser independent of ours:
 * well-formedness, and values by XPath.
 */
export function xmlWellFormed(xml: string): void {
  execFileSync('xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function xpath(xml: string, expression: string): string {
  // xmllint ends what it prints with a newline of its own.
  return execFileSync('xmllint', ['--xpath', expression, '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] }).toString('utf8').replace(/\n$/, '');
}

/** The names of an element's children, in order, by XPath (e.g. '/service_requests/request[1]/*'). */
export function childNames(xml: string, path: string): string[] {
  const count = Number(xpath(xml, `count(${path})`));
  return Array.from({ length: count }, (_, i) => xpath(xml, `name((${path})[${i + 1}])`));
}
