/** Render the config JSON Schema as a Markdown table (docs/config-reference.md), one row per setting. */
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
};

export function configReference(schema: Schema): string {
  const rows: string[] = [];
  const visit = (s: Schema, path: string, required: boolean) => {
    const variants = s.anyOf ?? s.oneOf ?? s.allOf;
    if (s.properties) {
      for (const [k, v] of Object.entries(s.properties)) if (k !== '$schema') visit(v, path ? `${path}.${k}` : k, (s.required ?? []).includes(k));
      return;
    }
    if (variants?.some((v) => v.properties)) {
      for (const v of variants) {
        const tag = v.properties?.driver?.const ?? v.properties?.mode?.const;
        visit(v, tag !== undefined ? `${path} (${String((v.properties?.driver ? 'driver=' : 'mode=') + String(tag))})` : path, required);
      }
      return;
    }
    rows.push(`| \`${path}\` | ${describeType(s)} | ${s.default !== undefined ? `\`${JSON.stringify(s.default)}\`` : required ? 'required' : '—'} | ${(s.description ?? '').replace(/\|/g, '\\|')} |`);
  };
  visit(schema, '', true);
  return `${['| setting | allowed | default | meaning |', '|---|---|---|---|', ...rows].join('\n')}\n`;
}

function describeType(s: Schema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(describeType).join(' or ');
  let t = Array.isArray(s.type) ? s.type.join('/') : (s.type ?? 'any');
  if (t === 'array' && s.items) t = `array of ${describeType(s.items)}`;
  if (s.pattern) t += ` matching \`${s.pattern.replace(/\|/g, '\\|')}\``;
  if (s.minimum !== undefined || s.maximum !== undefined) t += ` ${s.minimum ?? ''}…${s.maximum ?? ''}`;
  return t;
}
