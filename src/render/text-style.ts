/**
 * Colour in the text rendering (issue 14): only on a terminal, never with NO_COLOR set
 * (https://no-color.org: present and not empty) or TERM=dumb, never into a file. The codes are
 * added after untrusted values were escaped (text.ts), so a value can never bring its own.
 */

export type Style = 'error' | 'warning' | 'notice' | 'pass' | 'strong' | 'dim' | 'fix';

const SGR: Record<Style, string> = {
  error: '1;31',
  warning: '1;33',
  notice: '36',
  pass: '1;32',
  strong: '1',
  dim: '2',
  fix: '32',
};

export interface ColorContext {
  /** Whether the rendering goes to a terminal (stdout.isTTY, and no --output file). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

export function colorWanted({ isTTY, env }: ColorContext): boolean {
  if (!isTTY) return false;
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  return env['TERM'] !== 'dumb';
}

/** `text` in `style` when colour is on; as is otherwise. */
export function paint(text: string, style: Style | undefined, color: boolean): string {
  return color && style && text !== '' ? `\x1b[${SGR[style]}m${text}\x1b[0m` : text;
}
