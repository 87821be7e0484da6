import { z } from 'zod';
import { commandDefs, eventDefs, ERROR_CODES } from '../../contract/api';

/** docs/api-reference.md: every command and event of the local API with its schemas, from the contract itself. */
export function apiReference(): string {
  const js = (s: z.ZodType) => {
    try {
      return JSON.stringify(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }));
    } catch {
      return '(not representable)';
    }
  };
  const out = ['## Commands', ''];
  for (const [name, def] of Object.entries(commandDefs) as Array<[string, { args: z.ZodType; result: z.ZodType; doc: string }]>) {
    out.push(`### \`${name}\``, '', def.doc, '', `- args: \`${js(def.args)}\``, `- result: \`${js(def.result)}\``, '');
  }
  out.push('## Events', '');
  for (const [name, def] of Object.entries(eventDefs) as Array<[string, { data: z.ZodType; doc: string }]>) {
    out.push(`### \`${name}\``, '', def.doc, '', `- data: \`${js(def.data)}\``, '');
  }
  out.push('## Error codes', '', ERROR_CODES.map((c) => `\`${c}\``).join(', '), '');
  return out.join('\n');
}
