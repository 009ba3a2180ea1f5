/**
 * How text and Markdown name a domain or host: an IDN as its A-label (what DNS and the JSON hold)
 * with the Unicode form beside it, `xn--bcher-kva.example (bücher.example)`, so a reader can
 * recognise the name and still search logs and zones for the form that is really used. The
 * A-label always comes first: the Unicode form alone could hide a look-alike.
 */
import { toULabels } from '../core/idn.js';

export function domainLabel(name: string): string {
  const unicode = toULabels(name);
  return unicode === null ? name : `${name} (${unicode})`;
}
