// Hover in a baseline: what a rule detects, which agent data feeds it, the alert's severity; what a CIDR
// covers; property descriptions from the schema.
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { SourceDocument } from '../../language/document';
import type { Hover, Position } from '../../language/types';
import { CUSTOM_ALERT_SEVERITY, feedText, listOfKind, ruleTypeInfo } from '../rule-types';
import { groupsOf } from '../baseline-model';
import { bounds4, formatCidr, parseCidr } from '../../intel/ip';
import { specialRangeOf } from '../../intel/special-ranges';

export function ruleTypeMarkdown(ruleType: string): string | undefined {
  const info = ruleTypeInfo(ruleType);
  if (!info) return undefined;
  return [
    `**${info.displayName}** (\`${info.ruleType}\`)`,
    '',
    info.description,
    '',
    `- Fed by: ${feedText[info.feed]}`,
    `- Raises: custom alert \`IoT_CA_${info.ruleType}\`, severity **${CUSTOM_ALERT_SEVERITY}** (every custom alert is Low)`,
    `- Goes in: ${info.kinds.map((k) => `\`${listOfKind[k]}\``).join(', ')}`,
    info.rtosUnusable ? `- **An RTOS device cannot feed it:** ${info.rtosUnusable}.` : '- An RTOS device running the micro agent feeds it.',
  ].join('\n');
}

export function cidrMarkdown(text: string): string | undefined {
  const c = parseCidr(text);
  if (!c) return undefined;
  const size = c.version === 4 ? `${2 ** (32 - c.prefix)} addresses (${formatCidr(c).split('/')[0]} – ${(() => { const e = bounds4(c)[1]; return `${e >>> 24}.${(e >>> 16) & 255}.${(e >>> 8) & 255}.${e & 255}`; })()})` : `2^${128 - c.prefix} addresses`;
  const special = specialRangeOf(c);
  return `**${formatCidr(c)}**: ${size}${special ? `; overlaps ${special} space` : ''}${c.hostBitsSet ? `; host bits set, read as ${formatCidr(c)}` : ''}.`;
}

export function baselineHover(doc: SourceDocument, position: Position, root: Node | undefined): Hover | undefined {
  if (!root) return undefined;
  const offset = doc.offsetAt(position);
  const node = findNodeAtOffset(root, offset);
  if (!node) return undefined;
  const range = doc.rangeOf(node.offset, node.offset + node.length);
  if (node.type === 'string' && typeof node.value === 'string') {
    if (ruleTypeInfo(node.value)) return { contents: ruleTypeMarkdown(node.value)!, range };
    const inList = node.parent?.type === 'array' && node.parent.parent?.children?.[0]?.value?.toString().endsWith('listValues');
    if (inList) { const md = cidrMarkdown(node.value); if (md) return { contents: md, range }; }
  }
  // Anywhere else in a rule: the rule's own description.
  for (const g of groupsOf(root)) {
    if (g.nameNode && offset >= g.nameNode.offset && offset <= g.nameNode.offset + g.nameNode.length) {
      return { contents: `**Security group "${g.name}"**: ${g.rules.length} rule(s). Applies to devices whose twin tag \`SecurityGroup\` is "${g.name}"${g.name.toLowerCase() === 'default' ? ' or absent' : ''}.`, range };
    }
  }
  return undefined;
}
